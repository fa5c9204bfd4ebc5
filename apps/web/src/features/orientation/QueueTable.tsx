import {
  type HouseholdType,
  householdTypeLabels,
  type OrientationQueue,
  type QueueEntry,
  type QueueStage,
  queueStageLabels,
} from '@parcours/contracts';
import { Link, useLocation } from 'react-router';
import { formatDate, formatDateTime, isoDate, plural } from '../../lib/format';
import { originState } from '../../lib/origin';
import { Badge, Checkbox, Table } from '../../ui';
import { personName } from '../persons/labels';

function daysLeftBadge(days: number | null, what: string) {
  if (days === null) return <span className="muted">—</span>;
  const tone = days < 0 ? 'danger' : days <= 7 ? 'warning' : 'neutral';
  const text =
    days < 0
      ? `dépassé de ${plural(-days, 'jour', 'jours')}`
      : days === 0
        ? 'aujourd’hui'
        : `${plural(days, 'jour', 'jours')}`;
  return (
    <Badge tone={tone}>
      <span className="sr-only">{what} : </span>
      {text}
    </Badge>
  );
}

const stageTones: Record<QueueStage, 'neutral' | 'success' | 'warning' | 'danger'> = {
  to_convene: 'neutral',
  convened: 'success',
  absent: 'danger',
  seen: 'warning',
};

/** One page of the queue with its selection boxes and the links to the other pages. */
export function QueueTable({
  data,
  selected,
  toggle,
  linkTo,
}: {
  data: OrientationQueue;
  selected: ReadonlySet<string>;
  toggle: (personId: string, on: boolean) => void;
  linkTo: (next: Record<string, string | undefined>) => string;
}) {
  const entries = data.entries;
  // The file opened from here knows its way back to this page of the queue, filters included.
  const origin = originState(useLocation());
  const allOnPage = entries.length > 0 && entries.every((e) => selected.has(e.person.id));
  const pageCount = Math.max(1, Math.ceil(data.matching / data.pageSize));
  return (
    <>
      <p className="muted">
        {plural(data.matching, 'personne', 'personnes')} — page {data.page} sur {pageCount}.
      </p>
      <Checkbox
        label="Sélectionner toute la page"
        checked={allOnPage}
        onChange={(on) => {
          for (const e of entries) toggle(e.person.id, on);
        }}
      />
      <Table<QueueEntry>
        caption="File d’orientation"
        captionHidden
        rows={entries}
        rowKey={(e) => e.person.id}
        columns={[
          {
            key: 'select',
            header: <span className="sr-only">Sélection</span>,
            render: (e) => (
              <input
                type="checkbox"
                aria-label={`Sélectionner ${personName(e.person)}`}
                checked={selected.has(e.person.id)}
                onChange={(ev) => toggle(e.person.id, ev.target.checked)}
              />
            ),
          },
          {
            key: 'person',
            header: 'Personne',
            rowHeader: true,
            render: (e) => (
              <>
                <Link to={`/personnes/${e.person.id}/orientation`} state={origin}>
                  {personName(e.person)}
                </Link>
                <br />
                <span className="muted">
                  {e.age} ans{!e.hasAddress && !e.hasContact ? ' — ni adresse ni contact' : ''}
                </span>
              </>
            ),
          },
          { key: 'commune', header: 'Commune', render: (e) => e.person.communeName ?? '—' },
          {
            key: 'household',
            header: 'Foyer',
            render: (e) => householdTypeLabels[e.householdType as HouseholdType],
          },
          {
            key: 'entry',
            header: 'Entrée',
            nowrap: true,
            render: (e) => <time dateTime={isoDate(e.entryDate)}>{formatDate(e.entryDate)}</time>,
          },
          {
            key: 'target',
            header: 'Objectif (1 mois)',
            render: (e) => daysLeftBadge(e.daysLeftTarget, 'Objectif'),
          },
          {
            key: 'legal',
            header: 'Délai légal',
            render: (e) => daysLeftBadge(e.daysLeftLegal, 'Délai légal'),
          },
          {
            key: 'stage',
            header: 'Étape',
            render: (e) => (
              <>
                <Badge tone={stageTones[e.stage]}>{queueStageLabels[e.stage]}</Badge>
                {e.nextAppointment?.startsAt ? (
                  <>
                    <br />
                    <span className="muted nowrap">le {formatDateTime(e.nextAppointment.startsAt)}</span>
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {pageCount > 1 ? (
        <nav aria-label="Pages de la file" className="form-actions">
          {data.page > 1 ? <Link to={linkTo({ page: String(data.page - 1) })}>Page précédente</Link> : null}
          {data.page < pageCount ? (
            <Link to={linkTo({ page: String(data.page + 1) })}>Page suivante</Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
