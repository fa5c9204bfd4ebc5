import {
  alertKindShortLabels,
  appointmentPurposeLabels,
  contractStatusLabels,
  type PortfolioEntry,
  type PortfolioSort,
  portfolioSortLabels,
} from '@parcours/contracts';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../lib/format';
import { Badge } from '../../ui';

type Order = 'asc' | 'desc';

/** A column header that sorts the table: a real button, its state told by aria-sort. */
function SortHeader({
  sort,
  current,
  order,
  onSort,
}: {
  sort: PortfolioSort;
  current: PortfolioSort;
  order: Order;
  onSort: (sort: PortfolioSort, order: Order) => void;
}) {
  const active = sort === current;
  const next: Order = active && order === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="table-sort" onClick={() => onSort(sort, next)}>
        {portfolioSortLabels[sort]}
        <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
        <span className="sr-only">
          {active ? `, trié par ordre ${order === 'asc' ? 'croissant' : 'décroissant'}` : ', trier'}
        </span>
      </button>
    </th>
  );
}

function NextAppointment({ entry }: { entry: PortfolioEntry }) {
  const a = entry.nextAppointment;
  if (!a) return <span className="muted">Aucun</span>;
  const purpose = appointmentPurposeLabels[a.purpose as keyof typeof appointmentPurposeLabels] ?? a.purpose;
  return (
    <>
      {a.startsAt ? formatDateTime(a.startsAt) : formatDate(a.onDate)}
      <br />
      <span className="muted">{purpose}</span>
    </>
  );
}

/** The portfolio's rows: the person's file linked, never the NIR. */
export function PortfolioTable({
  entries,
  sort,
  order,
  showReferent,
  onSort,
}: {
  entries: readonly PortfolioEntry[];
  sort: PortfolioSort;
  order: Order;
  showReferent: boolean;
  onSort: (sort: PortfolioSort, order: Order) => void;
}) {
  const header = (s: PortfolioSort) => <SortHeader sort={s} current={sort} order={order} onSort={onSort} />;
  return (
    <div className="table-wrapper">
      <table className="table">
        <caption className="sr-only">Personnes du portefeuille</caption>
        <thead>
          <tr>
            {header('name')}
            {showReferent ? <th scope="col">Référent</th> : null}
            <th scope="col">Suivie depuis</th>
            {header('next_appointment')}
            <th scope="col">Contrat</th>
            {header('contract_end')}
            <th scope="col">Heures prévues cette semaine</th>
            {header('alerts')}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.personId}>
              <th scope="row" className="cell--nowrap">
                <Link to={`/personnes/${e.personId}`}>{e.personName}</Link>
              </th>
              {showReferent ? <td>{e.referentName}</td> : null}
              <td className="cell--nowrap">{formatDate(e.since)}</td>
              <td className="cell--nowrap">
                <NextAppointment entry={e} />
              </td>
              <td>
                {e.contract ? contractStatusLabels[e.contract.status] : <span className="muted">Aucun</span>}
              </td>
              <td className="cell--nowrap">{e.contract ? formatDate(e.contract.endDate) : '—'}</td>
              <td>{e.hoursThisWeek === null ? '—' : `${e.hoursThisWeek.toLocaleString('fr-FR')} h`}</td>
              <td>
                {e.alerts.length === 0 ? (
                  <span className="muted">Aucune</span>
                ) : (
                  <ul className="plain-list">
                    {e.alerts.map((a) => (
                      <li key={a.kind}>
                        <Badge tone="warning">{alertKindShortLabels[a.kind]}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
