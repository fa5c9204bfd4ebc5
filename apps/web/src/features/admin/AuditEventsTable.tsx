import { type AuditEvent, type AuditPage, auditActionLabel } from '@parcours/contracts';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, plural, roleLabel } from '../../lib/format';
import { Button, type Column, EmptyState, ErrorState, Loading, Table } from '../../ui';

const targetLabels: Record<string, string> = {
  account: 'compte',
  agenda_slot: 'créneau',
  appointment: 'rendez-vous',
  audit_journal: 'journal des accès',
  flux_run: 'import de flux',
  ft_batch: 'lot France Travail',
  history_import_run: 'reprise de l’historique',
  insertion_hub: 'pôle',
  medical_referral: 'demande d’avis médical',
  message: 'message',
  message_template: 'modèle de message',
  person_list: 'liste de personnes',
  route: 'page ou service',
  rule_set: 'règle',
  structure: 'structure',
};

function ActionCell({ event }: { event: AuditEvent }) {
  return (
    <>
      {/* A bulk read the person only appeared in is told apart from an opening of the file. */}
      {event.listLabel ? <strong>{event.listLabel}</strong> : auditActionLabel(event.action)}
      <br />
      <code className="muted audit__code">{event.action}</code>
    </>
  );
}

function TargetCell({ event }: { event: AuditEvent }) {
  if (event.personId && event.personName)
    return <Link to={`/personnes/${encodeURIComponent(event.personId)}`}>{event.personName}</Link>;
  if (event.personId) return <span className="muted">Dossier supprimé ou fusionné</span>;
  if (event.listedCount !== null)
    return <>{plural(event.listedCount, 'personne listée', 'personnes listées')}</>;
  if (!event.targetType) return <>—</>;
  const label = targetLabels[event.targetType] ?? event.targetType;
  // Ids of records say nothing to a reader; a refused route is named.
  return (
    <span className="break">
      {event.targetType === 'route' && event.targetId ? `${label} ${event.targetId}` : label}
    </span>
  );
}

/** The journal's columns; `forPerson` drops the file column (the page is about one file). */
export function auditColumns(forPerson: boolean): Column<AuditEvent>[] {
  const columns: Column<AuditEvent>[] = [
    {
      key: 'date',
      header: 'Date et heure',
      rowHeader: true,
      render: (e) => <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, true)}</time>,
    },
    { key: 'actor', header: 'Agent', render: (e) => e.actorName ?? (e.actorAccountId ? '—' : 'Système') },
    { key: 'role', header: 'Rôle', render: (e) => (e.actorRole ? roleLabel(e.actorRole) : '—') },
    { key: 'action', header: 'Action', render: (e) => <ActionCell event={e} /> },
  ];
  if (!forPerson)
    columns.push({ key: 'target', header: 'Dossier ou objet', render: (e) => <TargetCell event={e} /> });
  columns.push(
    { key: 'reason', header: 'Motif', render: (e) => e.reason ?? '—' },
    { key: 'ip', header: 'Adresse IP', render: (e) => e.ip ?? '—' },
  );
  return columns;
}

/** A paged journal (the whole journal or one file's): loading, empty, table, older events. */
export function AuditEvents({
  events,
  forPerson,
  caption,
  emptyTitle,
}: {
  events: UseInfiniteQueryResult<InfiniteData<AuditPage>>;
  forPerson: boolean;
  caption: (shown: number) => string;
  emptyTitle: string;
}) {
  if (events.isPending) return <Loading label="Chargement du journal…" />;
  if (!events.data) return <ErrorState error={events.error} onRetry={() => events.refetch()} />;
  const items = events.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <EmptyState title={emptyTitle} />;
  return (
    <>
      <Table
        caption={caption(items.length)}
        columns={auditColumns(forPerson)}
        rows={items}
        rowKey={(e) => e.seq}
        className="table--compact"
      />
      {events.hasNextPage ? (
        <p>
          <Button
            variant="secondary"
            pending={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            Afficher les événements plus anciens
          </Button>
        </p>
      ) : (
        <p className="muted">Début du journal atteint pour cette recherche.</p>
      )}
      {events.isFetchNextPageError ? (
        <ErrorState title="Les événements plus anciens n’ont pas pu être chargés." error={events.error} />
      ) : null}
    </>
  );
}

export const shownCount = (n: number) => plural(n, 'événement affiché', 'événements affichés');
