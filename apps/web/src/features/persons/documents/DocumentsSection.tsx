import { documentKindLabels, type PersonDocument } from '@parcours/contracts';
import { useState } from 'react';
import { formatBytes, formatDateTime } from '../../../lib/format';
import {
  Button,
  type Column,
  EmptyState,
  ErrorState,
  LiveMessage,
  Loading,
  Section,
  Table,
  VisuallyHidden,
} from '../../../ui';
import { useCan } from '../../auth/session';
import { documentHref, usePersonDocuments } from './api';
import { DocumentUploadForm } from './DocumentUploadForm';
import { WithdrawDocumentDialog } from './WithdrawDocumentDialog';

const byLine = (name: string | null, at: string | null) =>
  [at ? `le ${formatDateTime(at)}` : null, name ? `par ${name}` : null].filter(Boolean).join(' ');

/**
 * The documents attached to the person's file (identity, CV, certificates, scanned contract):
 * listed and downloaded by the roles that read documents, added and withdrawn by those who write.
 */
export function DocumentsSection({ personId }: { personId: string }) {
  const canWrite = useCan('documents.write');
  const query = usePersonDocuments(personId);
  const [withdrawing, setWithdrawing] = useState<PersonDocument | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns: Column<PersonDocument>[] = [
    { key: 'kind', header: 'Type', rowHeader: true, render: (d) => documentKindLabels[d.kind] },
    { key: 'label', header: 'Titre', render: (d) => d.label ?? <span className="muted">—</span> },
    {
      key: 'file',
      header: 'Fichier',
      render: (d) => (
        <a href={documentHref(d)} download={d.fileName} className="break">
          <VisuallyHidden>Télécharger </VisuallyHidden>
          {d.fileName}
        </a>
      ),
    },
    { key: 'size', header: 'Taille', nowrap: true, render: (d) => formatBytes(d.sizeBytes) },
    { key: 'added', header: 'Ajouté', render: (d) => byLine(d.uploadedByName, d.uploadedAt) },
  ];
  if (canWrite)
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (d) => (
        <Button
          size="sm"
          variant="tertiary"
          onClick={() => {
            setNotice(null);
            setWithdrawing(d);
          }}
        >
          Retirer<VisuallyHidden> le document {d.fileName}</VisuallyHidden>
        </Button>
      ),
    });

  let body: React.ReactNode;
  if (query.isPending) body = <Loading label="Chargement des documents…" />;
  else if (query.isError)
    body = (
      <ErrorState
        title="Les documents n’ont pas pu être chargés."
        error={query.error}
        onRetry={() => query.refetch()}
      />
    );
  else
    body = (
      <>
        {query.data.items.length === 0 ? (
          <EmptyState title="Aucun document dans ce dossier." />
        ) : (
          <Table
            caption={`Documents du dossier (${query.data.items.length})`}
            captionHidden
            columns={columns}
            rows={query.data.items}
            rowKey={(d) => d.id}
          />
        )}
        {query.data.withdrawn.length > 0 ? <WithdrawnDocuments docs={query.data.withdrawn} /> : null}
      </>
    );

  return (
    <Section id="documents" title="Documents">
      <LiveMessage>{notice}</LiveMessage>
      {body}
      {canWrite ? (
        <>
          <h3>Ajouter un document</h3>
          <DocumentUploadForm
            personId={personId}
            onAdded={(name) => setNotice(`Le document « ${name} » a été ajouté au dossier.`)}
          />
          <WithdrawDocumentDialog
            doc={withdrawing}
            onClose={() => setWithdrawing(null)}
            onDone={(message) => {
              setWithdrawing(null);
              setNotice(message);
            }}
          />
        </>
      ) : null}
    </Section>
  );
}

function WithdrawnDocuments({ docs }: { docs: PersonDocument[] }) {
  return (
    <details className="details">
      <summary>Documents retirés ({docs.length})</summary>
      <Table
        caption="Documents retirés du dossier (le fichier est effacé, la trace reste)"
        columns={[
          { key: 'kind', header: 'Type', rowHeader: true, render: (d) => documentKindLabels[d.kind] },
          { key: 'file', header: 'Fichier', render: (d) => <span className="break">{d.fileName}</span> },
          { key: 'added', header: 'Ajouté', render: (d) => byLine(d.uploadedByName, d.uploadedAt) },
          { key: 'withdrawn', header: 'Retiré', render: (d) => byLine(d.withdrawnByName, d.withdrawnAt) },
          { key: 'reason', header: 'Motif', render: (d) => d.withdrawReason },
        ]}
        rows={docs}
        rowKey={(d) => d.id}
      />
    </details>
  );
}
