import type { ParsedAnnex } from './annex-parser';

/**
 * Where the annex contradicts itself. Each finding keeps the two facts (both amounts, both
 * sources) and says it in French: the steering role sees both, nothing is picked silently.
 * Pure: the facts come from the parser or from the stored annex (same shapes).
 */

export type AnnexCheckKind =
  | 'sheet_differs'
  | 'shares_sum'
  | 'share_not_half'
  | 'total_mismatch'
  | 'no_amount'
  | 'sheet_total'
  | 'kind_mismatch'
  | 'header_differs';

export interface AnnexFact {
  /** Where the figure is printed ("Tableau de l'annexe, ligne 3-2", "Fiche 1-8, 2020"). */
  source: string;
  amountCents: number | null;
  text?: string;
}

export interface AnnexInconsistency {
  kind: AnnexCheckKind;
  actionCode: string | null;
  lineLabel: string | null;
  facts: [AnnexFact, AnnexFact];
  message: string;
}

export interface CheckedAction {
  code: string;
  axis: number;
  status: string;
  kind: string;
  sheetKind: 'socle' | 'hors_socle' | null;
  amountCents: number | null;
  stateShareCents: number | null;
  departmentShareCents: number | null;
  amountText: string | null;
  sheetYears: { year: number; amountCents: number | null }[];
  sheetTotalCents: number | null;
}

export interface CheckedLine {
  scope: 'group' | 'axis' | 'valuation' | 'general';
  label: string;
  amountCents: number | null;
  stateShareCents: number | null;
  departmentShareCents: number | null;
  actionCodes: string[];
}

export interface CheckedAnnex {
  year: number;
  header: { amountCents: number; stateShareCents: number; departmentShareCents: number } | null;
  actions: CheckedAction[];
  lines: CheckedLine[];
}

