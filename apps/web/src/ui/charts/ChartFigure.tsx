import { type ReactNode, useId } from 'react';
import { Button } from '../Button';
import { Table } from '../Table';

/** One column of a chart's data: its key in the rows and its French header. */
export interface ChartColumn {
  key: string;
  label: string;
}
export type ChartRow = Record<string, string | number | null>;

export interface ChartFigureProps {
  title: string;
  /** What the chart shows and how to read it (definitions, period). */
  description?: ReactNode;
  /** The data drawn, also offered as a table and as CSV: the first column labels the rows. */
  columns: ChartColumn[];
  rows: ChartRow[];
  /** File name of the CSV download, without extension. */
  csvName: string;
  /** The chart itself (recharts…): decorative for assistive technologies, the table says the same. */
  children: ReactNode;
}

const cell = (v: string | number | null) =>
  v === null ? '< 5' : typeof v === 'number' ? v.toLocaleString('fr-FR') : v;

/** CSV (semicolon, UTF-8 with BOM for spreadsheets): null cells are masked (« < 5 »). */
export function chartCsv(columns: ChartColumn[], rows: ChartRow[]): string {
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [columns.map((c) => quote(c.label)).join(';')];
  for (const row of rows)
    lines.push(columns.map((c) => quote(row[c.key] === null ? '< 5' : String(row[c.key] ?? ''))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function download(name: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A chart with what every chart of Parcours offers: a title, its description, the chart hidden from
 * screen readers, the same data as an accessible table (« Voir les données ») and as CSV.
 */
export function ChartFigure({ title, description, columns, rows, csvName, children }: ChartFigureProps) {
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        {description ? <div className="chart-figure__description">{description}</div> : null}
      </figcaption>
      <div className="chart-figure__chart" aria-hidden="true">
        {children}
      </div>
      <details className="chart-figure__data">
        <summary>Voir les données (tableau)</summary>
        <Table
          caption={title}
          columns={columns.map((c, i) => ({
            key: c.key,
            header: c.label,
            rowHeader: i === 0,
            render: (row: ChartRow) => cell(row[c.key] ?? ''),
          }))}
          rows={rows}
          rowKey={(row) => String(row[columns[0]?.key ?? ''] ?? '')}
        />
      </details>
      <Button variant="secondary" onClick={() => download(csvName, chartCsv(columns, rows))}>
        Télécharger les données (CSV) — {title}
      </Button>
    </figure>
  );
}
