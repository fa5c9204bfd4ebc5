import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { plural } from '../../lib/format';
import { Alert, EmptyState, ErrorState, FilterLinks, LiveMessage, Loading, PageHeader } from '../../ui';
import { type DuplicateStatus, duplicateStatuses, useDuplicates } from './api';
import { statusLabels } from './labels';
import { SuspectCard } from './SuspectCard';

const emptyTitles: Record<DuplicateStatus, string> = {
  open: 'Aucune suspicion de doublon n’est à examiner.',
  linked: 'Aucune paire de dossiers n’a encore été liée.',
  dismissed: 'Aucune suspicion n’a encore été écartée.',
};

function isStatus(value: string | null): value is DuplicateStatus {
  return !!value && (duplicateStatuses as string[]).includes(value);
}

export function DuplicatesPage() {
  const [params] = useSearchParams();
  const raw = params.get('statut');
  const status: DuplicateStatus = isStatus(raw) ? raw : 'open';
  const suspects = useDuplicates(status);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Doublons suspectés"
        description={
          <p>
            Lors de l’import des flux, deux dossiers qui semblent concerner la même personne sans certitude
            sont mis de côté ici. Comparez-les, puis liez-les s’il s’agit de la même personne, ou écartez la
            suspicion.
          </p>
        }
      />
      <FilterLinks
        label="Afficher les suspicions"
        items={duplicateStatuses.map((s) => ({
          key: s,
          to: s === 'open' ? '/doublons' : `/doublons?statut=${s}`,
          label: statusLabels[s],
          current: s === status,
        }))}
      />
      <LiveMessage>{message}</LiveMessage>
      {conflict ? (
        <Alert tone="warning" title="Modification simultanée">
          <p>{conflict}</p>
        </Alert>
      ) : null}
      <section aria-labelledby="liste-suspicions">
        <h2 id="liste-suspicions" className="sr-only">
          Suspicions {statusLabels[status].toLowerCase()}
        </h2>
        {suspects.isPending ? (
          <Loading label="Chargement des suspicions de doublon…" />
        ) : suspects.isError ? (
          <ErrorState error={suspects.error} onRetry={() => suspects.refetch()} />
        ) : suspects.data.length === 0 ? (
          <EmptyState title={emptyTitles[status]} />
        ) : (
          <>
            <p className="muted">
              {plural(suspects.data.length, 'suspicion', 'suspicions')} {statusLabels[status].toLowerCase()}.
            </p>
            <ul className="plain-list suspects">
              {suspects.data.map((suspect, index) => (
                <li key={suspect.id}>
                  <SuspectCard
                    suspect={suspect}
                    index={index + 1}
                    onDecided={(text) => {
                      setConflict(null);
                      setMessage(text);
                    }}
                    onConflict={(text) => {
                      setMessage(null);
                      setConflict(text);
                    }}
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
