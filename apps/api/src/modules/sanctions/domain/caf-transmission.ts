import { type CafLineKind, cafLineNatures, type PayBack } from '@parcours/contracts';
import { type Dated, ruleOn } from '../../../platform/rules/dated-rules';

/** Kind of the dated rule set of the RSA monthly base amount (display of the sums to pay back). */
export const RSA_BASE_KIND = 'rsa_base_amount';

export interface RsaBaseRule extends Dated {
  /** Monthly base of the RSA for a single person without resources, in cents. */
  monthlyBaseCents: number;
  source: string;
}

/**
 * Built-in amounts (RULES.md "Amounts": 646.52 € from 1 April 2025). Each yearly revaluation is a
 * new set from its date (an administrator adds it without code). Before the first set, the first
 * one applies (ruleOn): amounts shown for older suspensions are indicative only.
 */
export const builtInRsaBases: readonly RsaBaseRule[] = [
  {
    effectiveFrom: '2025-04-01',
    monthlyBaseCents: 64652,
    source: 'Montant forfaitaire du RSA, personne seule, au 1er avril 2025 (revalorisation annuelle)',
  },
];

export const rsaBaseOn = (sets: readonly RsaBaseRule[], day: string) =>
  ruleOn(sets, day, 'no RSA base amount configured');

/** At most three months of suspended allocation are paid back after a remobilisation. */
export const PAY_BACK_MAX_MONTHS = 3;

const parts = (d: string) => d.split('-').map(Number) as [number, number, number];

/**
 * Months of suspension between its start and its end: whole months elapsed, a begun month counting
 * as one (the RSA is paid by month: a month touched by the suspension was reduced), never more than
 * the months decided.
 */
export function monthsSuspended(startOn: string, endOn: string, decidedMonths: number | null): number {
  if (endOn <= startOn) return 0;
  const [y1, m1, d1] = parts(startOn);
  const [y2, m2, d2] = parts(endOn);
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) months -= 1;
  // Days left after the whole months: a begun month.
  if (d2 !== d1) months += 1;
  return decidedMonths === null ? months : Math.min(months, decidedMonths);
}

/**
 * The sums to pay back when a suspension ends by remobilisation:
 * min(months suspended, 3) × monthly base × rate %. The base is the single person's: the household's
 * composition (couple, children) is not known well enough to apply its increases (README, doubts).
 */
export function payBackOf(
  input: { startOn: string; endOn: string; percent: number; decidedMonths: number | null },
  base: RsaBaseRule,
): PayBack {
  const suspended = monthsSuspended(input.startOn, input.endOn, input.decidedMonths);
  const paidBack = Math.min(suspended, PAY_BACK_MAX_MONTHS);
  return {
    monthsSuspended: suspended,
    monthsPaidBack: paidBack,
    percent: input.percent,
    monthlyBaseCents: base.monthlyBaseCents,
    baseEffectiveFrom: base.effectiveFrom,
    amountCents: Math.round((paidBack * base.monthlyBaseCents * input.percent) / 100),
  };
}

// ---- The file (docs/caf-transmission.md) ---------------------------------------------------------

export const CAF_FILE_COLUMNS = [
  'type_enregistrement',
  'reference',
  'departement',
  'organisme',
  'numero_allocataire',
  'numero_dossier',
  'nir',
  'nom_naissance',
  'nom_usage',
  'prenom',
  'date_naissance',
  'nature',
  'date_effet',
  'taux',
  'duree_mois',
  'motif_fin',
  'reference_annulee',
] as const;

/** End reasons as written in the file. */
export const cafEndReasonCodes: Record<string, string> = {
  remobilisation_contract: 'REMOB_CONTRAT',
  remobilisation_appointment: 'REMOB_RDV',
  term_reached: 'TERME',
  closed: 'CLOTURE',
  cancelled: 'ANNULATION',
};

export interface CafFileRow {
  lineId: string;
  departmentCode: string;
  organism: string | null;
  matricule: string | null;
  claimNumber: string | null;
  nir: string | null;
  birthName: string;
  usualName: string | null;
  firstName: string;
  birthDate: string;
  kind: CafLineKind;
  effectiveOn: string;
  percent: number | null;
  months: number | null;
  endReason: string | null;
  cancelsLineId: string | null;
}

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // `;` separated: a cell holding the separator, a quote or a line break is quoted.
  return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The file's text: a header line, then one `D` (detail) line per line, `\n` endings, UTF-8. */
export function cafFileContent(rows: readonly CafFileRow[]): string {
  const lines = rows.map((r) =>
    [
      'D',
      r.lineId,
      r.departmentCode,
      r.organism,
      r.matricule,
      r.claimNumber,
      r.nir,
      r.birthName,
      r.usualName,
      r.firstName,
      r.birthDate,
      cafLineNatures[r.kind],
      r.effectiveOn,
      r.percent,
      r.months,
      r.endReason === null ? null : (cafEndReasonCodes[r.endReason] ?? r.endReason),
      r.cancelsLineId,
    ]
      .map(cell)
      .join(';'),
  );
  return `${[CAF_FILE_COLUMNS.join(';'), ...lines].join('\n')}\n`;
}

export const cafFileName = (departmentCode: string, date: string) =>
  `parcours-caf-${departmentCode}-${date.replaceAll('-', '')}.csv`;
