import type { Structure } from '@parcours/contracts';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, EmptyState, ErrorState, LiveMessage, Loading, PageHeader } from '../../ui';
import { useCan } from '../auth/session';
import { useCommunes, useHubs, useStructures } from './api';
import { StructureDialog } from './StructureDialog';
import { StructureFilters } from './StructureFilters';
import { StructuresTable } from './StructuresTable';
import { isKind } from './structureKinds';

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export function StructuresPage() {
  const canManage = useCan('territory.manage');
  const canSeeAccounts = useCan('accounts.manage');
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const hubs = useHubs();
  const communes = useCommunes({});

  const typeParam = params.get('type');
  const kind = isKind(typeParam) ? typeParam : undefined;
  const hubId = params.get('pole') ?? undefined;
  const q = params.get('q') ?? undefined;
  const structures = useStructures({ kind, hubId, q });

  const communeNames = new Map((communes.data ?? []).map((c) => [c.inseeCode, c.name]));
  const editedStructure =
    editing?.mode === 'edit' ? (structures.data?.find((s) => s.id === editing.id) ?? null) : null;

  return (
    <>
      <PageHeader
        title="Structures"
        description={
          <p>
            Répertoire des structures du département : MDS, CCAS, lieux d’accueil, PLIE, missions locales,
            agences France Travail, opérateurs d’actions…
          </p>
        }
        actions={
          canManage ? (
            <Button
              onClick={() => {
                setMessage(null);
                setEditing({ mode: 'create' });
              }}
            >
              Créer une structure
            </Button>
          ) : null
        }
      />
      <StructureFilters
        key={params.toString()}
        hubs={hubs.data ?? []}
        kind={kind ?? ''}
        hubId={hubId ?? ''}
        q={q ?? ''}
        onApply={(values) => {
          const next = new URLSearchParams();
          if (values.kind) next.set('type', values.kind);
          if (values.hubId) next.set('pole', values.hubId);
          if (values.q.trim()) next.set('q', values.q.trim());
          setParams(next);
        }}
      />
      <LiveMessage>{message}</LiveMessage>
      {structures.isPending ? (
        <Loading label="Chargement des structures…" />
      ) : structures.isError ? (
        <ErrorState error={structures.error} onRetry={() => structures.refetch()} />
      ) : structures.data.length === 0 ? (
        <EmptyState title="Aucune structure ne correspond à ces critères.">
          {params.toString() ? <p>Modifiez ou réinitialisez les filtres.</p> : null}
        </EmptyState>
      ) : (
        <StructuresTable
          structures={structures.data}
          communeNames={communeNames}
          canSeeAccounts={canSeeAccounts}
          onEdit={canManage ? (s: Structure) => setEditing({ mode: 'edit', id: s.id }) : undefined}
        />
      )}

      {editing?.mode === 'create' || editedStructure ? (
        <StructureDialog
          structure={editedStructure}
          hubs={hubs.data ?? []}
          communes={communes.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            setMessage(
              created
                ? `La structure « ${saved.name} » a été créée.`
                : `La structure « ${saved.name} » a été modifiée.`,
            );
          }}
        />
      ) : null}
    </>
  );
}
