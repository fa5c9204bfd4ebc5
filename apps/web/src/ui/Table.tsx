import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  render: (row: Row) => ReactNode;
  /** Render this cell as the row header (<th scope="row">). */
  rowHeader?: boolean;
  className?: string;
  /** Keep the cell on one line (dates, times, amounts): « 06/11/2026 » never wraps. */
  nowrap?: boolean;
}

const cellClass = (column: Column<never>) =>
  [column.className, column.nowrap ? 'cell--nowrap' : null].filter(Boolean).join(' ') || undefined;

export interface TableProps<Row> {
  caption: ReactNode;
  /** Keep the caption for assistive technologies only (a visible heading already says the same). */
  captionHidden?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  /** Extra class on the <table> (e.g. "table--compact"). */
  className?: string;
}

export function Table<Row>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  rowClassName,
  className,
}: TableProps<Row>) {
  return (
    <div className="table-wrapper">
      <table className={['table', className ?? ''].filter(Boolean).join(' ')}>
        <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.key} scope="row" className={cellClass(column)}>
                    {column.render(row)}
                  </th>
                ) : (
                  <td key={column.key} className={cellClass(column)}>
                    {column.render(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: 'neutral' | 'success' | 'warning' | 'danger';
  children: ReactNode;
}) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
