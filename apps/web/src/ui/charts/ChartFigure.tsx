import { type ReactNode, useId } from 'react';
import { Button } from '../Button';
import { Table } from '../Table';
import './charts.css';
import { type ChartColumn, type ChartRow, chartCsv, maskedRows } from './csv';

export { type ChartColumn, type ChartRow, chartCsv, maskedRows };

export interface ChartFigureProps {
  title: string;
  /** What the chart shows and how to read it (definitions, period). */
  description?: ReactNode;
  /** The data drawn, also offered as a table and as CSV: the first column labels the rows. */
  columns: ChartColumn[];
  rows: ChartRow[];
  /** File name of the CSV download, without extension. */
  csvName: string;
  /**
   * The columns holding counts of persons: in the CSV (a statistics export) those under 5 are
   * masked with secondary masking (`maskSmallCells`), and `totalColumn` takes the masked row totals.
   */
  countColumns?: string[];
  totalColumn?: string;
  /** The chart itself (recharts…): decorative for assistive technologies, the table says the same. */
  children: ReactNode;
}

const cell = (v: string | number | null) =>
  v === null ? '< 5' : typeof v === 'number' ? v.toLocaleString('fr-FR') : v;

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
export function ChartFigure({
  title,
  description,
  columns,
  rows,
  csvName,
  countColumns = [],
  totalColumn,
  children,
}: ChartFigureProps) {
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        {description ? <div className="chart-figure__description">{description}</div> : null}
      </figcaption>
      {/* Hidden and inert: charts libraries make their SVG focusable; the table is the accessible way. */}
      <div className="chart-figure__chart" aria-hidden="true" inert>
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
      <p className="chart-figure__download">
        <Button
          variant="secondary"
          onClick={() => download(csvName, chartCsv(columns, maskedRows(rows, countColumns, totalColumn)))}
        >
          Télécharger les données (CSV) — {title}
        </Button>
        {countColumns.length > 0 ? (
          <span className="muted"> Effectifs inférieurs à 5 masqués (« &lt; 5 »).</span>
        ) : null}
      </p>
    </figure>
  );
}
