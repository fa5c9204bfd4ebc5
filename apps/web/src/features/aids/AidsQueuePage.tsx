import { type AidQueueItem, aidKindLabels, formatCents } from '@parcours/contracts';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../lib/format';
import {
  Badge,
  Button,
  EmptyState,
  ErrorState,
  FilterLinks,
  LiveMessage,
  Loading,
  PageHeader,
  SelectField,
  Table,
} from '../../ui';
import { useHubs } from '../territory/api';
import { AidsNav } from './AidsNav';
import { decideAid, useAidMutation, useAidQueue } from './api';
import { DecisionDialog } from './DecisionDialog';
import { EnvelopeGauge } from './EnvelopeGauge';
import { aidStatusLabel, aidStatusTones } from './labels';

const statuses = [
  { key: 'requested', label: 'À valider' },
  { key: 'validated', label: 'Validées' },
  { key: 'ordered', label: 'En paiement' },
  { key: 'paid', label: 'Payées' },
  { key: 'all', label: 'Toutes' },
] as const;
type StatusKey = (typeof statuses)[number]['key'];

/** The aids manager's queue: each request with the envelope of its kind and pôle beside it. */
export function AidsQueuePage() {
  const [params] = useSearchParams();
  const status = (statuses.find((s) => s.key === params.get('statut'))?.key ?? 'requested') as StatusKey;
  const [hubId, setHubId] = useState('');
  const hubs = useHubs();
  const queue = useAidQueue(status, hubId);
  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ aid: AidQueueItem; to: 'rejected' | 'cancelled' } | null>(null);
  const validate = useAidMutation(
    (aid: AidQueueItem) => decideAid(aid.id, { to: 'validated', version: aid.version, reason: null }),
    (aid) => setMessage(`Aide validée : ${aid.personName}, ${formatCents(aid.amountCents)}.`),
  );
  return (
    <>
      <PageHeader
        title="Aides individuelles"
        description={
          <p>
            Les demandes des référents, la plus ancienne en premier, avec l’enveloppe de l’année, de la nature
            et du pôle de chacune : une validation qui dépasserait l’enveloppe ou un plafond est refusée.
          </p>
        }
      />
      <AidsNav />
      <LiveMessage>{message}</LiveMessage>
      <FilterLinks
        label="Statut des aides"
        items={statuses.map((s) => ({
          key: s.key,
          to: `/aides?statut=${s.key}`,
          label: s.label,
          current: s.key === status,
        }))}
      />
      <SelectField
        label="Pôle"
        value={hubId}
        onChange={setHubId}
        placeholder="Tous les pôles"
        options={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
      />
      {validate.isError ? <ErrorState title="L’aide n’a pas été validée." error={validate.error} /> : null}
      {queue.isPending ? (
        <Loading label="Chargement des aides…" />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <EmptyState title="Aucune aide dans cette liste." />
      ) : (
        <Table<AidQueueItem>
          caption="Aides individuelles, la plus ancienne en premier"
          captionHidden
          rows={queue.data.items}
          rowKey={(a) => a.id}
          columns={[
            {
              key: 'person',
              header: 'Personne',
              rowHeader: true,
              render: (a) => <Link to={`/personnes/${a.personId}#aides`}>{a.personName}</Link>,
            },
            {
              key: 'aid',
              header: 'Aide',
              render: (a) => (
                <>
                  {aidKindLabels[a.kind]} — <strong>{formatCents(a.amountCents)}</strong>
                  <br />
                  <span className="muted">
                    {a.purpose} · à {a.payeeLabel} · demandée le {formatDate(a.requestedOn)}
                    {a.requestedByName ? ` par ${a.requestedByName}` : ''}
                  </span>
                </>
              ),
            },
            {
              key: 'status',
              header: 'Statut',
              render: (a) => <Badge tone={aidStatusTones[a.status]}>{aidStatusLabel(a.status)}</Badge>,
            },
            {
              key: 'envelope',
              header: 'Enveloppe et plafonds',
              render: (a) => (
                <>
                  <EnvelopeGauge envelope={a.envelope} />
                  <br />
                  <span className="muted">
                    Plafonds : {formatCents(a.ceilingPerAidCents)} par aide ;{' '}
                    {formatCents(a.ceilingPerPersonYearCents)} par an, dont{' '}
                    {formatCents(a.personYearCommittedCents)} déjà accordés à la personne
                  </span>
                </>
              ),
            },
            {
              key: 'actions',
              header: 'Actions',
              render: (a) => (
                <div className="button-row">
                  {a.status === 'requested' ? (
                    <>
                      <Button
                        size="sm"
                        pending={validate.isPending}
                        onClick={() => validate.mutate(a)}
                        aria-label={`Valider l’aide de ${a.personName} (${formatCents(a.amountCents)})`}
                      >
                        Valider
                      </Button>
                      <Button
                        size="sm"
                        variant="secondary"
                        onClick={() => setDialog({ aid: a, to: 'rejected' })}
                        aria-label={`Refuser l’aide de ${a.personName} (${formatCents(a.amountCents)})`}
                      >
                        Refuser
                      </Button>
                    </>
                  ) : null}
                  {a.status === 'validated' || a.status === 'ordered' ? (
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={() => setDialog({ aid: a, to: 'cancelled' })}
                      aria-label={`Annuler l’aide de ${a.personName} (${formatCents(a.amountCents)})`}
                    >
                      Annuler
                    </Button>
                  ) : null}
                </div>
              ),
            },
          ]}
        />
      )}
      {dialog ? (
        <DecisionDialog aid={dialog.aid} to={dialog.to} onClose={() => setDialog(null)} onDone={setMessage} />
      ) : null}
    </>
  );
}
