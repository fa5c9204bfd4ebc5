import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading, PageHeader, SelectField } from '../../ui';
import { useCan } from '../auth/session';
import { AxisBudgetTable } from './AxisBudgetTable';
import { annexXlsxUrl, useAnnexInconsistencies, useBudgetConsumption, useOfferBudgets } from './api';
import { BeneficiariesTable } from './BeneficiariesTable';
import { ConsumptionChart } from './BudgetConsumptionSection';
import { ConsumptionByAxis } from './ConsumptionByAxis';
import { Inconsistencies } from './Inconsistencies';
import { ManualBudgetForm } from './ManualBudgetForm';
import { MultiYearConsumption } from './MultiYearConsumption';
import { formatCents } from './money';

/**
 * Steering the offer's budgets: per axis with the annex's printed sub-totals and totals, the
 * inconsistencies of the annex with both facts, the annex as XLSX; administrators type budgets.
 */
export function BudgetsPage() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('annee'));
  const year = Number.isInteger(asked) && asked >= 2000 ? asked : undefined;
  const budgets = useOfferBudgets(year);
  const inconsistencies = useAnnexInconsistencies(budgets.data?.year ?? year);
  const multiYear = useBudgetConsumption();
  const canManage = useCan('offer.manage');
  const data = budgets.data;

  return (
    <>
      <PageHeader
        title="Budgets de l’offre d’insertion"
        description={
          <p>
            Les montants de chaque action par axe, avec les parts de l’État et du département, tels que les
            donne l’annexe financière, la fiche de chaque action nouvelle et la saisie dans Parcours ; ce qui
            est engagé (fiches de liaison × coût unitaire, aides individuelles validées) et l’écart.
          </p>
        }
      />
      {budgets.isPending ? <Loading label="Chargement des budgets…" /> : null}
      {budgets.isError ? (
        <ErrorState title="Les budgets n’ont pas pu être chargés." error={budgets.error} />
      ) : null}
      {data ? (
        <>
          <form className="inline-form" noValidate onSubmit={(e) => e.preventDefault()}>
            <SelectField
              label="Année"
              value={String(data.year)}
              onChange={(v) => setParams({ annee: v })}
              options={data.years.map((y) => ({ value: String(y), label: String(y) }))}
            />
          </form>
          <section aria-labelledby="total-general">
            <h2 id="total-general">Total {data.year}</h2>
            <dl className="summary-list">
              <div>
                <dt>Total calculé depuis les actions</dt>
                <dd>{formatCents(data.computedGeneral.amountCents)}</dd>
              </div>
              <div>
                <dt>Part État</dt>
                <dd>{formatCents(data.computedGeneral.stateShareCents)}</dd>
              </div>
              <div>
                <dt>Part département</dt>
                <dd>{formatCents(data.computedGeneral.departmentShareCents)}</dd>
              </div>
              {data.printedGeneral ? (
                <div>
                  <dt>Total général imprimé</dt>
                  <dd>{formatCents(data.printedGeneral.amountCents)}</dd>
                </div>
              ) : null}
              {data.valuation ? (
                <div>
                  <dt>Autres actions (valorisation interne) et reliquats</dt>
                  <dd>{formatCents(data.valuation.amountCents)}</dd>
                </div>
              ) : null}
            </dl>
            <p>
              <a className="button button--secondary button--sm" href={annexXlsxUrl(data.year)} download>
                Télécharger l’annexe (XLSX)
              </a>
            </p>
            <p className="muted">Le classeur contient aussi la feuille « Consommation {data.year} ».</p>
          </section>
          <section aria-labelledby="consommation-budgets">
            <h2 id="consommation-budgets">Consommation des budgets {data.year}</h2>
            <ConsumptionChart consumption={data.committed} />
          </section>
          <ConsumptionByAxis consumption={data.committed} />
          <BeneficiariesTable consumption={data.committed} />
          {data.axes.length === 0 ? (
            <EmptyState title="Aucun budget">Aucune action n’a de budget pour cette année.</EmptyState>
          ) : (
            data.axes.map((axis) => <AxisBudgetTable key={axis.axis} axis={axis} year={data.year} />)
          )}
          {multiYear.data ? <MultiYearConsumption data={multiYear.data} /> : null}
          {multiYear.isError ? (
            <ErrorState title="La vue pluriannuelle n’a pas pu être chargée." error={multiYear.error} />
          ) : null}
          {inconsistencies.data ? <Inconsistencies items={inconsistencies.data.items} /> : null}
          {inconsistencies.isError ? (
            <ErrorState title="Les incohérences n’ont pas pu être chargées." error={inconsistencies.error} />
          ) : null}
          {canManage ? (
            <ManualBudgetForm actions={data.axes.flatMap((a) => a.actions)} year={data.year} />
          ) : null}
        </>
      ) : null}
    </>
  );
}
