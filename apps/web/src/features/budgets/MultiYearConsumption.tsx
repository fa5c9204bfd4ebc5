import type { BudgetConsumption } from '@parcours/contracts';
import { ConsumptionBars } from './ConsumptionBars';
import { formatCents } from './money';

const NOT_DEFINED = 'coût unitaire non défini';
const money = (cents: number | null) => (cents === null ? NOT_DEFINED : formatCents(cents));

/** Year by year: the total and each axis, planned (with shares), committed and gap. */
export function MultiYearConsumption({ data }: { data: BudgetConsumption }) {
  return (
    <section aria-labelledby="vue-pluriannuelle">
      <h2 id="vue-pluriannuelle">
        Vue pluriannuelle {data.from}–{data.to}
      </h2>
      <ConsumptionBars
        title={`Prévu et engagé par année, ${data.from}–${data.to}`}
        description="Totaux de chaque année, toutes actions et aides individuelles comprises."
        csvName={`consommation-budgets-${data.from}-${data.to}`}
        bars={data.years.map((y) => ({ ...y, short: String(y.year), label: String(y.year) }))}
      />
      <div className="table-wrapper">
        <table className="table table--compact">
          <caption>Prévu, engagé et écart par année et par axe</caption>
          <thead>
            <tr>
              <th scope="col">Année et axe</th>
              <th scope="col">Prévu</th>
              <th scope="col">Part État</th>
              <th scope="col">Part département</th>
              <th scope="col">Engagé</th>
              <th scope="col">Écart (prévu − engagé)</th>
            </tr>
          </thead>
          <tbody>
            {data.years.flatMap((y) => [
              ...y.axes.map((a) => (
                <tr key={`${y.year}-${a.axis}`}>
                  <th scope="row">
                    {y.year} — {a.label}
                  </th>
                  <td className="cell--nowrap">{formatCents(a.plannedCents)}</td>
                  <td className="cell--nowrap">{formatCents(a.plannedStateShareCents)}</td>
                  <td className="cell--nowrap">{formatCents(a.plannedDepartmentShareCents)}</td>
                  <td className="cell--nowrap">{money(a.committedCents)}</td>
                  <td className="cell--nowrap">{money(a.gapCents)}</td>
                </tr>
              )),
              <tr key={`${y.year}-total`}>
                <th scope="row">
                  <strong>Total {y.year}</strong>
                </th>
                <td className="cell--nowrap">
                  <strong>{formatCents(y.plannedCents)}</strong>
                </td>
                <td className="cell--nowrap">{formatCents(y.plannedStateShareCents)}</td>
                <td className="cell--nowrap">{formatCents(y.plannedDepartmentShareCents)}</td>
                <td className="cell--nowrap">
                  <strong>{money(y.committedCents)}</strong>
                </td>
                <td className="cell--nowrap">
                  <strong>{money(y.gapCents)}</strong>
                </td>
              </tr>,
            ])}
          </tbody>
        </table>
      </div>
    </section>
  );
}
