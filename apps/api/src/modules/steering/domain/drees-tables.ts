import { type DreesTableKey, dreesBodyGroupLabels } from '@parcours/contracts';

/**
 * The DREES tables (docs/statistics.md): their bands, row and column keys, French labels and
 * definitions. Keys are what the SQL returns; labels are what the screen and the XLSX print.
 */

export type Band = readonly [key: string, label: string];

export const orientationStates: readonly Band[] = [
  ['not_oriented', 'Non orientées'],
  ['france_travail', `Orientées vers ${dreesBodyGroupLabels.france_travail}`],
  ['employment_network', `Orientées vers un autre organisme du réseau pour l’emploi`],
  ['non_employment', 'Orientées vers un organisme hors réseau pour l’emploi'],
];
const orientationColumns: readonly Band[] = [
  ['not_oriented', 'Non orientées'],
  ['france_travail', 'France Travail'],
  ['employment_network', 'Autre organisme du réseau pour l’emploi'],
  ['non_employment', 'Hors réseau pour l’emploi'],
];
const elsewhereColumns: readonly Band[] = [
  ['employment_network', 'Autre organisme du réseau pour l’emploi'],
  ['non_employment', 'Hors réseau pour l’emploi'],
];
const persons: readonly Band[] = [['all', 'Personnes']];

export const ageBands: readonly Band[] = [
  ['lt25', 'Moins de 25 ans'],
  ['25_29', '25 à 29 ans'],
  ['30_39', '30 à 39 ans'],
  ['40_49', '40 à 49 ans'],
  ['50_59', '50 à 59 ans'],
  ['60plus', '60 ans ou plus'],
];
export const sexes: readonly Band[] = [
  ['F', 'Femmes'],
  ['M', 'Hommes'],
];
export const householdSituations: readonly Band[] = [
  ['single_no_child', 'Personne seule sans enfant'],
  ['single_children', 'Personne seule avec enfant(s)'],
  ['couple_no_child', 'En couple sans enfant'],
  ['couple_children', 'En couple avec enfant(s)'],
];
export const seniorityBands: readonly Band[] = [
  ['lt6m', 'Moins de 6 mois'],
  ['6to12m', '6 mois à moins d’1 an'],
  ['1to2y', '1 an à moins de 2 ans'],
  ['2to5y', '2 ans à moins de 5 ans'],
  ['5to10y', '5 ans à moins de 10 ans'],
  ['10yplus', '10 ans ou plus'],
  ['unknown', 'Date d’entrée inconnue'],
];
export const durationBands: readonly Band[] = [
  ['le3m', '3 mois ou moins'],
  ['le6m', 'Plus de 3 mois à 6 mois'],
  ['le12m', 'Plus de 6 mois à 12 mois'],
  ['gt12m', 'Plus de 12 mois'],
];
export const delayBands: readonly Band[] = [
  ['le1m', '1 mois ou moins'],
  ['le2m', 'Plus d’1 mois à 2 mois'],
  ['le3m', 'Plus de 2 mois à 3 mois'],
  ['le6m', 'Plus de 3 mois à 6 mois'],
  ['gt6m', 'Plus de 6 mois'],
];

export interface DreesTableSpec {
  key: DreesTableKey;
  title: string;
  definition: string;
  rowHeader: string;
  rows: readonly Band[];
  columns: readonly Band[];
}

const POPULATION =
  'Personnes soumises aux droits et devoirs à la date (droit ouvert et soumis aux droits et devoirs ce jour-là), hors doublons fusionnés.';
const ORIENTED =
  'Orientation en vigueur : la dernière orientation notifiée au plus tard à la date et depuis la dernière entrée dans le RSA ; son organisme la classe en France Travail, autre organisme du réseau pour l’emploi (Cap emploi) ou hors réseau pour l’emploi (mission locale, PLIE, services du Département, CCAS, lieux d’accueil, opérateurs, équipe médicale).';

