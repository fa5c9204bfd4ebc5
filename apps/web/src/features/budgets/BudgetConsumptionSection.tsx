import type { BudgetConsumptionYear } from '@parcours/contracts';
import { useId } from 'react';
import { ErrorState, Loading } from '../../ui';
import { useBudgetConsumption } from './api';
import { ConsumptionBars } from './ConsumptionBars';

const DEFINITION =
  'Prévu : budget saisi dans Parcours, sinon tableau de l’annexe, sinon fiche de l’action, et enveloppes d’aides. Engagé : fiches de liaison acceptées, entrées ou sorties × coût unitaire de l’action, et aides individuelles validées, en paiement ou payées.';

/** The year's planned vs committed per axis and in total, as a chart with its table and CSV. */
export function ConsumptionChart({ consumption }: { consumption: BudgetConsumptionYear }) {
  const missing = consumption.actionsWithoutUnitCost;
  return (
    <ConsumptionBars
      title={`Consommation des budgets ${consumption.year} par axe`}
      description={`${DEFINITION}${missing > 0 ? ` ${missing} action(s) avec des fiches engagées n’ont pas de coût unitaire : leur engagé n’est pas compté.` : ''}`}
      csvName={`consommation-budgets-${consumption.year}`}
      bars={[
        ...consumption.axes.map((a) => ({ ...a, short: `Axe ${a.axis}`, label: a.label })),
        { ...consumption, short: 'Total', label: `Total ${consumption.year}` },
      ]}
    />
  );
}

/** Budget consumption of a year (the steering dashboard and the budgets page). */
export function BudgetConsumptionSection({ year }: { year: number }) {
  const query = useBudgetConsumption(year, year);
  const consumption = query.data?.years[0];
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Consommation des budgets {year}</h2>
      {query.isPending ? <Loading label="Chargement de la consommation des budgets…" /> : null}
      {query.isError ? (
        <ErrorState title="La consommation des budgets n’a pas pu être chargée." error={query.error} />
      ) : null}
      {consumption ? <ConsumptionChart consumption={consumption} /> : null}
    </section>
  );
}
