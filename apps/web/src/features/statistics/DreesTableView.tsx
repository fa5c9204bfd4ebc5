import type { DreesTable } from '@parcours/contracts';
import { formatNumber } from '../../lib/format';

/** A masked count: « < 5 », with its meaning spelled out for screen readers. */
function Count({ value }: { value: number | null }) {
  if (value === null)
    return (
      <abbr className="statistics__masked" title="Effectif masqué (secret statistique)">
        &lt; 5
      </abbr>
    );
  return <>{formatNumber(value)}</>;
}

/** One DREES table with its definition, its totals in the last column and the last row. */
export function DreesTableView({ table, index }: { table: DreesTable; index: number }) {
  const totals = table.columns.length > 1;
  const headingId = `statistiques-${table.key}`;
  return (
    <section className="statistics__table" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {index}. {table.title}
      </h2>
      <p className="muted">{table.definition}</p>
      <div className="table-wrapper">
        <table className="table table--compact">
          <caption className="sr-only">{table.title}</caption>
          <thead>
            <tr>
              <th scope="col">{table.rowHeader}</th>
              {table.columns.map((c) => (
                <th key={c} scope="col" className="statistics__number">
                  {c}
                </th>
              ))}
              {totals ? (
                <th scope="col" className="statistics__number">
                  Total
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((label, r) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {(table.cells[r] ?? []).map((v, c) => (
                  <td key={table.columns[c]} className="statistics__number">
                    <Count value={v} />
                  </td>
                ))}
                {totals ? (
                  <td className="statistics__number">
                    <Count value={table.rowTotals[r] ?? null} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {table.columnTotals.map((v, c) => (
                <td key={table.columns[c]} className="statistics__number">
                  <Count value={v} />
                </td>
              ))}
              {totals ? (
                <td className="statistics__number">
                  <Count value={table.total} />
                </td>
              ) : null}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
