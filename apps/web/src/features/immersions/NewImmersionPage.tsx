import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../ui';
import { createImmersion } from './api';
import { ImmersionForm } from './ImmersionForm';
import './immersions.css';

export function ImmersionBackLink({ personId }: { personId: string }) {
  return (
    <p className="back-link">
      <Link to={`/personnes/${personId}#immersions`}>
        <span aria-hidden="true">← </span>Dossier de la personne
      </Link>
    </p>
  );
}

/** A new PMSMP convention for the person: the form, then the convention's page once saved. */
export function NewImmersionPage() {
  const { id: personId = '' } = useParams();
  const navigate = useNavigate();
  return (
    <>
      <ImmersionBackLink personId={personId} />
      <PageHeader
        title="Nouvelle immersion (PMSMP)"
        description={
          <p>
            Période de mise en situation en milieu professionnel : convention entre la personne, la structure
            d’accueil et votre structure, signée par les trois avant le début. 30 jours calendaires et 48
            heures par semaine au plus.
          </p>
        }
      />
      <ImmersionForm
        submitLabel="Enregistrer le brouillon"
        failTitle="La convention n’a pas été enregistrée"
        save={async (content) => {
          const detail = await createImmersion(personId, content);
          await navigate(`/personnes/${personId}/immersions/${detail.id}`, {
            replace: true,
            state: { message: 'Le brouillon de la convention est enregistré.' },
          });
        }}
        onCancel={() => void navigate(`/personnes/${personId}#immersions`)}
      />
    </>
  );
}
