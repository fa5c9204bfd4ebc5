import {
  type ActionSession,
  type ActionSummary,
  actionKindLabels,
  actionStatusLabels,
  type DataInclusionPublic,
  dataInclusionPublicLabels,
  thematiqueFullLabel,
} from '@parcours/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge, type Column, Table } from '../../ui';
import { formatHours, placesLabel, sessionDates } from './format';

/** What a result offers on an action (no session) or one of its sessions: a pick button, or nothing. */
export type PickRenderer = (
  action: ActionSummary,
  session: ActionSession | null,
  describedBy: string,
) => ReactNode;

/**
 * One action of the search: heading « CODE — Title » (a link to its page), operators, territory,
 * hours, thématiques, and its open sessions with their free places.
 */
export function ActionResult({
  action,
  headingLevel = 3,
  renderPick,
}: {
  action: ActionSummary;
  headingLevel?: 2 | 3 | 4;
  renderPick?: PickRenderer | undefined;
}) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const headingId = `action-${action.id}`;
  return (
    <article className="catalogue-result" aria-labelledby={headingId}>
      <Heading id={headingId} className="catalogue-result__title">
        <Link to={`/catalogue/actions/${action.id}`}>
          {action.code} — {action.title}
        </Link>
      </Heading>
      <p className="catalogue-result__meta">
        {actionKindLabels[action.kind]} · Axe {action.axis}
        {action.status === 'annulee' ? (
          <>
            {' '}
            <Badge tone="danger">{actionStatusLabels.annulee}</Badge>
          </>
        ) : null}
        {' · '}
        {action.operators.length ? action.operators.map((o) => o.name).join(', ') : 'Opérateur non renseigné'}
        {' · '}
        {action.territoryLabel}
        {action.weeklyHours !== null ? ` · ${formatHours(action.weeklyHours)} par semaine` : ''}
        {action.weeks !== null ? ` · ${action.weeks} semaines` : ''}
      </p>
      {action.thematiques.length || action.publics.length ? (
        <ul className="catalogue-result__tags" aria-label="Thématiques et publics">
          {action.thematiques.map((t) => (
            <li key={t}>{thematiqueFullLabel(t)}</li>
          ))}
          {action.publics.map((p) => (
            <li key={p}>{dataInclusionPublicLabels[p as DataInclusionPublic] ?? p}</li>
          ))}
        </ul>
      ) : null}
      <Sessions action={action} renderPick={renderPick} headingId={headingId} />
    </article>
  );
}

function Sessions({
  action,
  renderPick,
  headingId,
}: {
  action: ActionSummary;
  renderPick?: PickRenderer | undefined;
  headingId: string;
}) {
  if (!action.hasSessions)
    return (
      <div className="catalogue-result__permanent">
        <p>Entrées permanentes (pas de session).</p>
        {renderPick?.(action, null, headingId)}
      </div>
    );
  if (action.sessions.length === 0) return <p>Aucune session ouverte pour le moment.</p>;
  const columns: Column<ActionSession>[] = [
    {
      key: 'label',
      header: 'Session',
      rowHeader: true,
      render: (s) => <span id={`session-${s.id}`}>{s.label}</span>,
    },
    { key: 'dates', header: 'Dates', render: (s) => sessionDates(s) },
    {
      key: 'place',
      header: 'Lieu',
      render: (s) => [s.place, s.communeName].filter(Boolean).join(', ') || 'Non renseigné',
    },
    {
      key: 'places',
      header: 'Places',
      nowrap: true,
      render: (s) => (
        <strong className={s.state === 'full' ? 'catalogue-session__full' : 'catalogue-session__free'}>
          {placesLabel(s)}
        </strong>
      ),
    },
  ];
  if (renderPick)
    columns.push({
      key: 'pick',
      header: <span className="sr-only">Choix</span>,
      render: (s) => (s.state === 'open' ? renderPick(action, s, `${headingId} session-${s.id}`) : null),
    });
  return (
    <Table
      className="table--compact"
      caption={`Sessions ouvertes de l’action ${action.code}`}
      captionHidden
      columns={columns}
      rows={action.sessions}
      rowKey={(s) => s.id}
    />
  );
}
