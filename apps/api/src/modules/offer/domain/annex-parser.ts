import type { ActionKind, ActionStatus } from '@parcours/contracts';
import { type AnnexSheet, parseSheets } from './annex-sheet-parser';
import { clean, normalizeCode, parseEuros } from './annex-text';

export type { AnnexIndicator, AnnexPhase, AnnexSheet, AnnexSheetYear } from './annex-sheet-parser';
export { normalizeCode, parseEuros } from './annex-text';

/**
 * Reads the département's 2020 annex (seed 004: the tab-separated table of the plan pauvreté's
 * engagements, then the "ANNEXES B" sheets of the new actions) into facts, as printed: the table's
 * rows, its printed sub-totals and totals, and each sheet's details. Nothing is reconciled here:
 * `annex-checks.ts` compares the facts and reports where the annex contradicts itself.
 */

/** Amounts of a row of the table, in cents; null where the cell holds no amount. */
export interface AnnexAmounts {
  amountCents: number | null;
  stateShareCents: number | null;
  departmentShareCents: number | null;
  valuedCents: number | null;
  newCreditsCents: number | null;
}

export interface AnnexAction extends AnnexAmounts {
  /** Order in the table, shared with the printed lines' positions. */
  position: number;
  /** The code as printed in the table ("1-1", "4.1", "Ex 3-7"). */
  code: string;
  title: string;
  axis: number;
  grouping: string;
  kind: ActionKind;
  status: ActionStatus;
  objectives: string | null;
  description: string | null;
  /** The PUBLICS column when it describes a public (axes 1, 2, 4). */
  publicText: string | null;
  /** The PUBLICS column when it is a count ("1 000"), or its text when a count with words. */
  plannedBeneficiaries: number | null;
  plannedBeneficiariesText: string | null;
  /** The amount cell when it is not an amount ("A définir pour 2021"). */
  amountText: string | null;
  /** Operators named in the title ("(ADJ Marceau)", "/ Mission locale Marseille"). */
  titleOperators: string[];
  sheet: AnnexSheet | null;
}

export type AnnexLineScope = 'group' | 'axis' | 'valuation' | 'general';

export interface AnnexTotalLine extends AnnexAmounts {
  position: number;
  scope: AnnexLineScope;
  axis: number | null;
  label: string;
  beneficiariesText: string | null;
  /** Codes of the actions the printed line sums (its group's, its axis's, all for the grand total). */
  actionCodes: string[];
}

export interface ParsedAnnex {
  year: number;
  title: string;
  /** The line under the title ("Commission permanente du 25 sept 2020 - Rapport n° 25 …"). */
  subtitle: string | null;
  /** The "BUDGET ALLOUE" figures printed above the table (with cents). */
  header: { amountCents: number; stateShareCents: number; departmentShareCents: number } | null;
  actions: AnnexAction[];
  lines: AnnexTotalLine[];
  /** Sheets whose code matches no action of the table (kept, reported by the checks). */
  orphanSheets: AnnexSheet[];
}

const statusOf: Record<string, ActionStatus> = {
  NOUVELLE: 'nouvelle',
  POURSUIVIE: 'poursuivie',
  RENFORCEE: 'renforcee',
  ANNULEE: 'annulee',
};

/** Acronyms in parentheses that name the action itself, not its operator. */
const actionAcronyms = new Set(['ACIADE', 'AGIR', 'HEDA']);

function titleOperators(title: string): string[] {
  const found: string[] = [];
  const slash = title.match(/\s\/\/?\s(.+)$/);
  if (slash && !slash[1]!.startsWith('«')) found.push(slash[1]!.trim());
  else {
    const paren = title.match(/\(([^)]+)\)\s*$/);
    if (paren && !actionAcronyms.has(paren[1]!.trim())) found.push(paren[1]!.trim());
    const quoted = title.match(/"\s*([A-Z]{3,})\s*$/);
    if (quoted) found.push(quoted[1]!);
  }
  return found;
}

function amountsOf(cells: string[]): AnnexAmounts {
  return {
    amountCents: parseEuros(cells[0]),
    stateShareCents: parseEuros(cells[1]),
    departmentShareCents: parseEuros(cells[2]),
    valuedCents: parseEuros(cells[3]),
    newCreditsCents: parseEuros(cells[4]),
  };
}

/**
 * A printed total: the cells after the label. Beneficiaries are the plain numbers, amounts the
 * cells with €, in the columns' order (one printed line is shifted by a column: this reads it too).
 */
function totalCells(cells: string[]): { beneficiaries: string | null; amounts: AnnexAmounts } {
  const rest = cells
    .slice(1)
    .map(clean)
    .filter((c) => c !== '');
  const euros = rest.filter((c) => parseEuros(c) !== null);
  const beneficiaries = rest.find((c) => /^\d[\d ]*$/.test(c)) ?? null;
  return { beneficiaries, amounts: amountsOf(euros) };
}

function plannedOf(
  text: string,
): Pick<AnnexAction, 'publicText' | 'plannedBeneficiaries' | 'plannedBeneficiariesText'> {
  if (text === '') return { publicText: null, plannedBeneficiaries: null, plannedBeneficiariesText: null };
  if (/^\d[\d ]*$/.test(text))
    return {
      publicText: null,
      plannedBeneficiaries: Number(text.replace(/ /g, '')),
      plannedBeneficiariesText: null,
    };
  if (/^\d/.test(text) && text.length <= 30)
    return { publicText: null, plannedBeneficiaries: null, plannedBeneficiariesText: text };
  return { publicText: text, plannedBeneficiaries: null, plannedBeneficiariesText: null };
}

