import type { FtBatch } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDateTime, formatNumber, plural } from '../../lib/format';
import {
  Alert,
  Badge,
  Button,
  type Column,
  EmptyState,
  ErrorState,
  Loading,
  Table,
  VisuallyHidden,
} from '../../ui';
import { batchExportUrl, createBatch, ftKeys, useBatches } from './api';

/** Registration batches: create one from the persons to register, download the file of each. */
export function BatchesSection({ pendingCount }: { pendingCount: number | null }) {
  const queryClient = useQueryClient();
  const batches = useBatches();
  const [created, setCreated] = useState<FtBatch | null>(null);
  const [nothing, setNothing] = useState(false);
  const create = useMutation({
    mutationFn: createBatch,
    onSuccess: async (batch) => {
      setCreated(batch);
      await queryClient.invalidateQueries({ queryKey: ftKeys.all });
    },
  });

  const columns: Column<FtBatch>[] = [
    {
      key: 'created',
      header: 'Créé le',
      rowHeader: true,
      render: (b) => <time dateTime={b.createdAt}>{formatDateTime(b.createdAt)}</time>,
    },
    { key: 'rows', header: 'Personnes', render: (b) => formatNumber(b.rowCount) },
    {
      key: 'status',
      header: 'État',
      render: (b) =>
        b.status === 'acknowledged' ? (
          <Badge tone="success">Accusé de réception reçu</Badge>
        ) : (
          <Badge tone="warning">Transmis, en attente de l’accusé</Badge>
        ),
    },
    { key: 'ack', header: 'Accusé reçu le', nowrap: true, render: (b) => formatDateTime(b.acknowledgedAt) },
    {
      key: 'file',
      header: 'Fichier',
      render: (b) => (
        <a href={batchExportUrl(b.id)} download>
          Télécharger le CSV<VisuallyHidden> du lot du {formatDateTime(b.createdAt)}</VisuallyHidden>
        </a>
      ),
    },
  ];

  return (
    <section className="section" aria-labelledby="lots">
      <h2 id="lots">Lots d’inscription</h2>
      <p>
        Un lot rassemble toutes les personnes à inscrire. Téléchargez son fichier et transmettez-le à France
        Travail ; les personnes passent alors à l’état « Transmise ».
      </p>
      <div className="form-actions">
        <Button
          pending={create.isPending}
          onClick={() => {
            setCreated(null);
            if (pendingCount === 0) {
              setNothing(true);
              return;
            }
            setNothing(false);
            create.mutate();
          }}
        >
          Créer un lot d’inscription
        </Button>
        {pendingCount !== null ? (
          <span className="muted">
            {pendingCount === 0
              ? 'Aucune personne à inscrire actuellement.'
              : `${plural(pendingCount, 'personne', 'personnes')} à inscrire.`}
          </span>
        ) : null}
      </div>
      <div aria-live="polite">
        {nothing ? (
          <Alert tone="info" title="Aucun lot créé" live="off">
            <p>Aucune personne n’est à inscrire : il n’y a rien à transmettre à France Travail.</p>
          </Alert>
        ) : null}
        {created ? (
          <Alert tone="success" title="Lot d’inscription créé" live="off">
            <p>
              Le lot du {formatDateTime(created.createdAt)} contient{' '}
              {plural(created.rowCount, 'personne', 'personnes')}.
            </p>
            <p>
              <a href={batchExportUrl(created.id)} download className="button button--secondary button--sm">
                Télécharger le fichier du lot (CSV)
              </a>
            </p>
          </Alert>
        ) : null}
        {create.isError ? (
          <Alert tone="error" title="Le lot n’a pas été créé" live="off">
            <p>{errorMessage(create.error)}</p>
          </Alert>
        ) : null}
      </div>
      <h3>Lots précédents</h3>
      {batches.isPending ? (
        <Loading label="Chargement des lots…" />
      ) : batches.isError ? (
        <ErrorState error={batches.error} onRetry={() => batches.refetch()} />
      ) : batches.data.length === 0 ? (
        <EmptyState title="Aucun lot n’a encore été créé." />
      ) : (
        <Table
          caption={`Lots d’inscription, du plus récent au plus ancien (${plural(batches.data.length, 'lot', 'lots')})`}
          captionHidden
          columns={columns}
          rows={[...batches.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
          rowKey={(b) => b.id}
        />
      )}
    </section>
  );
}
