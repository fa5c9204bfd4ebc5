import type { MessageBatch } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { Alert, Button, Dialog, ErrorState, Loading, Table } from '../../ui';
import { batchLettersHref, cancelLetter, markBatchPosted, postalKeys, useBatch } from './postalApi';

const letterStatus: Record<string, string> = {
  generated: 'À poster',
  sent: 'Posté',
  cancelled: 'Retiré',
};

/** One batch: its letters (withdraw one not posted yet), print, and mark the batch posted. */
export function BatchDialog({
  batch,
  onClose,
  onPosted,
}: {
  batch: MessageBatch | null;
  onClose: () => void;
  onPosted: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const detail = useBatch(batch?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: postalKeys.all });
  const post = useMutation({
    mutationFn: () => markBatchPosted(detail.data!.id, detail.data!.version),
    onSuccess: async (done) => {
      setError(null);
      await refresh();
      onPosted(
        `Lot marqué posté le ${formatDate(done.postedOn)} : ${plural(done.letterCount, 'courrier envoyé', 'courriers envoyés')}.`,
      );
    },
    onError: (err) => setError(errorMessage(err)),
  });
  const withdraw = useMutation({
    mutationFn: (letter: { id: string; version: number }) => cancelLetter(letter.id, letter.version),
    onSuccess: async () => {
      setError(null);
      await refresh();
    },
    onError: (err) => setError(errorMessage(err)),
  });
  const close = () => {
    setError(null);
    onClose();
  };

  return (
    <Dialog
      open={batch !== null}
      onClose={close}
      size="lg"
      title={batch ? `Lot de courriers du ${formatDateTime(batch.createdAt)}` : ''}
    >
      {error ? (
        <Alert tone="error" title="L’action n’a pas abouti">
          <p>{error}</p>
        </Alert>
      ) : null}
      {detail.isPending ? (
        <Loading label="Chargement du lot…" />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => detail.refetch()} />
      ) : (
        <>
          <Table
            caption={plural(detail.data.letterCount, 'courrier à imprimer', 'courriers à imprimer')}
            rows={detail.data.letters}
            rowKey={(l) => l.id}
            columns={[
              { key: 'person', header: 'Personne', rowHeader: true, render: (l) => l.personName },
              { key: 'appointment', header: 'Rendez-vous', render: (l) => formatDateTime(l.appointmentAt) },
              { key: 'status', header: 'État', render: (l) => letterStatus[l.status] ?? l.status },
              {
                key: 'actions',
                header: 'Actions',
                render: (l) =>
                  l.status === 'generated' && detail.data.status === 'prepared' ? (
                    <Button
                      variant="secondary"
                      disabled={withdraw.isPending}
                      onClick={() => withdraw.mutate({ id: l.id, version: l.version })}
                    >
                      Retirer du lot<span className="sr-only"> le courrier de {l.personName}</span>
                    </Button>
                  ) : null,
              },
            ]}
          />
          {detail.data.status === 'posted' ? (
            <p>
              Posté le {formatDate(detail.data.postedOn)}
              {detail.data.postedByName ? ` par ${detail.data.postedByName}` : ''}.
            </p>
          ) : null}
          <div className="form-actions">
            {detail.data.letterCount > 0 ? (
              <a className="button button--secondary" href={batchLettersHref(detail.data.id)} download>
                Imprimer le lot (PDF)
              </a>
            ) : null}
            {detail.data.status === 'prepared' ? (
              <Button
                disabled={post.isPending || detail.data.letterCount === 0}
                onClick={() => post.mutate()}
              >
                {post.isPending ? 'Enregistrement…' : 'Marquer le lot comme posté aujourd’hui'}
              </Button>
            ) : null}
            <Button variant="secondary" onClick={close}>
              Fermer
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
