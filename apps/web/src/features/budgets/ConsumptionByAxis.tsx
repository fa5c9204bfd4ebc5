import {
  type AidKind,
  type AxisConsumption,
  aidKindLabels,
  type BudgetConsumptionYear,
  budgetSourceLabels,
  type ConsumptionAmounts,
} from '@parcours/contracts';
import { formatCents } from './money';

const NOT_DEFINED = 'coût unitaire non défini';

/** Planned (and shares), committed and gap cells; an unknown committed amount is said, never 0. */
const cells = (a: ConsumptionAmounts) => (
  <>
    <td className="cell--nowrap">{formatCents(a.plannedCents)}</td>
    <td className="cell--nowrap">{formatCents(a.plannedStateShareCents)}</td>
    <td className="cell--nowrap">{formatCents(a.plannedDepartmentShareCents)}</td>
    <td className="cell--nowrap">
      {a.committedCents === null ? NOT_DEFINED : formatCents(a.committedCents)}
    </td>
    <td className="cell--nowrap">{a.gapCents === null ? NOT_DEFINED : formatCents(a.gapCents)}</td>
  </>
);

function AxisTable({ axis, year }: { axis: AxisConsumption; year: number }) {
  return (
    <div className="table-wrapper">
      <table className="table table--compact">
        <caption>
          {axis.label} — prévu, engagé et écart {year}
        </caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Source du prévu</th>
            <th scope="col">Coût unitaire</th>
            <th scope="col">Fiches engagées</th>
            <th scope="col">Prévu</th>
            <th scope="col">Part État</th>
            <th scope="col">Part département</th>
            <th scope="col">Engagé</th>
            <th scope="col">Écart (prévu − engagé)</th>
          </tr>
        </thead>
        <tbody>
          {axis.actions.map((a) => (
            <tr key={a.actionId}>
              <th scope="row">
                {a.code} — {a.title}
              </th>
              <td>{a.plannedSource ? budgetSourceLabels[a.plannedSource] : 'Aucun budget'}</td>
              <td className="cell--nowrap">
                {a.unitCostCents === null ? NOT_DEFINED : formatCents(a.unitCostCents)}
              </td>
              <td>{a.committingReferrals}</td>
              {cells(a)}
            </tr>
          ))}
          {axis.aids ? (
            <tr>
              <th scope="row">
                {axis.aids.label}
                <ul className="plain-list muted">
                  {axis.aids.kinds.map((k) => (
                    <li key={k.kind}>
                      {aidKindLabels[k.kind as AidKind] ?? k.kind} : {formatCents(k.committedCents)} engagés
                      sur {formatCents(k.plannedCents)}
                    </li>
                  ))}
                </ul>
              </th>
              <td>Enveloppes d’aides</td>
              <td>—</td>
              <td>—</td>
              {cells(axis.aids)}
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              Total de l’axe
              {axis.actionsWithoutUnitCost > 0
                ? ` (engagé incomplet : ${axis.actionsWithoutUnitCost} action(s) sans coût unitaire)`
                : ''}
            </th>
            {cells(axis)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The year's consumption per action, the aids' line, per axis and in total. */
export function ConsumptionByAxis({ consumption }: { consumption: BudgetConsumptionYear }) {
  const c = consumption;
  return (
    <section aria-labelledby="consommation-detail">
      <h2 id="consommation-detail">Prévu, engagé et écart {c.year}</h2>
      <dl className="summary-list">
        <div>
          <dt>Prévu</dt>
          <dd>{formatCents(c.plannedCents)}</dd>
        </div>
        <div>
          <dt>Engagé</dt>
          <dd>{c.committedCents === null ? NOT_DEFINED : formatCents(c.committedCents)}</dd>
        </div>
        <div>
          <dt>Écart (prévu − engagé)</dt>
          <dd>{c.gapCents === null ? NOT_DEFINED : formatCents(c.gapCents)}</dd>
        </div>
      </dl>
      {c.axes.length === 0 ? <p>Aucun budget ni engagement pour cette année.</p> : null}
      {c.axes.map((axis) => (
        <AxisTable key={axis.axis} axis={axis} year={c.year} />
      ))}
    </section>
  );
}
