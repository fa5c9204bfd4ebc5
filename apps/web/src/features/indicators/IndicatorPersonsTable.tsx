import type {
  IndicatorPerson,
  IndicatorPersonsResponse,
  PlanPauvreteIndicatorKey,
} from '@parcours/contracts';
import { Link, useLocation } from 'react-router';
import { formatDate, plural } from '../../lib/format';
import { originState } from '../../lib/origin';
import { type Column, Table } from '../../ui';

/** Which dates say why a person is counted, per indicator (the later event named by its kind). */
const shownDates: Record<PlanPauvreteIndicatorKey, { entry: boolean; oriented: string; event?: string }> = {
  newEntrants: { entry: true, oriented: 'Orientation initiale' },
  newEntrantsOriented: { entry: true, oriented: 'Orientation initiale' },
  newEntrantsOrientedWithin1Month: { entry: true, oriented: 'Orientation initiale' },
  firstAppointmentsSet: { entry: false, oriented: 'Orientation initiale', event: 'Premier rendez-vous' },
  firstAppointmentsWithin2Weeks: {
    entry: false,
    oriented: 'Orientation initiale',
    event: 'Premier rendez-vous',
  },
  firstContracts: { entry: false, oriented: 'Orientation initiale', event: 'Premier contrat' },
  firstContractsWithin2Months: { entry: false, oriented: 'Orientation initiale', event: 'Premier contrat' },
  activityGuaranteeOriented: { entry: false, oriented: 'Orientation' },
  activityGuaranteeInProgress: { entry: false, oriented: 'Dernière orientation' },
  globalSupportPerAdvisor: { entry: false, oriented: 'Dernière orientation' },
  globalSupportStartDelayDays: { entry: false, oriented: 'Orientation', event: 'Premier rendez-vous' },
};

/** One page of the persons behind a figure, with the links to the other pages. */
export function IndicatorPersonsTable({
  data,
  linkTo,
}: {
  data: IndicatorPersonsResponse;
  linkTo: (page: number) => string;
}) {
  // The file opened from here knows its way back to this page of the list.
  const origin = originState(useLocation());
  const dates = shownDates[data.indicator];
  const pageCount = Math.max(1, Math.ceil(data.total / Math.max(1, data.pageSize)));
  const columns: Column<IndicatorPerson>[] = [
    {
      key: 'name',
      header: 'Personne',
      rowHeader: true,
      render: (p) => (
        <Link to={`/personnes/${p.id}`} state={origin}>
          {p.lastName.toUpperCase()} {p.firstName}
        </Link>
      ),
    },
    { key: 'birth', header: 'Date de naissance', nowrap: true, render: (p) => formatDate(p.birthDate) },
  ];
  if (dates.entry)
    columns.push({
      key: 'entry',
      header: 'Date d’entrée',
      nowrap: true,
      render: (p) => formatDate(p.entryDate),
    });
  columns.push({
    key: 'oriented',
    header: dates.oriented,
    nowrap: true,
    render: (p) => formatDate(p.orientedOn),
  });
  if (dates.event)
    columns.push({ key: 'event', header: dates.event, nowrap: true, render: (p) => formatDate(p.eventOn) });
  const summary = `${plural(data.total, 'personne', 'personnes')} — page ${data.page} sur ${pageCount}`;

  return (
    <>
      <p className="indicator-results__scope">{summary}.</p>
      <Table caption={summary} captionHidden columns={columns} rows={data.persons} rowKey={(p) => p.id} />
      {pageCount > 1 ? (
        <nav aria-label="Pages de la liste" className="form-actions">
          {data.page > 1 ? <Link to={linkTo(data.page - 1)}>Page précédente</Link> : null}
          {data.page < pageCount ? <Link to={linkTo(data.page + 1)}>Page suivante</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
