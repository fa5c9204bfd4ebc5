import type { PersonFile, PersonSummary } from '@parcours/contracts';

/** ROLEPERS of the CAF/MSA flux. */
export const householdRoleLabels: Record<string, string> = {
  DEM: 'Demandeur',
  CJT: 'Conjoint',
  ENF: 'Enfant',
  AUT: 'Autre personne',
  RDO: 'Responsable du dossier',
};

export function householdRoleLabel(role: string | null | undefined): string {
  if (!role) return '—';
  return householdRoleLabels[role] ?? role;
}

const titleLabels: Record<string, string> = {
  MR: 'Monsieur',
  M: 'Monsieur',
  MME: 'Madame',
  MLE: 'Mademoiselle',
  MLLE: 'Mademoiselle',
};

export function titleLabel(title: string | null | undefined): string {
  if (!title) return '—';
  return titleLabels[title.toUpperCase()] ?? title;
}

export const sexLabels: Record<'M' | 'F', string> = { M: 'Homme', F: 'Femme' };

/** "née" / "né" for sentences about the birth. */
export function bornWord(sex: 'M' | 'F'): string {
  return sex === 'F' ? 'née' : 'né';
}

/** SITFAM of the CAF flux; other codes are shown as they are. */
const familySituationLabels: Record<string, string> = {
  ABA: 'Abandon de domicile',
  CEL: 'Célibataire',
  DIV: 'Divorcé(e)',
  ISO: 'Isolement après vie maritale ou PACS',
  MAR: 'Marié(e)',
  PAC: 'Pacsé(e)',
  RPA: 'Reprise de vie commune (PACS)',
  RVC: 'Reprise de vie commune',
  RVM: 'Reprise de vie maritale',
  SEF: 'Séparé(e) de fait',
  SEL: 'Séparation légale',
  VEU: 'Veuf ou veuve',
  VIM: 'Vie maritale',
};

export function familySituationLabel(code: string | null | undefined): string {
  if (!code) return '—';
  return familySituationLabels[code.toUpperCase()] ?? code;
}

/** AUTORUTITEL / AUTORUTIADRELEC: A consent, R refusal, I unknown. */
const consentLabels: Record<string, string> = {
  A: 'accepte d’être contacté(e)',
  R: 'refuse d’être contacté(e)',
  I: 'consentement inconnu',
};

export function consentLabel(consent: string | null | undefined): string {
  if (!consent) return 'consentement non renseigné';
  return consentLabels[consent.toUpperCase()] ?? `consentement : ${consent}`;
}

/** Where a fact comes from; unknown codes are shown as they are. */
const sourceLabels: Record<string, string> = {
  flux: 'Flux CAF / MSA',
  caf: 'Flux CAF',
  msa: 'Flux MSA',
  'caf-flux': 'Flux CAF / MSA',
  caf_flux: 'Flux CAF / MSA',
  history: 'Reprise de l’historique',
  'history-import': 'Reprise de l’historique',
  history_import: 'Reprise de l’historique',
  import: 'Reprise de l’historique',
  parcours: 'Parcours',
  manual: 'Saisie dans Parcours',
  user: 'Saisie dans Parcours',
  'france-travail': 'France Travail',
  france_travail: 'France Travail',
  ft: 'France Travail',
  duplicates: 'Examen des doublons',
  system: 'Parcours',
};

export function sourceLabel(source: string | null | undefined): string {
  if (!source) return '—';
  return sourceLabels[source] ?? sourceLabels[source.toLowerCase()] ?? source;
}

export type FtState = NonNullable<PersonFile['franceTravail']>['state'];

export const ftStateLabels: Record<FtState, string> = {
  pending: 'À inscrire',
  exported: 'Transmise',
  registered: 'Inscrite',
  rejected: 'Refusée',
  duplicate: 'Doublon lié : inscription portée par l’autre dossier',
};

export const ftStateTones: Record<FtState, 'neutral' | 'success' | 'warning' | 'danger'> = {
  pending: 'warning',
  exported: 'neutral',
  registered: 'success',
  rejected: 'danger',
  duplicate: 'neutral',
};

/** The name used in Parcours: usual name when known, else birth name. */
export function lastNameOf(person: Pick<PersonSummary, 'usualName' | 'birthName'>): string {
  return (person.usualName?.trim() || person.birthName).toLocaleUpperCase('fr-FR');
}

/** "Amélie MARTIN". */
export function personName(person: Pick<PersonSummary, 'firstName' | 'usualName' | 'birthName'>): string {
  return `${person.firstName} ${lastNameOf(person)}`;
}

export function yesNo(value: boolean): string {
  return value ? 'Oui' : 'Non';
}
