import { type BudgetConsumptionYear, budgetSourceLabels, type ConsumptionAmounts } from '@parcours/contracts';
import type ExcelJS from 'exceljs';

const EUROS = '#,##0.00 "€";-#,##0.00 "€"';
const NO_UNIT_COST = 'coût unitaire non défini';
const euros = (cents: number | null) => (cents === null ? null : cents / 100);

/**
 * The year's consumption as a sheet of the annex workbook: per action, the aids' line, per axis and
 * in total, planned (with its shares and source), committed and gap. Amounts only: no count of
 * persons (the workbook is a financial table, not a statistics export).
 */
export function addConsumptionSheet(book: ExcelJS.Workbook, c: BudgetConsumptionYear) {
  const sheet = book.addWorksheet(`Consommation ${c.year}`, { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.columns = [
    { width: 60 },
    { width: 22 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
    { width: 16 },
    { width: 22 },
    { width: 22 },
  ];
  for (const col of [2, 3, 4, 5, 6, 7, 8]) sheet.getColumn(col).numFmt = EUROS;
  sheet.addRow([`Consommation des budgets ${c.year} : prévu, engagé et écart`]).font = { bold: true };
  sheet.addRow([
    'Prévu : saisi dans Parcours, sinon tableau de l’annexe, sinon fiche de l’action ; engagé : fiches de liaison acceptées, entrées ou sorties × coût unitaire, et aides validées, en paiement ou payées.',
  ]);
  const header = sheet.addRow([
    'Ligne',
    'Source du prévu',
    'Coût unitaire',
    `Prévu ${c.year}`,
    'Part État',
    'Part département',
    'Engagé',
    'Écart (prévu − engagé)',
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  const line = (
    label: string,
    source: string | null,
    unit: number | null | string,
    a: ConsumptionAmounts,
    bold = false,
  ) => {
    const row = sheet.addRow([
      label,
      source,
      typeof unit === 'string' ? unit : euros(unit),
      euros(a.plannedCents),
      euros(a.plannedStateShareCents),
      euros(a.plannedDepartmentShareCents),
      a.committedCents === null ? NO_UNIT_COST : euros(a.committedCents),
      a.gapCents === null ? NO_UNIT_COST : euros(a.gapCents),
    ]);
    row.font = { bold };
  };
  for (const axis of c.axes) {
    sheet.addRow([axis.label.toUpperCase()]).font = { bold: true };
    for (const a of axis.actions)
      line(
        `${a.code} ${a.title}`,
        a.plannedSource ? budgetSourceLabels[a.plannedSource] : null,
        a.unitCostCents ?? NO_UNIT_COST,
        a,
      );
    if (axis.aids) line(axis.aids.label, 'Enveloppes d’aides', null, axis.aids);
    line(`TOTAL ${axis.label.toUpperCase()}`, null, null, axis, true);
  }
  line(`TOTAL GENERAL ${c.year}`, null, null, c, true);
}
