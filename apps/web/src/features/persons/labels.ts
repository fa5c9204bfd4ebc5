import {
  codeLabel,
  contactConsentLabels,
  type PersonFile,
  type PersonSummary,
  type Sex,
  lastNameOf as sharedLastNameOf,
  personName as sharedPersonName,
  unknownCode,
} from '@parcours/contracts';

// The CAF / MSA codes' labels are shared with the letters and reports (contracts/caf-codes.ts).
export {
  familySituationLabel,
  householdRoleLabel,
  householdRoleLabels,
  sexLabels,
} from '@parcours/contracts';

/** AUTORUTITEL / AUTORUTIADRELEC: A consent, R refusal, I unknown; agreed with the person's sex. */
export function consentLabel(consent: string | null | undefined, sex?: Sex): string {
  if (!consent?.trim()) return 'consentement non renseigné';
  return codeLabel(contactConsentLabels, consent, sex);
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
  return titleLabels[title.trim().toUpperCase()] ?? unknownCode(title);
}

/** "née" / "né" for sentences about the birth. */
export function bornWord(sex: 'M' | 'F'): string {
  return sex === 'F' ? 'née' : 'né';
}

/** Where a fact comes from; an unknown code is named as such. */
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
  return sourceLabels[source] ?? sourceLabels[source.toLowerCase()] ?? unknownCode(source);
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

/** The name used in Parcours: usual name when known, else birth name; as given, never re-cased. */
export function lastNameOf(person: Pick<PersonSummary, 'usualName' | 'birthName'>): string {
  return sharedLastNameOf(person);
}

/** "Yann LE ROUX": as the CAF or the agent wrote it (contracts/names.ts). */
export function personName(person: Pick<PersonSummary, 'firstName' | 'usualName' | 'birthName'>): string {
  return sharedPersonName(person);
}

export function yesNo(value: boolean): string {
  return value ? 'Oui' : 'Non';
}
