import { agreeText, type Sex } from './french';

/**
 * French labels of the codes the CAF / MSA flux carries (VRSB0801, /work/shared/formats/caf-flux.md),
 * shared by the screens, the letters and the reports: a code is never shown raw. Labels that agree
 * with the person's sex are written in the inclusive form ("Divorcé(e)") and resolved by
 * `agreeText` when the sex is known.
 */

/** SITFAM: family situation. */
export const familySituationCodes = [
  'ABA',
  'CEL',
  'DIV',
  'ISO',
  'MAR',
  'PAC',
  'RPA',
  'RVC',
  'RVL',
  'RVM',
  'SEF',
  'SEL',
  'SEP',
  'VEU',
  'VIM',
] as const;
export type FamilySituationCode = (typeof familySituationCodes)[number];
export const familySituationLabels: Record<FamilySituationCode, string> = {
  ABA: 'Disparu(e) (jugement d’absence)',
  CEL: 'Célibataire',
  DIV: 'Divorcé(e)',
  ISO: 'Isolé(e) après vie maritale ou PACS',
  MAR: 'Marié(e)',
  PAC: 'Pacsé(e)',
  RPA: 'Reprise de vie commune après PACS',
  RVC: 'Reprise de vie maritale',
  RVL: 'Reprise de vie commune après séparation légale',
  RVM: 'Reprise de vie commune après mariage',
  SEF: 'Séparé(e) de fait',
  SEL: 'Séparé(e) légalement',
  // Not a CNAF code, but sent by some départements' extraction tools (CSV equivalent).
  SEP: 'Séparé(e)',
  VEU: 'Veuf(ve)',
  VIM: 'En vie maritale',
};

/** ETATDOSRSA: state of the RSA file. */
export const rightsStatusCodes = ['Z', '0', '1', '2', '3', '4', '5', '6'] as const;
export type RightsStatusCode = (typeof rightsStatusCodes)[number];
export const rightsStatusLabels: Record<RightsStatusCode, string> = {
  Z: 'Non défini',
  '0': 'Nouvelle demande en attente de décision',
  '1': 'Droit refusé',
  '2': 'Droit ouvert et versable',
  '3': 'Droit ouvert et suspendu',
  '4': 'Droit ouvert, versement suspendu',
  '5': 'Droit clos',
  '6': 'Droit clos sur mois antérieur (régularisation)',
};

/** ROLEPERS: the person's role in the RSA household. */
export const householdRoleCodes = ['DEM', 'CJT', 'ENF', 'AUT', 'RDO'] as const;
export type HouseholdRoleCode = (typeof householdRoleCodes)[number];
export const householdRoleLabels: Record<HouseholdRoleCode, string> = {
  DEM: 'Demandeur',
  CJT: 'Conjoint(e)',
  ENF: 'Enfant',
  AUT: 'Autre personne',
  RDO: 'Responsable du dossier',
};

/** MOTICLORSA: why the right was closed. */
export const closureReasonCodes = ['PCG', 'ECH', 'EFF', 'MUT', 'RGD', 'RFD', 'RAU', 'RST', 'RSO'] as const;
export type ClosureReasonCode = (typeof closureReasonCodes)[number];
export const closureReasonLabels: Record<ClosureReasonCode, string> = {
  PCG: 'Décision du président du conseil départemental',
  ECH: 'Échéance : quatre mois sans droit',
  EFF: 'Annulation de la bascule RMI / API',
  MUT: 'Mutation du dossier vers un autre organisme',
  RGD: 'Regroupement de dossiers',
  RFD: 'Radiation : fin de droit',
  RAU: 'Radiation : autre motif',
  RST: 'Radiation : option RSTA (outre-mer)',
  RSO: 'Radiation : option RSO (outre-mer)',
};

