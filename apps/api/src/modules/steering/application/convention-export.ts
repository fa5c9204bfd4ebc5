import type { ConventionCell, ConventionRow, ConventionTable } from '@parcours/contracts';
import type ExcelJS from 'exceljs';
import type { AppContext } from '../../../platform/context';
import { notFound } from '../../../platform/errors';
import { excel } from '../../../platform/xlsx';
import { readConventionTable } from './convention';

/** The seed's headers of the four text columns. */
export const conventionTextHeaders = [
  'Objectifs',
  'Indicateurs',
  'Commentaires et éléments de définition',
  'Commentaires et éléments de définition CD13',
];

/** The seed's wording of a value column. */
export const conventionColumnHeader = (c: { kind: string; year: number }) =>
  c.kind === 'situation'
    ? `Situation au 31 déc. ${c.year}`
    : c.year === 2019
      ? `Rappel de l'objectif fixé pour le 31 décembre ${c.year}`
      : `Rappel de l'objectif fixé pour ${c.year}`;

export const computedHeader = (year: number) => `Calculé par Parcours ${year} (1er janv. – 31 déc.)`;

/** A count as a number, a percentage as a fraction (format %), anything else as printed. */
function cellValue(cell: ConventionCell | undefined): { value: ExcelJS.CellValue; numFmt?: string } {
  if (!cell || cell.valueKind === 'empty') return { value: null };
  if (cell.valueKind === 'number' && cell.number !== null && /^[\d ]+(,\d+)?$/.test(cell.printed))
    return { value: cell.number };
  if (cell.valueKind === 'percent' && cell.number !== null)
    return { value: cell.number / 100, numFmt: Number.isInteger(cell.number) ? '0%' : '0.0%' };
  return { value: cell.printed };
}

function computedValue(row: ConventionRow): ExcelJS.CellValue {
  if (!row.computed || row.computed.value === null) return row.computed ? 'Non défini' : null;
  return row.computed.value;
}

/** The table laid out as the convention: its columns, axis and section lines, then the computed column. */
export async function conventionWorkbook(
  table: ConventionTable,
  now = new Date(),
): Promise<ExcelJS.Workbook> {
  const book = new (await excel()).Workbook();
  book.creator = 'Parcours';
  book.created = now;
  const sheet = book.addWorksheet('Indicateurs convention', { views: [{ state: 'frozen', ySplit: 1 }] });
  const valueColumns = table.columns.length;
  sheet.columns = [
    { width: 40 },
    { width: 50 },
    { width: 50 },
    { width: 50 },
    ...table.columns.map(() => ({ width: 18 })),
    { width: 22 },
    { width: 14 },
  ];
  const header = sheet.addRow([
    ...conventionTextHeaders,
    ...table.columns.map(conventionColumnHeader),
    computedHeader(table.year),
    `Part calculée ${table.year}`,
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  let axis: number | null = null;
  let section: string | null = null;
  for (const row of table.rows) {
    if (row.axis !== axis) {
      axis = row.axis;
      section = null;
      sheet.addRow([`${row.axis}. ${row.axisLabel}`]).font = { bold: true };
    }
    if (row.section !== section) {
      section = row.section;
      sheet.addRow([`${row.section}. ${row.sectionLabel}`]).font = { bold: true, italic: true };
    }
    const firstOfObjective =
      row.objectiveRef !== null &&
      table.rows.find((r) => r.objectiveRef === row.objectiveRef && r.section === row.section)?.id === row.id;
    const values = table.columns.map((c) =>
      cellValue(row.cells.find((x) => x.kind === c.kind && x.year === c.year)),
    );
    const line = sheet.addRow([
      firstOfObjective ? `${row.objectiveRef}. ${row.objectiveLabel}` : null,
      row.label,
      row.definition,
      row.departmentComment,
      ...values.map((v) => v.value),
      computedValue(row),
      row.computed?.ratePercent != null ? row.computed.ratePercent / 100 : null,
    ]);
    values.forEach((v, i) => {
      if (v.numFmt) line.getCell(5 + i).numFmt = v.numFmt;
    });
    line.getCell(5 + valueColumns + 1).numFmt = '0.0%';
    line.alignment = { wrapText: true, vertical: 'top' };
  }
  return book;
}

export async function exportConventionXlsx(
  ctx: AppContext,
  departmentCode: string,
  year?: number,
): Promise<{ fileName: string; content: Buffer; table: ConventionTable }> {
  const table = await readConventionTable(ctx, departmentCode, year);
  if (table.rows.length === 0) throw notFound('Tableau des indicateurs de la convention');
  const content = Buffer.from(await (await conventionWorkbook(table)).xlsx.writeBuffer());
  return { fileName: `convention-indicateurs-${table.year}.xlsx`, content, table };
}
