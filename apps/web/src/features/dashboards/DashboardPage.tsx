import type { DashboardResponse, Hub, Structure } from '@parcours/contracts';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { todayIso } from '../../lib/format';
import { errorsFromApi, noErrors } from '../../lib/forms';
import { ErrorState, Loading, PageHeader } from '../../ui';
import { BudgetConsumptionSection } from '../budgets/BudgetConsumptionSection';
import { useHubs, useStructures } from '../territory/api';
import { useSteeringDashboard } from './api';
import { DashboardFilterForm } from './DashboardFilterForm';
import {
  ContractDelayChart,
  EntrantsChart,
  FirstAppointmentChart,
  OrientationDelayChart,
} from './FlowCharts';
import { type DashboardFilters, fileSuffix, filtersFromParams, frDate, paramsOf } from './filters';
import { ActionCharts, LoadsChart, QueueChart } from './StockCharts';

const formFields = ['from', 'to', 'hub', 'structure'] as const;

/**
 * The steering dashboard: entrants and delays, queue, loads, referrals and exits, budgets, over a
 * period, for the département, a pôle or a structure. Counts only; the filters live in the address.
 */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params, todayIso());
  const dashboard = useSteeringDashboard(filters);
  const hubs = useHubs();
  const structures = useStructures({});
  const refused = isApiError(dashboard.error) && dashboard.error.status === 400;
  const apiErrors = refused ? errorsFromApi(dashboard.error, formFields) : noErrors;
  const apply = (next: DashboardFilters) => setParams(paramsOf(next));

  return (
    <>
      <PageHeader
        title="Tableau de bord de pilotage"
        description={
          <p>
            Entrées, délais d’orientation, de premier rendez-vous et de contrat, file d’attente, charge des
            portefeuilles, prescriptions et sorties des actions, consommation des budgets. Des effectifs
            seulement, calculés à la demande ; chaque graphique a son tableau de données et son export CSV.
          </p>
        }
      />
      <DashboardFilterForm
        key={params.toString()}
        filters={filters}
        hubs={hubs.data ?? []}
        structures={structures.data ?? []}
        listsUnavailable={hubs.isError}
        apiErrors={apiErrors}
        onApply={apply}
      />
      {dashboard.isPending ? <Loading label="Calcul du tableau de bord…" /> : null}
      {dashboard.isError && !refused ? (
        <ErrorState title="Le tableau de bord n’a pas pu être calculé." error={dashboard.error} />
      ) : null}
      {dashboard.data && !refused ? (
        <Charts
          data={dashboard.data}
          hubs={hubs.data ?? []}
          structures={structures.data ?? []}
          busy={dashboard.isFetching}
        />
      ) : null}
    </>
  );
}

function Charts({
  data,
  hubs,
  structures,
  busy,
}: {
  data: DashboardResponse;
  hubs: readonly Hub[];
  structures: readonly Structure[];
  busy: boolean;
}) {
  // The charts answer the filters the API echoes, not the form being typed.
  const shown: DashboardFilters = {
    from: data.from,
    to: data.to,
    hub: data.hub ?? undefined,
    structure: data.structure ?? undefined,
  };
  const hubName = data.hub
    ? (hubs.find((h) => h.code === data.hub || h.id === data.hub)?.name ?? data.hub)
    : null;
  const structureName = data.structure
    ? (structures.find((s) => s.id === data.structure)?.name ?? 'structure choisie')
    : null;
  const csv = fileSuffix(shown);
  return (
    <div className="dashboard" aria-busy={busy || undefined}>
      <p aria-live="polite">
        Du {frDate(data.from)} au {frDate(data.to)} — {hubName ?? 'tous les pôles'}
        {structureName ? ` — ${structureName}` : ''}.
      </p>
      <section aria-labelledby="tdb-orientation">
        <h2 id="tdb-orientation">Entrées et orientation</h2>
        <EntrantsChart data={data} csv={csv} />
        <OrientationDelayChart data={data} csv={csv} />
        <QueueChart data={data} csv={csv} />
      </section>
      <section aria-labelledby="tdb-accompagnement">
        <h2 id="tdb-accompagnement">Accompagnement</h2>
        <FirstAppointmentChart data={data} csv={csv} />
        <ContractDelayChart data={data} csv={csv} />
        <LoadsChart data={data} csv={csv} />
      </section>
      <section aria-labelledby="tdb-actions">
        <h2 id="tdb-actions">Actions d’insertion</h2>
        <ActionCharts data={data} csv={csv} />
      </section>
      <BudgetConsumptionSection year={Number(data.to.slice(0, 4))} />
    </div>
  );
}
