import { type MessageBatch, type MessageBatchStatus, messageBatchStatusLabels } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import {
  Badge,
  Button,
  EmptyState,
  ErrorState,
  LiveMessage,
  Loading,
  PageHeader,
  Section,
  Table,
} from '../../ui';
import { BatchDialog } from './BatchDialog';
import { batchLettersHref, lettersToPostHref, useBatches } from './postalApi';

/** One list of batches (to post, or posted). */
function BatchList({
  status,
  onOpen,
}: {
  status: MessageBatchStatus;
  onOpen: (batch: MessageBatch) => void;
}) {
  const batches = useBatches(status);
  if (batches.isPending) return <Loading label="Chargement des lots…" />;
  if (batches.isError) return <ErrorState error={batches.error} onRetry={() => batches.refetch()} />;
  if (batches.data.length === 0)
    return <EmptyState title={status === 'prepared' ? 'Aucun courrier à poster.' : 'Aucun lot posté.'} />;
  const toPrint = batches.data.reduce((n, b) => n + b.letterCount, 0);
  return (
    <>
      {status === 'prepared' && toPrint > 0 ? (
        <p>
          <a href={lettersToPostHref()} download>
            Imprimer tous les courriers à poster ({plural(toPrint, 'courrier', 'courriers')}, PDF)
          </a>
        </p>
      ) : null}
      <Table
        caption={status === 'prepared' ? 'Lots de courriers à poster' : 'Lots de courriers postés'}
        captionHidden
        rows={batches.data}
        rowKey={(b) => b.id}
        columns={[
          {
            key: 'created',
            header: 'Préparé le',
            rowHeader: true,
            render: (b) =>
              `${formatDateTime(b.createdAt)}${b.createdByName ? ` par ${b.createdByName}` : ''}`,
          },
          {
            key: 'letters',
            header: 'Courriers',
            render: (b) =>
              `${plural(b.letterCount, 'courrier', 'courriers')}${b.cancelledCount ? ` (${plural(b.cancelledCount, 'retiré', 'retirés')})` : ''}`,
          },
          {
            key: 'first',
            header: 'Premier rendez-vous',
            render: (b) => formatDateTime(b.firstAppointmentAt),
          },
          {
            key: 'status',
            header: 'État',
            render: (b) => (
              <Badge tone={b.status === 'posted' ? 'success' : 'warning'}>
                {b.status === 'posted'
                  ? `Posté le ${formatDate(b.postedOn)}`
                  : messageBatchStatusLabels[b.status]}
              </Badge>
            ),
          },
          {
            key: 'actions',
            header: 'Actions',
            render: (b) => (
              <div className="form-actions">
                {b.letterCount > 0 ? (
                  <a href={batchLettersHref(b.id)} download>
                    Imprimer ({plural(b.letterCount, 'courrier', 'courriers')}, PDF)
                  </a>
                ) : null}
                <Button variant="secondary" onClick={() => onOpen(b)}>
                  {b.status === 'prepared' ? 'Ouvrir et marquer posté' : 'Voir le lot'}
                  <span className="sr-only"> — lot du {formatDateTime(b.createdAt)}</span>
                </Button>
              </div>
            ),
          },
        ]}
      />
    </>
  );
}

/** Letters of the batch convocations: print them as one PDF, then mark the batch posted. */
export function PostalBatchesPage() {
  const [open, setOpen] = useState<MessageBatch | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Courriers à poster"
        description={
          <p>
            Les courriers des convocations groupées, par lot. Imprimez le lot (un seul PDF, une page par
            personne), mettez-le sous pli, puis marquez-le posté : les courriers sont datés du jour où ils
            partent, et un courrier qui arriverait trop tard pour son rendez-vous doit être retiré du lot.
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      <Section title="À poster" id="lots-a-poster">
        <BatchList status="prepared" onOpen={setOpen} />
      </Section>
      <Section title="Déjà postés" id="lots-postes">
        <BatchList status="posted" onOpen={setOpen} />
      </Section>
      <BatchDialog
        batch={open}
        onClose={() => setOpen(null)}
        onPosted={(text) => {
          setMessage(text);
          setOpen(null);
        }}
      />
    </>
  );
}