/** « 1 234 567,89 € » (cents shown only when there are some). */
export function formatEuros(cents: number | null): string {
  if (cents === null) return '—';
  const units = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  const grouped = String(Math.abs(units)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${cents < 0 ? '−' : ''}${grouped}${rest ? `,${String(rest).padStart(2, '0')}` : ''} €`;
}

const fieldLabels = {
  amountCents: 'montant',
  stateShareCents: 'part État',
  departmentShareCents: 'part département',
} as const;
type AmountField = keyof typeof fieldLabels;

/** Half of an amount, to the euro (an odd amount is split with a rounding of at most 1 €). */
const isHalf = (share: number, amount: number) => Math.abs(share * 2 - amount) <= 100;

export function checkAnnex(annex: CheckedAnnex): AnnexInconsistency[] {
  const found: AnnexInconsistency[] = [];
  const table = (code: string) => `Tableau de l'annexe ${annex.year}, action ${code}`;
  const byCode = new Map(annex.actions.map((a) => [a.code, a]));

  for (const a of annex.actions) {
    if (a.status === 'annulee') continue;
    if (a.amountCents === null) {
      found.push({
        kind: 'no_amount',
        actionCode: a.code,
        lineLabel: null,
        facts: [
          { source: table(a.code), amountCents: null, text: a.amountText ?? 'cellule vide' },
          { source: `Sous-total du groupe de l'action ${a.code}`, amountCents: 0, text: 'compté pour 0 €' },
        ],
        message: `L'action ${a.code} n'a pas de montant ${annex.year} (« ${a.amountText ?? 'cellule vide'} ») : le sous-total de son groupe la compte pour 0 €.`,
      });
      continue;
    }
    if (a.stateShareCents !== null && a.departmentShareCents !== null) {
      const shares = a.stateShareCents + a.departmentShareCents;
      if (shares !== a.amountCents)
        found.push({
          kind: 'shares_sum',
          actionCode: a.code,
          lineLabel: null,
          facts: [
            { source: `${table(a.code)}, montant`, amountCents: a.amountCents },
            { source: `${table(a.code)}, part État + part département`, amountCents: shares },
          ],
          message: `Action ${a.code} : part État (${formatEuros(a.stateShareCents)}) + part département (${formatEuros(a.departmentShareCents)}) = ${formatEuros(shares)}, pour un montant de ${formatEuros(a.amountCents)}.`,
        });
      if (!isHalf(a.stateShareCents, a.amountCents) || !isHalf(a.departmentShareCents, a.amountCents))
        found.push({
          kind: 'share_not_half',
          actionCode: a.code,
          lineLabel: null,
          facts: [
            { source: `${table(a.code)}, part État`, amountCents: a.stateShareCents },
            { source: `${table(a.code)}, part département`, amountCents: a.departmentShareCents },
          ],
          message: `Action ${a.code} : les parts ne sont pas à moitié du montant de ${formatEuros(a.amountCents)} comme le prévoit la convention (État ${formatEuros(a.stateShareCents)}, département ${formatEuros(a.departmentShareCents)}).`,
        });
    }
    const sheetYear = a.sheetYears.find((y) => y.year === annex.year);
    if (sheetYear && sheetYear.amountCents !== null && sheetYear.amountCents !== a.amountCents)
      found.push({
        kind: 'sheet_differs',
        actionCode: a.code,
        lineLabel: null,
        facts: [
          { source: table(a.code), amountCents: a.amountCents },
          { source: `Fiche de l'action ${a.code}, budget ${annex.year}`, amountCents: sheetYear.amountCents },
        ],
        message: `Action ${a.code} : la fiche prévoit ${formatEuros(sheetYear.amountCents)} pour ${annex.year}, le tableau ${formatEuros(a.amountCents)}.`,
      });
  }

  for (const a of annex.actions) {
    const years = a.sheetYears.filter((y) => y.amountCents !== null);
    if (
      a.sheetTotalCents !== null &&
      years.length > 0 &&
      years.length === a.sheetYears.filter((y) => y.year >= annex.year).length
    ) {
      const sum = years.reduce((s, y) => s + y.amountCents!, 0);
      if (sum !== a.sheetTotalCents)
        found.push({
          kind: 'sheet_total',
          actionCode: a.code,
          lineLabel: null,
          facts: [
            { source: `Fiche de l'action ${a.code}, total imprimé`, amountCents: a.sheetTotalCents },
            { source: `Fiche de l'action ${a.code}, somme des années`, amountCents: sum },
          ],
          message: `Fiche ${a.code} : le total imprimé (${formatEuros(a.sheetTotalCents)}) n'est pas la somme des années (${formatEuros(sum)}).`,
        });
    }
    if (a.sheetKind === 'socle' && a.kind === 'initiative_departementale')
      found.push({
        kind: 'kind_mismatch',
        actionCode: a.code,
        lineLabel: null,
        facts: [
          { source: table(a.code), amountCents: null, text: 'rangée parmi les initiatives départementales' },
          { source: `Fiche de l'action ${a.code}`, amountCents: null, text: 'fiche « socle »' },
        ],
        message: `Action ${a.code} : le tableau la range parmi les initiatives départementales, sa fiche la dit « socle ».`,
      });
  }

  const valuation = annex.lines.find((l) => l.scope === 'valuation');
  for (const line of annex.lines) {
    if (line.scope === 'valuation') continue;
    const rows = line.actionCodes
      .map((c) => byCode.get(c))
      .filter((a): a is CheckedAction => a !== undefined);
    for (const field of Object.keys(fieldLabels) as AmountField[]) {
      const printed = line[field];
      if (printed === null) continue;
      let sum = rows.reduce((s, a) => s + (a[field] ?? 0), 0);
      let what = `somme des actions ${line.actionCodes.length > 4 ? `${line.actionCodes[0]} à ${line.actionCodes.at(-1)}` : line.actionCodes.join(', ')}`;
      if (line.scope === 'general' && valuation) {
        sum += valuation[field] ?? 0;
        what = 'somme des actions et de la ligne de valorisation interne';
      }
      if (sum !== printed)
        found.push({
          kind: 'total_mismatch',
          actionCode: null,
          lineLabel: line.label,
          facts: [
            { source: `${line.label}, ${fieldLabels[field]} imprimé`, amountCents: printed },
            { source: what, amountCents: sum },
          ],
          message: `« ${line.label} » : ${fieldLabels[field]} imprimé ${formatEuros(printed)}, ${what} ${formatEuros(sum)}.`,
        });
    }
    if (line.amountCents !== null && line.stateShareCents !== null && line.departmentShareCents !== null) {
      const shares = line.stateShareCents + line.departmentShareCents;
      if (shares !== line.amountCents)
        found.push({
          kind: 'shares_sum',
          actionCode: null,
          lineLabel: line.label,
          facts: [
            { source: `${line.label}, montant imprimé`, amountCents: line.amountCents },
            { source: `${line.label}, part État + part département imprimées`, amountCents: shares },
          ],
          message: `« ${line.label} » : part État + part département = ${formatEuros(shares)}, pour un montant imprimé de ${formatEuros(line.amountCents)}.`,
        });
    }
  }

  const general = annex.lines.find((l) => l.scope === 'general');
  if (
    annex.header &&
    general &&
    general.amountCents !== null &&
    annex.header.amountCents !== general.amountCents
  )
    found.push({
      kind: 'header_differs',
      actionCode: null,
      lineLabel: general.label,
      facts: [
        { source: "En-tête « BUDGET ALLOUE » de l'annexe", amountCents: annex.header.amountCents },
        { source: `${general.label} du tableau`, amountCents: general.amountCents },
      ],
      message: `Le budget alloué imprimé en tête (${formatEuros(annex.header.amountCents)}) diffère du total général du tableau (${formatEuros(general.amountCents)}).`,
    });
  return found;
}

/** The facts of a parsed annex, as the checks read them. */
export function checkedFromParsed(parsed: ParsedAnnex): CheckedAnnex {
  return {
    year: parsed.year,
    header: parsed.header,
    actions: parsed.actions.map((a) => ({
      code: a.code,
      axis: a.axis,
      status: a.status,
      kind: a.kind,
      sheetKind: a.sheet?.kind ?? null,
      amountCents: a.amountCents,
      stateShareCents: a.stateShareCents,
      departmentShareCents: a.departmentShareCents,
      amountText: a.amountText,
      sheetYears: a.sheet?.yearly.map((y) => ({ year: y.year, amountCents: y.amountCents })) ?? [],
      sheetTotalCents: a.sheet?.totalCents ?? null,
    })),
    lines: parsed.lines,
  };
}
