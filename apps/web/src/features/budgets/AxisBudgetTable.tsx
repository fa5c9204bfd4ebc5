import {
  type AnnexPrintedLine,
  type AxisBudget,
  actionKindLabels,
  actionStatusLabels,
  type BudgetAmounts,
  type OfferActionBudget,
} from '@parcours/contracts';
import { formatCents } from './money';

const amountCells = (a: BudgetAmounts | null, text?: string | null) => (
  <>
    <td className="cell--nowrap">{a ? formatCents(a.amountCents) : (text ?? '—')}</td>
    <td className="cell--nowrap">{formatCents(a?.stateShareCents)}</td>
    <td className="cell--nowrap">{formatCents(a?.departmentShareCents)}</td>
  </>
);

/** The sheet's multi-year budget: each year, then its printed total. */
function SheetYears({ action }: { action: OfferActionBudget }) {
  const years = action.years.filter((y) => y.source === 'action_sheet');
  if (years.length === 0) return <>—</>;
  return (
    <ul className="plain-list">
      {years.map((y) => (
        <li key={y.year} className="cell--nowrap">
          {y.year} : {formatCents(y.amountCents)}
          {y.note ? ' (sous réserve)' : ''}
        </li>
      ))}
      {action.sheetTotalCents !== null ? (
        <li className="cell--nowrap">Total : {formatCents(action.sheetTotalCents)}</li>
      ) : null}
    </ul>
  );
}

function PrintedRow({ line, label }: { line: AnnexPrintedLine; label: string }) {
  const differs = line.amountCents !== line.computed.amountCents;
  return (
    <tr className="muted">
      <th scope="row" colSpan={2}>
        {label}
        {differs ? (
          <span className="badge badge--danger">
            {' '}
            Somme des actions : {formatCents(line.computed.amountCents)}
          </span>
        ) : null}
      </th>
      {amountCells(line)}
      <td colSpan={2} />
    </tr>
  );
}

/** One axis: its actions with the year's figures of each source, the printed sub-totals and total. */
export function AxisBudgetTable({ axis, year }: { axis: AxisBudget; year: number }) {
  const headingId = `axe-${axis.axis}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{axis.label}</h2>
      <div className="table-wrapper">
        <table className="table table--compact">
          <caption className="sr-only">
            Budgets {year} de l’{axis.label.toLowerCase()} : tableau de l’annexe, fiche de l’action et saisie
          </caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Type et statut</th>
              <th scope="col">Montant {year} (annexe)</th>
              <th scope="col">Part État</th>
              <th scope="col">Part département</th>
              <th scope="col">Fiche de l’action (pluriannuel)</th>
              <th scope="col">Saisi dans Parcours</th>
            </tr>
          </thead>
          <tbody>
            {axis.actions.map((a) => (
              <tr key={a.actionId}>
                <th scope="row">
                  {a.code} — {a.title}
                </th>
                <td>
                  {actionKindLabels[a.kind]}, {actionStatusLabels[a.status].toLowerCase()}
                </td>
                {amountCells(a.table, a.tableText)}
                <td>
                  <SheetYears action={a} />
                </td>
                <td className="cell--nowrap">{formatCents(a.manual?.amountCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {axis.groups.map((g) => (
              <PrintedRow key={g.label} line={g} label={`Sous-total imprimé — ${g.label}`} />
            ))}
            {axis.printedTotal ? (
              <PrintedRow line={axis.printedTotal} label={`Total imprimé — ${axis.printedTotal.label}`} />
            ) : null}
            <tr>
              <th scope="row" colSpan={2}>
                Somme des actions de l’axe
              </th>
              {amountCells(axis.totals.table)}
              <td className="cell--nowrap">{formatCents(axis.totals.sheet.amountCents)}</td>
              <td className="cell--nowrap">{formatCents(axis.totals.manual.amountCents)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