export const dreesTableSpecs: readonly DreesTableSpec[] = [
  {
    key: 'orientation',
    title: 'Orientation des personnes soumises aux droits et devoirs',
    definition: `${POPULATION} ${ORIENTED}`,
    rowHeader: 'Situation d’orientation',
    rows: orientationStates,
    columns: persons,
  },
  {
    key: 'age',
    title: 'Par tranche d’âge',
    definition: `${POPULATION} Âge révolu à la date. ${ORIENTED}`,
    rowHeader: 'Tranche d’âge',
    rows: ageBands,
    columns: orientationColumns,
  },
  {
    key: 'sex',
    title: 'Par sexe',
    definition: `${POPULATION} ${ORIENTED}`,
    rowHeader: 'Sexe',
    rows: sexes,
    columns: orientationColumns,
  },
  {
    key: 'household',
    title: 'Par situation familiale',
    definition: `${POPULATION} Composition du foyer à la date, d’après les rôles de ses membres : en couple quand le foyer compte un demandeur et un conjoint, avec enfant(s) quand il compte au moins un enfant. ${ORIENTED}`,
    rowHeader: 'Situation familiale',
    rows: householdSituations,
    columns: orientationColumns,
  },
  {
    key: 'seniority',
    title: 'Par ancienneté dans le RSA',
    definition: `${POPULATION} Ancienneté depuis la dernière date d’entrée (ouverture du droit et soumission aux droits et devoirs) jusqu’à la date. ${ORIENTED}`,
    rowHeader: 'Ancienneté',
    rows: seniorityBands,
    columns: orientationColumns,
  },
  {
    key: 'franceTravailRegistration',
    title: 'Orientées vers France Travail, selon l’inscription',
    definition: `${POPULATION} Parmi elles, celles dont l’orientation en vigueur est vers France Travail ; inscrites : la demande d’inscription de leur entrée en cours est confirmée par France Travail (état « inscrit »).`,
    rowHeader: 'Inscription à France Travail',
    rows: [
      ['registered', 'Inscrites'],
      ['not_registered', 'Non inscrites (ou inscription non confirmée)'],
    ],
    columns: persons,
  },
  {
    key: 'contractInForce',
    title: 'Orientées hors France Travail, selon le contrat',
    definition: `${POPULATION} Parmi elles, celles orientées vers un autre organisme que France Travail ; contrat en vigueur : un contrat d’engagement signé au plus tard à la date, non annulé, dont la période (début–fin) contient la date.`,
    rowHeader: 'Contrat d’engagement',
    rows: [
      ['with_contract', 'Avec un contrat en vigueur'],
      ['without_contract', 'Sans contrat en vigueur'],
    ],
    columns: elsewhereColumns,
  },
  {
    key: 'contractDuration',
    title: 'Durée des contrats en vigueur',
    definition: `${POPULATION} Parmi les personnes orientées hors France Travail avec un contrat en vigueur à la date, la durée prévue de ce contrat (du début à la fin, en mois calendaires ; le plus récent s’il y en a plusieurs).`,
    rowHeader: 'Durée prévue du contrat',
    rows: durationBands,
    columns: elsewhereColumns,
  },
  {
    key: 'entryToOrientation',
    title: 'Délai entre l’entrée et la première orientation',
    definition:
      'Personnes dont l’orientation initiale (première orientation notifiée à partir de la date d’entrée) est notifiée dans l’année, du 1er janvier à la date : délai entre la date d’entrée et cette orientation, en mois calendaires (« 1 mois ou moins » : orientation au plus tard à la date d’entrée plus 1 mois).',
    rowHeader: 'Délai',
    rows: delayBands,
    columns: persons,
  },
  {
    key: 'orientationToContract',
    title: 'Délai entre la première orientation et le premier contrat',
    definition:
      'Personnes dont le premier contrat d’engagement (premier contrat signé à partir de l’orientation initiale, dans la même entrée) est signé dans l’année, du 1er janvier à la date : délai entre l’orientation initiale et la signature, en mois calendaires.',
    rowHeader: 'Délai',
    rows: delayBands,
    columns: persons,
  },
  {
    key: 'reorientations',
    title: 'Réorientations entre le réseau pour l’emploi et les autres organismes',
    definition:
      'Personnes réorientées dans l’année, du 1er janvier à la date : une orientation notifiée dans l’année dont l’orientation précédente de la même entrée dans le RSA envoyait vers l’autre groupe (réseau pour l’emploi : France Travail ou autre organisme du réseau ; hors réseau : les autres). Une personne réorientée dans les deux sens compte sur les deux lignes.',
    rowHeader: 'Sens de la réorientation',
    rows: [
      ['to_non_employment', 'Du réseau pour l’emploi vers un organisme hors réseau'],
      ['to_employment', 'D’un organisme hors réseau vers le réseau pour l’emploi'],
    ],
    columns: persons,
  },
];
