import type { ReferentHistoryItem } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import {
  Button,
  type Column,
  EmptyState,
  ErrorState,
  Item,
  LiveMessage,
  Loading,
  Section,
  Table,
} from '../../ui';
import { useCan } from '../auth/session';
import { usePersonReferents } from './api';
import { ChangeReferentDialog } from './ChangeReferentDialog';

const columns: Column<ReferentHistoryItem>[] = [
  {
    key: 'who',
    header: 'Référent',
    rowHeader: true,
    render: (r) => (
      <>
        {r.referentName}
        <br />
        <span className="muted">{r.structureName}</span>
      </>
    ),
  },
  {
    key: 'when',
    header: 'Période',
    nowrap: true,
    render: (r) =>
      r.toDate
        ? `du ${formatDate(r.fromDate)} au ${formatDate(r.toDate)}`
        : `depuis le ${formatDate(r.fromDate)}`,
  },
  {
    key: 'why',
    header: 'Motifs',
    render: (r) => (
      <ul className="plain-list">
        {r.reason ? <li>Désignation : {r.reason}</li> : null}
        {r.overCapReason ? <li>Au-delà du plafond : {r.overCapReason}</li> : null}
        {r.endReason ? <li>Fin : {r.endReason}</li> : null}
        {!r.reason && !r.endReason && !r.overCapReason ? <li className="muted">—</li> : null}
      </ul>
    ),
  },
  {
    key: 'by',
    header: 'Par',
    render: (r) =>
      r.source === 'history' ? (
        <span className="muted">reprise de l’historique</span>
      ) : (
        <>
          {r.assignedByName ?? '—'}
          {r.endedByName ? <span className="muted"> · fin : {r.endedByName}</span> : null}
        </>
      ),
  },
];

/** "Référent unique" on the person's file: who, how to reach them, the history, the change. */
export function ReferentSection({ personId }: { personId: string }) {
  const referents = usePersonReferents(personId);
  const canManage = useCan('assignment.manage');
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Section id="referent" title="Référent unique">
      <LiveMessage>{message}</LiveMessage>
      {referents.isPending ? (
        <Loading label="Chargement du référent…" />
      ) : referents.isError ? (
        <ErrorState error={referents.error} onRetry={() => referents.refetch()} />
      ) : (
        <>
          {referents.data.current ? (
            <dl className="summary-list">
              <Item label="Référent">{referents.data.current.name}</Item>
              <Item label="Structure">{referents.data.current.structureName}</Item>
              <Item label="Depuis le">{formatDate(referents.data.current.fromDate)}</Item>
              <Item label="Contact">
                {[referents.data.current.phone, referents.data.current.email].filter(Boolean).join(' · ') ||
                  '—'}
              </Item>
            </dl>
          ) : (
            <EmptyState title="Aucun référent unique n’est désigné." />
          )}
          {canManage && referents.data.candidates.length ? (
            <p>
              <Button variant="secondary" onClick={() => setOpen(true)}>
                {referents.data.current ? 'Changer de référent' : 'Désigner le référent'}
              </Button>
            </p>
          ) : null}
          {referents.data.items.length ? (
            <Table
              caption="Historique des référents, du plus récent au plus ancien"
              rows={referents.data.items}
              rowKey={(r) => r.id}
              columns={columns}
            />
          ) : null}
          <ChangeReferentDialog
            personId={personId}
            data={referents.data}
            open={open}
            onClose={() => setOpen(false)}
            onChanged={setMessage}
          />
        </>
      )}
    </Section>
  );
}