const ACTION_ROW = /^((?:Ex )?\d+[-.]\d+)\s+(.*?)\s+ACTION (NOUVELLE|POURSUIVIE|RENFORCEE|ANNULEE)\s*$/;

/** Parses the whole annex text (table then sheets). Throws a French message when it is not one. */
export function parseAnnex(text: string, year = 2020): ParsedAnnex {
  const rows = text.replace(/\r\n?/g, '\n').split('\n');
  const start = rows.findIndex((r) => /^ANNEXE - PLAN PAUVRETE - TABLEAU/.test(r));
  if (start < 0)
    throw new Error(
      "Le fichier ne contient pas le tableau de l'annexe (« ANNEXE - PLAN PAUVRETE - TABLEAU … »).",
    );
  const sheetsAt = rows.findIndex((r, i) => i > start && /^ANNEXES B\s*$/.test(r.trim()));
  const tableRows = rows.slice(start, sheetsAt < 0 ? rows.length : sheetsAt);

  const actions: AnnexAction[] = [];
  const lines: AnnexTotalLine[] = [];
  let header: ParsedAnnex['header'] = null;
  let axis: number | null = null;
  let grouping = '';
  let pendingGroup: string[] = [];
  /** One sequence for actions and printed lines: their order in the table. */
  let order = 0;
  const title = clean(tableRows[0]?.split('\t')[0]).replace(/\s*-\s*$/, '');
  const second = clean(tableRows[1]?.split('\t')[0]);
  const subtitle = /^Commission permanente/.test(second) ? second : null;

  for (const raw of tableRows) {
    const cells = raw.split('\t');
    const first = clean(cells[0]);
    const others = cells.slice(1).map(clean);
    const blank = others.every((c) => c === '');
    if (raw.trim() === '' || /^(Commission permanente|INTITULE ACTION|ANNEXE - |BUDGET ALLOUE)/.test(first))
      continue;
    const addLine = (scope: AnnexLineScope, label: string, codes: string[]) => {
      const { beneficiaries, amounts } = totalCells(cells);
      lines.push({
        position: ++order,
        scope,
        axis: scope === 'group' || scope === 'axis' ? axis : null,
        label,
        beneficiariesText: beneficiaries,
        actionCodes: codes,
        ...amounts,
      });
    };
    if (first === '' && axis === null) {
      const euros = others.map((c) => parseEuros(c)).filter((c): c is number => c !== null);
      if (euros.length >= 3)
        header = { amountCents: euros[0]!, stateShareCents: euros[1]!, departmentShareCents: euros[2]! };
      continue;
    }
    const axisHeading = first.match(/^(?:PLAN PAUVRETE - SYNTHESE )?AXE (\d)\b/);
    if (axisHeading && blank) {
      axis = Number(axisHeading[1]);
      grouping = '';
      pendingGroup = [];
      continue;
    }
    if (axis === null) continue;
    const axisTotal = first.match(/^TOTAL AXE (\d)/);
    if (axisTotal) {
      addLine(
        'axis',
        first,
        actions.filter((a) => a.axis === Number(axisTotal[1])).map((a) => a.code),
      );
      continue;
    }
    if (/^TOTAL GENERAL/.test(first)) {
      addLine(
        'general',
        first,
        actions.map((a) => a.code),
      );
      continue;
    }
    if (/^AUTRES ACTIONS \(VALORISATION INTERNE\)/.test(first)) {
      addLine('valuation', first, []);
      continue;
    }
    if (/^Total bénéficiaires\/financement/i.test(first) || (first === '' && !blank)) {
      addLine('group', first === '' ? `Sous-total ${grouping}` : `${first} (${grouping})`, pendingGroup);
      pendingGroup = [];
      continue;
    }
    const action = first.match(ACTION_ROW);
    if (action) {
      const [, code, actionTitle, status] = action;
      const planned = plannedOf(others[2] ?? '');
      const amounts = amountsOf(others.slice(3, 8));
      const amountCell = others[3] ?? '';
      actions.push({
        position: ++order,
        code: code!,
        title: actionTitle!,
        axis,
        grouping,
        kind: /^INITIATIVES DEPARTEMENTALES/.test(grouping) ? 'initiative_departementale' : 'socle',
        status: statusOf[status!]!,
        objectives: others[0] || null,
        description: others[1] || null,
        ...planned,
        ...amounts,
        amountText: amounts.amountCents === null && amountCell !== '' ? amountCell : null,
        titleOperators: titleOperators(actionTitle!),
        sheet: null,
      });
      pendingGroup.push(code!);
      continue;
    }
    if (blank) {
      grouping = first;
      pendingGroup = [];
    }
  }
  if (actions.length === 0) throw new Error("Aucune action lue dans le tableau de l'annexe.");

  const sheets = sheetsAt < 0 ? [] : parseSheets(rows.slice(sheetsAt + 1));
  const orphanSheets: AnnexSheet[] = [];
  for (const sheet of sheets) {
    const target = actions.find((a) => normalizeCode(a.code) === normalizeCode(sheet.code));
    if (!target) {
      orphanSheets.push(sheet);
      continue;
    }
    target.sheet = sheet;
    if (target.kind !== 'initiative_departementale') target.kind = sheet.kind;
  }
  return { year, title, subtitle, header, actions, lines, orphanSheets };
}
