import { type Role, roleLabels } from '@parcours/contracts';
import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { sectionsFor } from '../../app/navigation';
import { PageHeader } from '../../ui';
import { scopeLabel } from '../auth/MyAccountPage';
import { actorCan, useActor } from '../auth/session';
import { TodayAppointments } from './TodayAppointments';
import { WorklistSection } from './WorklistSection';

interface RoleIntro {
  /** What this role does in Parcours. */
  mission: string;
  /** Capabilities announced for the coming versions (plain text, no link). */
  upcoming: string[];
}

const intros: Record<Role, RoleIntro> = {
  administrator: {
    mission:
      'Vous administrez Parcours pour le département : comptes des agents et des partenaires, rôles et périmètres, structures, rattachement des communes aux pôles d’insertion, journal des accès et traitements automatiques.',
    upcoming: [
      'Paramétrage des référentiels (diagnostic, thématiques de l’offre d’insertion)',
      'Règles de conservation et de purge des données (RGPD)',
      'Import automatique et programmé des flux CAF et MSA reçus',
    ],
  },
  orientation_advisor: {
    mission:
      'Vous orientez les bénéficiaires du RSA de votre pôle d’insertion : l’objectif est une orientation dans le mois qui suit l’entrée dans le dispositif.',
    upcoming: [],
  },
  referent: {
    mission:
      'Vous êtes référent unique : vous accompagnez les bénéficiaires orientés vers votre structure et construisez avec eux leur contrat d’engagement.',
    upcoming: [
      'Votre portefeuille de bénéficiaires',
      'Premier rendez-vous dans les deux semaines suivant l’orientation',
      'Contrats d’engagement et plans d’action',
      'Prescriptions vers les actions d’insertion et demandes d’aides individuelles',
    ],
  },
  structure_manager: {
    mission:
      'Vous dirigez une structure référente : vous désignez le référent unique des bénéficiaires orientés vers votre structure, en tenant compte de la charge de chacun, et suivez le portefeuille de la structure.',
    upcoming: [],
  },
  operator: {
    mission:
      'Vous mettez en œuvre des actions du programme départemental d’insertion (PDI) et accueillez les bénéficiaires qui vous sont adressés.',
    upcoming: [
      'Fiches de liaison reçues et réponses aux prescriptions',
      'Entrées, présences et sorties des participants',
      'Périodes de mise en situation en milieu professionnel (PMSMP)',
    ],
  },
  ep_secretariat: {
    mission:
      'Vous assurez le secrétariat de l’équipe pluridisciplinaire de votre territoire : réorientations, suspensions et rétablissements.',
    upcoming: [
      'Dossiers à présenter en équipe pluridisciplinaire',
      'Séances, avis et décisions',
      'Courriers aux bénéficiaires',
    ],
  },
  medical_team: {
    mission:
      'Vous apportez l’avis médical nécessaire à l’orientation et à l’accompagnement, dans le respect du secret médical.',
    upcoming: [],
  },
  aids_manager: {
    mission: 'Vous instruisez les demandes d’aides individuelles à l’insertion du département.',
    upcoming: ['Demandes d’aides à instruire', 'Décisions, paiements et suivi des budgets'],
  },
  steering: {
    mission:
      'Vous pilotez la politique d’insertion à partir de données agrégées, sans accès aux dossiers individuels.',
    upcoming: [
      'Indicateurs de la convention Plan Pauvreté calculés en continu',
      'Tableaux de bord (délais, files d’attente, portefeuilles, sorties)',
      'Exports statistiques sans données directement identifiantes',
    ],
  },
  beneficiary: {
    mission: 'Bienvenue dans votre espace personnel Parcours.',
    upcoming: ['Votre contrat d’engagement', 'Vos rendez-vous', 'Vos demandes d’aides'],
  },
};

export function HomePage() {
  const actor = useActor();
  const intro = intros[actor.role];
  const sections = sectionsFor(actor).filter((section) => section.to !== '/');
  const canOpenFiles = actorCan(actor, 'person.search') && actorCan(actor, 'person.read');
  const keepsAgenda = actorCan(actor, 'agenda.manage');
  const [message, setMessage] = useState<string | null>(null);

  // The beneficiary's home is their space.
  if (actor.role === 'beneficiary') return <Navigate to="/espace" replace />;
  return (
    <>
      <PageHeader
        title="Accueil"
        description={
          <p>
            Bonjour {actor.displayName}. Vous utilisez Parcours en tant que{' '}
            <strong>{roleLabels[actor.role]}</strong> — {scopeLabel(actor)}.
          </p>
        }
      />
      <WorklistSection aggregates={actor.role === 'steering'} />
      {keepsAgenda ? <TodayAppointments message={message} onMessage={setMessage} /> : null}

      <section className="section" aria-labelledby="role">
        <h2 id="role">Votre rôle dans Parcours</h2>
        <p className="lead">{intro.mission}</p>
      </section>

      <section className="section" aria-labelledby="disponible">
        <h2 id="disponible">Disponible aujourd’hui</h2>
        <p className="muted">Accessible depuis le menu de navigation en haut de page.</p>
        <ul className="tiles">
          {sections.map((section) => (
            <li key={section.to} className="tile">
              <p className="tile__title">
                <Link to={section.to}>{section.label}</Link>
              </p>
              <p>{section.description}</p>
            </li>
          ))}
          {canOpenFiles ? (
            <li className="tile">
              <p className="tile__title">
                <Link to="/personnes">Dossier de la personne</Link>
              </p>
              <p>
                Depuis la recherche : identité, foyer, droits, entrées dans le dispositif, inscription France
                Travail et chronologie. Chaque ouverture d’un dossier est enregistrée dans le journal des
                accès.
              </p>
            </li>
          ) : null}
          <li className="tile">
            <p className="tile__title">
              <Link to="/mon-compte">Mon compte</Link>
            </p>
            <p>Vos informations, votre mot de passe et vos sessions ouvertes (lien en haut à droite).</p>
          </li>
        </ul>
      </section>

      {intro.upcoming.length > 0 ? (
        <section className="section" aria-labelledby="bientot">
          <h2 id="bientot">Bientôt disponible</h2>
          <p className="muted">Ces fonctionnalités arriveront dans les prochaines versions de Parcours.</p>
          <ul className="upcoming">
            {intro.upcoming.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
