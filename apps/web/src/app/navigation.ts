import type { Actor, Permission } from '@parcours/contracts';

export interface Section {
  to: string;
  label: string;
  /** What the page is for (home page). */
  description: string;
  permission: Permission | null;
  end?: boolean;
}

/** The application's sections; the navigation and the home page show those the actor's permissions allow. */
export const sections: Section[] = [
  { to: '/', label: 'Accueil', description: 'Votre page d’accueil.', permission: null, end: true },
  {
    to: '/personnes',
    label: 'Personnes',
    description:
      'Rechercher une personne de votre périmètre par son nom, son prénom, sa date de naissance, son NIR ou son n° de dossier CAF.',
    permission: 'person.search',
  },
  {
    to: '/orientation',
    label: 'Orientation',
    description:
      'Les nouveaux entrants à orienter de votre pôle, du plus ancien au plus récent, avec les jours restants avant l’objectif et le délai légal.',
    permission: 'orientation.queue',
  },
  {
    to: '/structure/affectations',
    label: 'Affectations',
    description:
      'Les personnes orientées vers la structure sans référent unique, la charge des référents et leur affectation.',
    permission: 'assignment.manage',
  },
  {
    to: '/agenda',
    label: 'Agenda',
    description: 'Les créneaux de rendez-vous et de réunions collectives, les convocations et les présences.',
    permission: 'agenda.read',
  },
  {
    to: '/portefeuille',
    label: 'Portefeuille',
    description:
      'Les personnes suivies : prochain rendez-vous, contrat d’engagement, heures prévues de la semaine et alertes ; export XLSX.',
    permission: 'portfolio.read',
  },
  {
    to: '/alertes',
    label: 'Alertes',
    description:
      'Les personnes suivies en retard : premier rendez-vous, contrat d’engagement, fin de contrat, réexamen du parcours social.',
    permission: 'alerts.read',
  },
  {
    to: '/catalogue',
    label: 'Catalogue',
    description:
      'Les actions d’insertion du département : recherche par besoin, commune, public ou mot-clé, sessions et places libres.',
    permission: 'offer.read',
  },
  {
    to: '/aides',
    label: 'Aides individuelles',
    description:
      'Valider les aides demandées par les référents au regard des enveloppes et des plafonds, suivre la consommation des enveloppes, établir les ordres de paiement (CSV pour le service financier).',
    permission: 'aid.manage',
  },
  {
    to: '/sanctions',
    label: 'Droits et devoirs',
    description:
      'Les manquements à examiner par pôle, les procédures de sanction (information préalable, observations, décision, notification), les équipes pluridisciplinaires, la transmission à la CAF et le SAS de rétablissement.',
    permission: 'sanction.read',
  },
  {
    to: '/sanctions/sas',
    label: 'SAS de rétablissement',
    description:
      'Les sessions du SAS de rétablissement (4 semaines, 3 demi-journées par semaine) : inscriptions des personnes suspendues, présences, engagement et décision de rétablissement.',
    permission: 'sas.read',
  },
  {
    to: '/pilotage/tableau-de-bord',
    label: 'Tableau de bord',
    description:
      'Entrées, délais d’orientation, de premier rendez-vous et de contrat, files d’attente, charges des portefeuilles, fiches de liaison et consommation des budgets, par période, pôle et structure.',
    permission: 'statistics.read',
  },
  {
    to: '/pilotage/indicateurs',
    label: 'Indicateurs du Plan Pauvreté',
    description:
      'Les indicateurs de la convention État–département calculés sur une période, pour le département ou un pôle, avec leur définition.',
    permission: 'indicators.read',
  },
  {
    to: '/pilotage/convention',
    label: 'Tableau de la convention',
    description:
      'Le tableau des indicateurs de la convention : situations, objectifs, valeurs saisies et calculées, commentaires et historique ; export XLSX.',
    permission: 'indicators.read',
  },
  {
    to: '/pilotage/statistiques',
    label: 'Statistiques DREES',
    description:
      'L’enquête annuelle de la DREES sur l’orientation et l’accompagnement au 31 décembre, et les exports statistiques sans donnée identifiante.',
    permission: 'statistics.read',
  },
  {
    to: '/pilotage/sanctions',
    label: 'Sanctions : suivi',
    description:
      'Les procédures de sanction par mois, régime et issue (suspensions, remobilisations, radiations), sans donnée nominative.',
    permission: 'statistics.read',
  },
  {
    to: '/pilotage/budgets',
    label: 'Budgets de l’offre',
    description:
      'Les budgets des actions d’insertion par axe (parts État et département), les incohérences de l’annexe financière et son export XLSX.',
    permission: 'offer.budget',
  },
  {
    to: '/operateur',
    label: 'Fiches de liaison',
    description:
      'Les fiches de liaison reçues pour les actions de votre structure : répondre, noter l’entrée, les présences et la sortie.',
    permission: 'referral.operate',
  },
  {
    to: '/courriers',
    label: 'Courriers à poster',
    description:
      'Imprimer les courriers des convocations groupées en un seul PDF, puis marquer chaque lot posté.',
    permission: 'convocation.send',
  },
  {
    to: '/equipe-medicale',
    label: 'Équipe médicale',
    description: 'Les demandes d’avis adressées à l’équipe médicale du pôle et ses recommandations.',
    permission: 'medical.read',
  },
  {
    to: '/flux',
    label: 'Flux CAF',
    description:
      'Importer les fichiers de la CAF et de la MSA (XML ou CSV) et consulter le rapport de chaque import.',
    permission: 'flux.import',
  },
  {
    to: '/doublons',
    label: 'Doublons',
    description:
      'Comparer les dossiers que l’import n’a pas pu rapprocher avec certitude, puis les lier ou écarter la suspicion.',
    permission: 'duplicates.review',
  },
  {
    to: '/france-travail',
    label: 'France Travail',
    description:
      'Créer les lots d’inscription automatique à France Travail, télécharger leur fichier et importer les accusés de réception.',
    permission: 'ft.manage',
  },
  {
    to: '/territoire',
    label: 'Territoire',
    description: 'Les pôles d’insertion du département et les communes qui leur sont rattachées.',
    permission: 'territory.read',
  },
  {
    to: '/administration/comptes',
    label: 'Comptes',
    description: 'Créer et gérer les comptes des agents et des partenaires, leur rôle et leur périmètre.',
    permission: 'accounts.manage',
  },
  {
    to: '/administration/structures',
    label: 'Structures',
    description:
      'Le répertoire des structures : MDS, CCAS, lieux d’accueil, PLIE, missions locales, opérateurs…',
    permission: 'territory.manage',
  },
  {
    to: '/administration/journal',
    label: 'Journal des accès',
    description: 'Savoir qui a consulté un dossier, et vérifier l’intégrité du journal.',
    permission: 'audit.read',
  },
  {
    to: '/administration/taches',
    label: 'Tâches en arrière-plan',
    description: 'Suivre les traitements automatiques (envois, imports) et relancer ceux en échec.',
    permission: 'jobs.manage',
  },
  {
    to: '/administration/modeles',
    label: 'Modèles de messages',
    description: 'Les textes des convocations, rappels et notifications (courrier, e-mail, SMS).',
    permission: 'templates.manage',
  },
  {
    to: '/administration/delais-convocation',
    label: 'Délais de convocation',
    description:
      'Les délais minimaux entre l’envoi d’une convocation et le rendez-vous, par courrier, e-mail et SMS.',
    permission: 'rules.manage',
  },
  {
    to: '/administration/delais-fiches-de-liaison',
    label: 'Délai des fiches de liaison',
    description:
      'Le nombre de jours après lequel une fiche de liaison sans réponse de l’opérateur est signalée.',
    permission: 'rules.manage',
  },
  {
    to: '/administration/regles-sanctions',
    label: 'Règles des sanctions',
    description:
      'Les régimes des sanctions datés (bornes, plafond, réitération, avis de l’équipe pluridisciplinaire) et la pratique du département.',
    permission: 'rules.manage',
  },
  {
    to: '/administration/limites-immersions',
    label: 'Limites des immersions (PMSMP)',
    description:
      'La durée maximale et les heures par semaine des immersions en milieu professionnel, datées.',
    permission: 'rules.manage',
  },
  {
    to: '/administration/plafonds-portefeuille',
    label: 'Plafonds de portefeuille',
    description: 'Le nombre de personnes qu’un référent unique suit au plus, par type de structure, daté.',
    permission: 'rules.manage',
  },
  {
    to: '/administration/reprise',
    label: 'Reprise',
    description:
      'Importer une fois l’historique des parcours tenu dans l’outil précédent (fichier NDJSON) et consulter les rapports.',
    permission: 'history.import',
  },
];

export function sectionsFor(actor: Actor): Section[] {
  return sections.filter(
    (section) => section.permission === null || actor.permissions.includes(section.permission),
  );
}