/** MOTISUSVERSRSA: why the payment is suspended. */
export const paymentSuspensionCodes = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '09',
  '31',
  '34',
  '35',
  '36',
  '70',
  '85',
  '97',
  'AB',
  'CG',
  'CV',
] as const;
export type PaymentSuspensionCode = (typeof paymentSuspensionCodes)[number];
export const paymentSuspensionLabels: Record<PaymentSuspensionCode, string> = {
  '01': 'Ressources trop élevées',
  '02': 'Moins de 25 ans et personne à charge',
  '03': 'Activité non conforme',
  '04': 'Titre de séjour non valide',
  '05': 'RSA inférieur au seuil de versement',
  '06': 'Déclaration trimestrielle de ressources non fournie',
  '09': 'Résidence non conforme',
  '31': 'Prestation exclue (affiliation partielle)',
  '34': 'Régime non conforme',
  '35': 'Demande d’avantage vieillesse absente ou tardive',
  '36': 'Titre de séjour absent',
  '70': 'Action d’insertion non engagée',
  '85': 'Pas d’allocataire',
  '97': 'Bénéficiaire de l’AAH réduite',
  AB: 'Allocataire absent du foyer',
  CG: 'Sanction appliquée',
  CV: 'Attente de la décision du président du conseil départemental',
};

/** MOTISUSDRORSA: why the right is suspended. */
export const rightSuspensionCodes = [
  'DL',
  'GA',
  'GC',
  'GE',
  'GF',
  'GI',
  'GJ',
  'GK',
  'GL',
  'GR',
  'GS',
  'GX',
] as const;
export type RightSuspensionCode = (typeof rightSuspensionCodes)[number];
export const rightSuspensionLabels: Record<RightSuspensionCode, string> = {
  DL: 'Courrier revenu non distribué (adresse inconnue)',
  GA: 'Enquête administrative',
  GC: 'Imprimé de la campagne de contrôle non retourné',
  GE: 'Forfait travailleur indépendant non fourni',
  GF: 'Situation de famille à vérifier',
  GI: 'Imprimé de changement de CAF non fourni',
  GJ: 'Suspension décidée par le président du conseil départemental',
  GK: 'Contrat d’insertion non conclu',
  GL: 'Action d’insertion non engagée',
  GR: 'Contrôle de l’activité et des ressources',
  GS: 'Enquête sociale',
  GX: 'Autre motif',
};

/** AUTORUTITEL / AUTORUTIADRELEC: consent to be contacted. */
export const contactConsentCodes = ['A', 'R', 'I'] as const;
export type ContactConsentCode = (typeof contactConsentCodes)[number];
export const contactConsentLabels: Record<ContactConsentCode, string> = {
  A: 'accepte d’être contacté(e)',
  R: 'refuse d’être contacté(e)',
  I: 'consentement inconnu',
};

/** The sex as Parcours stores it (the flux's SEXE 1 / 2 becomes M / F). */
export const sexLabels: Record<'M' | 'F', string> = { M: 'Homme', F: 'Femme' };

/** "Code inconnu (XYZ)": a code missing from its list is named, never shown bare. */
export function unknownCode(code: string): string {
  return `Code inconnu (${code})`;
}

/**
 * The label of a code in one of the lists above (trimmed, upper case), agreed with the person's sex
 * when known; "—" when there is no code, "Code inconnu (X)" when the list does not have it.
 */
export function codeLabel<C extends string>(
  labels: Record<C, string>,
  code: string | null | undefined,
  sex?: Sex,
): string {
  const key = code?.trim().toUpperCase();
  if (!key) return '—';
  const label = (labels as Record<string, string>)[key];
  return label === undefined ? unknownCode(code!.trim()) : agreeText(label, sex);
}

export const familySituationLabel = (code: string | null | undefined, sex?: Sex) =>
  codeLabel(familySituationLabels, code, sex);
export const rightsStatusLabel = (code: string | null | undefined) => codeLabel(rightsStatusLabels, code);
export const householdRoleLabel = (code: string | null | undefined, sex?: Sex) =>
  codeLabel(householdRoleLabels, code, sex);
