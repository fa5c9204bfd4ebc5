import {
  type DreesStatistics,
  MASKING_RULE,
  NEVER_EXPORTED,
  SMALL_CELL_THRESHOLD,
} from '@parcours/contracts';
import { excel } from '../../../platform/xlsx';

/** What a masked cell prints, on screen and in the workbook. */
export const MASKED = `< ${SMALL_CELL_THRESHOLD}`;

/** A cell masked so that a total cannot give a small one away prints « < 5 » too: the legend says so. */
export const MASKED_MEANING =
  'effectif masqué (secret statistique) : effectif de 1 à 4, ou case masquée en plus pour qu’aucun total ne permette de retrouver une petite case.';

const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Excel refuses sheet names over 31 characters and some punctuation. */
const sheetName = (index: number, title: string) =>
  `${index} ${title}`.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);

/**
 * The DREES workbook: a first sheet with the date, the definitions and the masking rule, then one
 * sheet per table. Cells come already masked (`maskSmallCells`); only counts, never a person.
 */
export async function dreesWorkbook(stats: DreesStatistics): Promise<Buffer> {
  const book = new (await excel()).Workbook();
  book.creator = 'Parcours';
  book.created = new Date();

  const about = book.addWorksheet('Définitions');
  about.columns = [
    { header: 'Rubrique', key: 'name', width: 34 },
    { header: 'Contenu', key: 'text', width: 120 },
  ];
  about.getRow(1).font = { bold: true };
  about.addRow({
    name: 'Statistiques',
    text: 'Enquête DREES : orientation et accompagnement des bénéficiaires du RSA',
  });
  about.addRow({ name: 'Date d’observation', text: frenchDate(stats.on) });
  about.addRow({
    name: 'Période des flux',
    text: `Du ${frenchDate(stats.yearStart)} au ${frenchDate(stats.on)} (délais et réorientations)`,
  });
  about.addRow({ name: 'Secret statistique', text: MASKING_RULE });
  about.addRow({ name: 'Données exclues', text: NEVER_EXPORTED });
  stats.tables.forEach((t, i) => {
    about.addRow({ name: `${i + 1}. ${t.title}`, text: t.definition });
  });
  about.getColumn('text').alignment = { wrapText: true, vertical: 'top' };

  stats.tables.forEach((t, i) => {
    const sheet = book.addWorksheet(sheetName(i + 1, t.title));
    sheet.addRow([t.title]).font = { bold: true };
    sheet.addRow([t.definition]);
    sheet.addRow([`Au ${frenchDate(stats.on)} — « ${MASKED} » : ${MASKED_MEANING}`]);
    sheet.addRow([]);
    const showTotals = t.columns.length > 1;
    const header = sheet.addRow([t.rowHeader, ...t.columns, ...(showTotals ? ['Total'] : [])]);
    header.font = { bold: true };
    const shown = (v: number | null) => (v === null ? MASKED : v);
    t.rows.forEach((label, r) => {
      const cells = (t.cells[r] ?? []).map(shown);
      sheet.addRow([label, ...cells, ...(showTotals ? [shown(t.rowTotals[r] ?? null)] : [])]);
    });
    const totalRow = sheet.addRow([
      'Total',
      ...t.columnTotals.map(shown),
      ...(showTotals ? [shown(t.total)] : []),
    ]);
    totalRow.font = { bold: true };
    sheet.getColumn(1).width = 48;
    for (let c = 2; c <= t.columns.length + 2; c++) sheet.getColumn(c).width = 22;
  });

  return Buffer.from(await book.xlsx.writeBuffer());
}
