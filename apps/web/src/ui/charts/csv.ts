import { maskSmallCells } from '@parcours/contracts';

/** One column of a chart's data: its key in the rows and its French header. */
export interface ChartColumn {
  key: string;
  label: string;
}
export type ChartRow = Record<string, string | number | null>;

/** The rows as exported: counts under 5 masked (null), then so that no total reveals them. */
export function maskedRows(rows: ChartRow[], countColumns: string[], totalColumn?: string): ChartRow[] {
  if (countColumns.length === 0 || rows.length === 0) return rows;
  const masked = maskSmallCells(rows.map((row) => countColumns.map((k) => Number(row[k] ?? 0))));
  return rows.map((row, i) => {
    const out: ChartRow = { ...row };
    countColumns.forEach((k, j) => {
      out[k] = masked.cells[i]?.[j] ?? null;
    });
    if (totalColumn) out[totalColumn] = masked.rowTotals[i] ?? null;
    return out;
  });
}

/** CSV (semicolon, UTF-8 with BOM for spreadsheets): null cells are masked (« < 5 »). */
export function chartCsv(columns: ChartColumn[], rows: ChartRow[]): string {
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [columns.map((c) => quote(c.label)).join(';')];
  for (const row of rows)
    lines.push(columns.map((c) => quote(row[c.key] === null ? '< 5' : String(row[c.key] ?? ''))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
