import {
  type ConventionColumn,
  type ConventionRow,
  conventionColumnLabel,
  indicatorDefinitions,
} from '@parcours/contracts';
import { formatNumber } from '../../lib/format';
import { printedOrDash } from './ValueDialog';

export interface Selected {
  rowId: string;
  cellId: string;
}

function Computed({ row }: { row: ConventionRow }) {
  if (!row.computed) return <span className="muted">Non calculé</span>;
  const { value, ratePercent } = row.computed;
  if (value === null) return <span className="muted">Non défini</span>;
  return (
    <>
      {formatNumber(value)}
      {ratePercent !== null ? (
        <span className="muted"> ({ratePercent.toLocaleString('fr-FR')} %)</span>
      ) : null}
    </>
  );
}

/** The row's header: the objective, the indicator, and its definitions at hand (a disclosure). */
function RowHeader({ row }: { row: ConventionRow }) {
  const computed = row.indicatorKey ? indicatorDefinitions[row.indicatorKey] : null;
  const hasDetails = row.definition || row.departmentComment || computed;
  return (
    <th scope="row">
      {row.objectiveRef ? (
        <span className="muted">
          {row.objectiveRef}. {row.objectiveLabel}
          <br />
        </span>
      ) : null}
      {row.label}
      {hasDetails ? (
        <details>
          <summary>Définition</summary>
          {row.definition ? <p>{row.definition}</p> : null}
          {row.departmentComment ? <p>Commentaire du département : {row.departmentComment}</p> : null}
          {computed ? <p>Calcul de Parcours : {computed.definition}</p> : null}
        </details>
      ) : null}
    </th>
  );
}

/** One section of the table: its rows with the value columns and the year's computed column. */
export function SectionTable({
  rows,
  columns,
  year,
  onOpen,
}: {
  rows: ConventionRow[];
  columns: ConventionColumn[];
  year: number;
  onOpen: (selected: Selected) => void;
}) {
  const first = rows[0]!;
  const headingId = `section-${first.section.replace(/\./g, '-')}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        {first.section}. {first.sectionLabel}
      </h3>
      <div className="table-wrapper">
        <table className="table table--compact">
          <caption className="sr-only">
            Indicateurs de la section {first.section} : valeurs de la convention et calcul {year}
          </caption>
          <thead>
            <tr>
              <th scope="col">Indicateur</th>
              {columns.map((c) => (
                <th key={`${c.kind}-${c.year}`} scope="col">
                  {c.label}
                </th>
              ))}
              <th scope="col">Calculé {year}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <RowHeader row={row} />
                {columns.map((c) => {
                  const cell = row.cells.find((x) => x.kind === c.kind && x.year === c.year);
                  return (
                    <td key={`${c.kind}-${c.year}`}>
                      {cell ? (
                        <button
                          type="button"
                          className="button button--tertiary button--sm"
                          aria-label={`${printedOrDash(cell.printed)} : ${conventionColumnLabel(c.kind, c.year)}, ${row.label}`}
                          onClick={() => onOpen({ rowId: row.id, cellId: cell.id })}
                        >
                          {printedOrDash(cell.printed)}
                        </button>
                      ) : (
                        '—'
                      )}
                      {cell?.edited ? <span className="muted"> (modifiée)</span> : null}
                    </td>
                  );
                })}
                <td>
                  <Computed row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
