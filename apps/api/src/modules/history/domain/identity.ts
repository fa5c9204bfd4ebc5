/**
 * Whether an imported line describes the person a record already holds. An id (the source's `p-1`,
 * a CAF file number, a NIR) only says where to look: the identity decides. A line that describes
 * someone else is an identity conflict and is never applied over the record.
 */

export interface Identity {
  nir: string | null;
  birthName: string;
  firstName: string;
  usualName?: string | null;
  birthDate: string;
  sex: string;
}

export type IdentityField = 'nir' | 'birthDate' | 'birthName' | 'sex';

/** Case, accents, hyphens and spaces aside: « Le Roux » = « LE-ROUX » = « le roux ». */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/**
 * The identifying fields that differ. A NIR missing on one side is no conflict (the record keeps
 * the one it has); two different NIRs are.
 */
export function identityDifferences(recorded: Identity, line: Identity): IdentityField[] {
  const diff: IdentityField[] = [];
  if (recorded.nir && line.nir && recorded.nir !== line.nir) diff.push('nir');
  if (recorded.birthDate !== line.birthDate) diff.push('birthDate');
  if (normalizeName(recorded.birthName) !== normalizeName(line.birthName)) diff.push('birthName');
  if (recorded.sex !== line.sex) diff.push('sex');
  return diff;
}

const fieldLabels: Record<IdentityField, string> = {
  nir: 'NIR',
  birthDate: 'date de naissance',
  birthName: 'nom de naissance',
  sex: 'sexe',
};

const frDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

/**
 * A NIR is never written whole in a stored report: sex, year and month of birth and the order
 * number are enough to tell two apart.
 */
export const maskNir = (nir: string | null) => (nir ? `NIR ${nir.slice(0, 5)}…${nir.slice(-3)}` : 'sans NIR');

export function describeIdentity(p: Identity): string {
  const usual =
    p.usualName && normalizeName(p.usualName) !== normalizeName(p.birthName) ? ` (usage ${p.usualName})` : '';
  return `${p.firstName} ${p.birthName}${usual}, ${p.sex === 'F' ? 'née' : 'né'} le ${frDate(p.birthDate)}, sexe ${p.sex}, ${maskNir(p.nir)}`;
}

/** The report's sentence: both identities and what differs. */
export function conflictReason(
  what: string,
  recorded: Identity,
  line: Identity,
  diff: IdentityField[],
): string {
  return `conflit d’identité : ${what} est dans Parcours ${describeIdentity(recorded)} ; la ligne décrit ${describeIdentity(line)} (${diff.map((f) => fieldLabels[f]).join(', ')} différent(s)). Ligne non appliquée : vérifiez l’identifiant, ou signalez un doublon.`;
}
