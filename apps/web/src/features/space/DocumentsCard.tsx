import { documentKindLabels } from '@parcours/contracts';
import { formatBytes, formatDate } from '../../lib/format';
import { ErrorState, Loading } from '../../ui';
import { documentHref, useMyDocuments } from './api';

export function DocumentsCard({ personId }: { personId: string }) {
  const documents = useMyDocuments(personId);
  return (
    <section className="card" aria-labelledby="documents">
      <h2 id="documents" className="space-card__title">
        Mes documents
      </h2>
      {documents.isPending ? <Loading label="Chargement de vos documents…" /> : null}
      {documents.isError ? (
        <ErrorState
          title="Vos documents n’ont pas pu s’afficher."
          error={documents.error}
          onRetry={() => documents.refetch()}
        />
      ) : null}
      {documents.data && documents.data.items.length === 0 ? (
        <p>Aucun document n’est encore joint à votre dossier.</p>
      ) : null}
      {documents.data && documents.data.items.length > 0 ? (
        <ul className="space-list">
          {documents.data.items.map((d) => (
            <li key={d.id}>
              <a href={documentHref(personId, d.id)} download={d.fileName}>
                {d.label ?? documentKindLabels[d.kind]}
              </a>
              <br />
              <span className="muted">
                Ajouté le {formatDate(d.uploadedAt)} — {formatBytes(d.sizeBytes)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
