import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LiveMessage, Loading, PageHeader } from '../../ui';
import { useCan } from '../auth/session';
import { useHubs } from './api';
import { CommuneFilters } from './CommuneFilters';
import { CommuneList } from './CommuneList';
import { HubsTable } from './HubsTable';
import { RenameHubDialog } from './RenameHubDialog';

export function TerritoryPage() {
  const canManage = useCan('territory.manage');
  const hubs = useHubs();
  const [params, setParams] = useSearchParams();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const communesHeading = useRef<HTMLHeadingElement>(null);

  const selectedHub = params.get('pole') ?? '';
  const q = params.get('q') ?? '';

  function showHub(hubId: string) {
    const next = new URLSearchParams(params);
    next.set('pole', hubId);
    next.delete('q');
    setParams(next);
    requestAnimationFrame(() => communesHeading.current?.focus());
  }

  const renamingHub = hubs.data?.find((hub) => hub.id === renaming) ?? null;

  return (
    <>
      <PageHeader
        title="Territoire"
        description={
          <p>
            Le département est découpé en pôles d’insertion ; chaque commune (à Marseille, chaque
            arrondissement) est rattachée à un pôle.
            {canManage ? ' Vous pouvez renommer un pôle et déplacer une commune vers un autre pôle.' : ''}
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>

      <section className="section" aria-labelledby="poles">
        <h2 id="poles">Pôles d’insertion</h2>
        {hubs.isPending ? (
          <Loading label="Chargement des pôles d’insertion…" />
        ) : hubs.isError ? (
          <ErrorState error={hubs.error} onRetry={() => hubs.refetch()} />
        ) : hubs.data.length === 0 ? (
          <EmptyState title="Aucun pôle d’insertion n’est encore défini." />
        ) : (
          <HubsTable
            hubs={hubs.data}
            onShowCommunes={(hub) => showHub(hub.id)}
            onRename={canManage ? (hub) => setRenaming(hub.id) : undefined}
          />
        )}
      </section>

      <section className="section" aria-labelledby="communes">
        <h2 id="communes" ref={communesHeading} tabIndex={-1}>
          Communes
        </h2>
        <CommuneFilters
          key={`${selectedHub}|${q}`}
          hubs={hubs.data ?? []}
          hubId={selectedHub}
          q={q}
          onApply={(hubId, text) => {
            const next = new URLSearchParams();
            if (hubId) next.set('pole', hubId);
            if (text.trim()) next.set('q', text.trim());
            setParams(next);
          }}
        />
        <CommuneList
          hubs={hubs.data ?? []}
          hubId={selectedHub}
          q={q}
          canManage={canManage}
          onMoved={(commune) =>
            setMessage(
              `La commune ${commune.name} est maintenant rattachée au pôle ${commune.hubName ?? '—'}.`,
            )
          }
        />
      </section>

      {renamingHub ? (
        <RenameHubDialog
          hub={renamingHub}
          onClose={() => setRenaming(null)}
          onDone={(hub) => {
            setRenaming(null);
            setMessage(`Le pôle a été renommé « ${hub.name} ».`);
          }}
        />
      ) : null}
    </>
  );
}
