import { Link } from 'react-router';
import { PageHeader } from '../../ui';

export function ForbiddenContent() {
  return (
    <>
      <PageHeader title="Accès refusé" />
      <div className="prose">
        <p>Vous n’avez pas les droits nécessaires pour afficher cette page.</p>
        <p>
          Les droits dépendent de votre rôle et de votre périmètre (pôle d’insertion ou structure). Si vous
          pensez qu’il s’agit d’une erreur, contactez l’administrateur de Parcours de votre département.
        </p>
        <p>
          <Link to="/">Retour à l’accueil</Link>
        </p>
      </div>
    </>
  );
}

export function NotFoundContent() {
  return (
    <>
      <PageHeader title="Page introuvable" />
      <div className="prose">
        <p>La page demandée n’existe pas ou a été déplacée. Vérifiez l’adresse saisie.</p>
        <p>
          <Link to="/">Retour à l’accueil</Link>
        </p>
      </div>
    </>
  );
}
