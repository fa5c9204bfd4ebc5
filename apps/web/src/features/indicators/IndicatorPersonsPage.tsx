import {
  indicatorDefinitions,
  type PlanPauvreteIndicatorKey,
  planPauvreteIndicatorKeySchema,
} from '@parcours/contracts';
import { Link, useSearchParams } from 'react-router';
import { todayIso } from '../../lib/format';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../ui';
import { useHubs } from '../territory/api';
import { useIndicatorPersons } from './api';
import { IndicatorPersonsTable } from './IndicatorPersonsTable';
import { filtersFromParams, paramsOf, periodLabel, territoryLabel } from './period';
import './indicators.css';

function pageOf(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/**
 * The persons behind one figure (administrators, within their scope; the API audits the list):
 * same period and pôle as the figure, paginated, each name opening the person's file.
 */
export function IndicatorPersonsPage() {
  const [params] = useSearchParams();
  const filters = filtersFromParams(params, todayIso());
  const asked = planPauvreteIndicatorKeySchema.safeParse(params.get('indicator'));
  const back = `/pilotage/indicateurs?${paramsOf(filters)}`;
  return (
    <>
      <p className="back-link">
        <Link to={back}>
          <span aria-hidden="true">← </span>
          Retour aux indicateurs
        </Link>
      </p>
      {asked.success ? (
        <Persons indicator={asked.data} params={params} />
      ) : (
        <>
          <PageHeader title="Personnes d’un indicateur" />
          <ErrorState title="Indicateur inconnu." error={undefined} />
        </>
      )}
    </>
  );
}

function Persons({ indicator, params }: { indicator: PlanPauvreteIndicatorKey; params: URLSearchParams }) {
  const filters = filtersFromParams(params, todayIso());
  const page = pageOf(params);
  const persons = useIndicatorPersons(filters, indicator, page);
  const hubs = useHubs();
  const definition = indicatorDefinitions[indicator];
  const linkTo = (nextPage: number) =>
    `?${paramsOf(filters, { indicator, ...(nextPage > 1 ? { page: String(nextPage) } : {}) })}`;

  return (
    <>
      <PageHeader
        title={`Personnes comptées — ${definition.label}`}
        description={
          <>
            <p>
              Indicateur {definition.ref}, {periodLabel(filters)} —{' '}
              {territoryLabel(filters.hub, hubs.data ?? [])}.
            </p>
            <p className="definition-text">{definition.definition}</p>
          </>
        }
      />
      {persons.isPending ? <Loading label="Chargement des personnes…" /> : null}
      {persons.isError ? (
        <ErrorState title="Les personnes n’ont pas pu être chargées." error={persons.error} />
      ) : null}
      {persons.data ? (
        persons.data.total === 0 ? (
          <EmptyState title="Aucune personne">Aucune personne n’est comptée pour cet indicateur.</EmptyState>
        ) : (
          <IndicatorPersonsTable data={persons.data} linkTo={linkTo} />
        )
      ) : null}
    </>
  );
}
