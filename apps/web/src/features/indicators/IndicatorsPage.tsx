import type { Hub, PlanPauvreteResponse } from '@parcours/contracts';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { todayIso } from '../../lib/format';
import { errorsFromApi, type FormErrorState, noErrors } from '../../lib/forms';
import { Button, ErrorState, FilterLinks, Loading, PageHeader } from '../../ui';
import { useCan } from '../auth/session';
import { useHubs } from '../territory/api';
import { usePlanPauvrete } from './api';
import { downloadText } from './download';
import { csvFileName, indicatorGroups, indicatorsCsv } from './figures';
import { IndicatorGroupTable } from './IndicatorGroupTable';
import { PeriodForm } from './PeriodForm';
import {
  filtersFromParams,
  type IndicatorFilters,
  paramsOf,
  periodChoices,
  periodLabel,
  territoryLabel,
} from './period';
import './indicators.css';

const formFields = ['from', 'to', 'hub'] as const;

/** The API's refusal of the filters, each message under its field and said once. */
function refusal(error: unknown): FormErrorState {
  const state = errorsFromApi(error, formFields);
  // A query with a single bad field is answered with that field's message as the general one.
  return state.message && Object.values(state.fields).includes(state.message)
    ? { ...state, message: null }
    : state;
}

/**
 * The Plan Pauvreté indicators over a period, for the département or one pôle, computed live by the
 * API; each figure with its definition at hand, its share derived on screen, and for roles that may
 * see persons the way to them. The filters live in the address: a view can be shared as a link.
 */
export function IndicatorsPage() {
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const filters = filtersFromParams(params, today);
  const figures = usePlanPauvrete(filters);
  const hubs = useHubs();
  const canSeePersons = useCan('indicators.persons');
  const hubList = hubs.data ?? [];
  const refused = isApiError(figures.error) && figures.error.status === 400;
  const apiErrors = refused ? refusal(figures.error) : noErrors;
  const apply = (next: IndicatorFilters) => setParams(paramsOf(next));

  return (
    <>
      <PageHeader
        title="Indicateurs du Plan Pauvreté"
        description={
          <p>
            Les indicateurs d’insertion de la convention État–département, calculés à la demande à partir des
            dates d’entrée, d’orientation, de rendez-vous et de contrat enregistrées. Les parts sont calculées
            à l’affichage à partir des nombres.
          </p>
        }
      />
      <FilterLinks
        label="Périodes prédéfinies"
        items={periodChoices(today).map((choice) => ({
          key: choice.key,
          to: `?${paramsOf({ ...choice.period, hub: filters.hub })}`,
          label: choice.label,
          current: choice.period.from === filters.from && choice.period.to === filters.to,
        }))}
      />
      <PeriodForm
        key={params.toString()}
        filters={filters}
        hubs={hubList}
        hubsUnavailable={hubs.isError}
        apiErrors={apiErrors}
        onApply={apply}
      />
      {figures.isPending ? <Loading label="Calcul des indicateurs…" /> : null}
      {figures.isError && !refused ? (
        <ErrorState title="Les indicateurs n’ont pas pu être calculés." error={figures.error} />
      ) : null}
      {figures.data && !refused ? (
        <Figures data={figures.data} hubs={hubList} showPersons={canSeePersons} busy={figures.isFetching} />
      ) : null}
    </>
  );
}

function Figures({
  data,
  hubs,
  showPersons,
  busy,
}: {
  data: PlanPauvreteResponse;
  hubs: readonly Hub[];
  showPersons: boolean;
  busy: boolean;
}) {
  // The figures answer the period and pôle the API echoes, not the form being typed.
  const shownFilters: IndicatorFilters = { from: data.from, to: data.to, hub: data.hub ?? undefined };
  const territory = territoryLabel(data.hub, hubs);
  return (
    <div className="indicator-results" aria-busy={busy || undefined}>
      <p className="indicator-results__scope" aria-live="polite">
        Indicateurs {periodLabel(shownFilters)} — {territory}.
      </p>
      <p>
        <Button
          variant="secondary"
          onClick={() =>
            downloadText(
              csvFileName(shownFilters),
              indicatorsCsv(data.indicators, { from: data.from, to: data.to, hubLabel: territory }),
            )
          }
        >
          Télécharger (CSV)
        </Button>{' '}
        <span className="muted">Les nombres et les parts affichés, sans aucune donnée personnelle.</span>
      </p>
      {indicatorGroups.map((group) => (
        <IndicatorGroupTable
          key={group.ref}
          group={group}
          indicators={data.indicators}
          filters={shownFilters}
          showPersons={showPersons}
        />
      ))}
    </div>
  );
}
