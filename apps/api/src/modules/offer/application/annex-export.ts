import { offerAxisLabels } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { notFound } from '../../../platform/errors';
import { excel } from '../../../platform/xlsx';
import { latestAnnexYear, loadStoredAnnex, type StoredAction, type StoredLine } from '../infra/budget-repo';
import { consumptionOfOneYear } from './consumption';
import { addConsumptionSheet } from './consumption-sheet';

const EUROS = '#,##0 "€";-#,##0 "€"';
const EUROS_CENTS = '#,##0.00 "€";-#,##0.00 "€"';
const statusWords: Record<string, string> = {
  nouvelle: 'NOUVELLE',
  poursuivie: 'POURSUIVIE',
  renforcee: 'RENFORCEE',
  annulee: 'ANNULEE',
};
const euros = (cents: number | null) => (cents === null ? null : cents / 100);

/**
 * The year's annex table as an XLSX workbook, laid out as the département's document: title
 * lines, the header row, axis and grouping headings, action rows, printed sub-totals, axis totals,
 * the internal valuation line and the grand total. Amounts and totals are numbers (format €).
 */
export async function exportAnnexXlsx(
  ctx: AppContext,
  departmentCode: string,
  askedYear?: number,
  now = new Date(),
): Promise<{ fileName: string; content: Buffer }> {
  const year = askedYear ?? (await latestAnnexYear(ctx.db, departmentCode)) ?? 2020;
  const annex = await loadStoredAnnex(ctx.db, departmentCode, year);
  const actions = annex.actions.filter((a) => a.row !== null);
  if (actions.length === 0) throw notFound(`Annexe ${year}`);
  const budget = (a: StoredAction) =>
    annex.budgets.find((b) => b.actionId === a.id && b.year === year && b.source === 'annex_table');

  const book = new (await excel()).Workbook();
  book.creator = 'Parcours';
  book.created = now;
  const sheet = book.addWorksheet(`Annexe ${year}`, {
    views: [{ state: 'frozen', ySplit: annex.subtitle ? 5 : 4 }],
  });
  sheet.columns = [
    { width: 60 },
    { width: 45 },
    { width: 55 },
    { width: 30 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
  ];
  for (const col of [5, 6, 7, 8, 9]) sheet.getColumn(col).numFmt = EUROS;

  sheet.addRow([annex.title ?? `Annexe ${year}`]).font = { bold: true };
  if (annex.subtitle) sheet.addRow([annex.subtitle]);
  const allocated = sheet.addRow([
    `BUDGET ALLOUE ${year}`,
    null,
    null,
    null,
    euros(annex.header?.amountCents ?? null),
    euros(annex.header?.stateShareCents ?? null),
    euros(annex.header?.departmentShareCents ?? null),
  ]);
  for (const col of [5, 6, 7]) allocated.getCell(col).numFmt = EUROS_CENTS;
  sheet.addRow([]);
  const header = sheet.addRow([
    'INTITULE ACTION',
    'OBJECTIFS',
    'DESCRIPTION ACTION',
    'PUBLICS',
    `MONTANT ACTION ${year}`,
    `PART ETAT ${year}`,
    `PART CD13 ${year}`,
    'Sous-total crédits valorisés',
    'Sous-total crédits nouveaux',
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };

  type Item = { position: number; action?: StoredAction; line?: StoredLine };
  const items: Item[] = [
    ...actions.map((a) => ({ position: a.row!.position, action: a })),
    ...annex.lines.map((l) => ({ position: l.position, line: l })),
  ].sort((x, y) => x.position - y.position);

  let axis: number | null = null;
  let grouping: string | null = null;
  let groupOpen = false;
  const heading = (text: string, bold = true) => {
    const row = sheet.addRow([text]);
    row.font = { bold };
  };
  for (const item of items) {
    const itemAxis = item.action?.axis ?? item.line?.axis ?? null;
    if (itemAxis !== null && itemAxis !== axis) {
      axis = itemAxis;
      grouping = null;
      groupOpen = false;
      heading((offerAxisLabels[axis] ?? `Axe ${axis}`).toUpperCase());
    }
    if (item.action) {
      const a = item.action;
      if (!groupOpen || a.grouping !== grouping) {
        grouping = a.grouping;
        groupOpen = true;
        if (grouping) heading(grouping, false);
      }
      const b = budget(a);
      const publics = a.plannedBeneficiaries ?? a.plannedBeneficiariesText ?? a.publicDescription ?? null;
      const row = sheet.addRow([
        `${a.code} ${a.title} ACTION ${statusWords[a.status] ?? a.status.toUpperCase()}`,
        a.objectives,
        a.description,
        publics,
        b ? euros(b.amountCents) : a.row!.amountText,
        euros(b?.stateShareCents ?? null),
        euros(b?.departmentShareCents ?? null),
        euros(a.row!.valuedCents),
        euros(a.row!.newCreditsCents),
      ]);
      row.alignment = { wrapText: true, vertical: 'top' };
      continue;
    }
    const l = item.line!;
    if (l.scope === 'group') groupOpen = false;
    const label = l.scope === 'group' ? 'Total bénéficiaires/financement' : l.label;
    const row = sheet.addRow([
      label,
      null,
      null,
      l.beneficiariesText,
      euros(l.amountCents),
      euros(l.stateShareCents),
      euros(l.departmentShareCents),
      euros(l.valuedCents),
      euros(l.newCreditsCents),
    ]);
    row.font = { bold: l.scope !== 'group', italic: l.scope === 'group' };
  }
  addConsumptionSheet(book, await consumptionOfOneYear(ctx, departmentCode, year));
  const content = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `annexe-pdi-${year}.xlsx`, content };
}
