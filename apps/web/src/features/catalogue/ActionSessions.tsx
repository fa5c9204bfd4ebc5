import {
  type ActionDetail,
  type ActionSession,
  actionSessionWorkflow,
  allowedTargets,
  api,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { call } from '../../lib/client';
import { Button, type Column, ConfirmDialog, LiveMessage, Section, Table } from '../../ui';
import { catalogueKeys } from './api';
import { formatHours, placesLabel, sessionDates } from './format';
import { SessionDialog } from './SessionDialog';

/** The sessions of an action (all of them) with places taken and free; administrators edit them. */
export function ActionSessions({ action, canManage }: { action: ActionDetail; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<ActionSession | 'new' | null>(null);
  const [cancelling, setCancelling] = useState<ActionSession | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const cancel = useMutation({
    mutationFn: (s: ActionSession) =>
      call(api.catalogue.cancelSession, { params: { id: s.id }, body: { version: s.version } }),
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: catalogueKeys.all });
      setCancelling(null);
      setMessage(`La session « ${s.label} » est annulée.`);
    },
  });
  const columns: Column<ActionSession>[] = [
    { key: 'label', header: 'Session', rowHeader: true, render: (s) => s.label },
    { key: 'dates', header: 'Dates', render: (s) => sessionDates(s) },
    {
      key: 'place',
      header: 'Lieu',
      render: (s) => [s.place, s.communeName].filter(Boolean).join(', ') || 'Non renseigné',
    },
    { key: 'hours', header: 'Heures par semaine', nowrap: true, render: (s) => formatHours(s.weeklyHours) },
    { key: 'capacity', header: 'Capacité', render: (s) => s.capacity },
    { key: 'taken', header: 'Places prises', render: (s) => s.taken },
    { key: 'free', header: 'Places libres', nowrap: true, render: (s) => placesLabel(s) },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      render: (s) =>
        s.status === 'planned' ? (
          <div className="row-actions">
            <Button size="sm" variant="secondary" onClick={() => setEditing(s)}>
              Modifier<span className="sr-only"> la session {s.label}</span>
            </Button>
            {allowedTargets(actionSessionWorkflow, s.status, 'administrator').includes('cancelled') ? (
              <Button size="sm" variant="danger" onClick={() => setCancelling(s)}>
                Annuler<span className="sr-only"> la session {s.label}</span>
              </Button>
            ) : null}
          </div>
        ) : null,
    });
  return (
    <Section id="sessions" title="Sessions et places libres">
      <LiveMessage>{message}</LiveMessage>
      {action.allSessions.length ? (
        <Table
          caption={`Sessions de l’action ${action.code}`}
          captionHidden
          columns={columns}
          rows={action.allSessions}
          rowKey={(s) => s.id}
        />
      ) : (
        <p>Cette action n’a pas de session : les entrées sont permanentes.</p>
      )}
      {canManage && action.status !== 'annulee' ? (
        <p>
          <Button variant="secondary" onClick={() => setEditing('new')}>
            Ajouter une session
          </Button>
        </p>
      ) : null}
      {editing ? (
        <SessionDialog
          action={action}
          session={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(s, created) => {
            setEditing(null);
            setMessage(
              created ? `La session « ${s.label} » est créée.` : `La session « ${s.label} » est modifiée.`,
            );
          }}
        />
      ) : null}
      <ConfirmDialog
        open={cancelling !== null}
        title={`Annuler la session « ${cancelling?.label ?? ''} » ?`}
        confirmLabel="Annuler la session"
        cancelLabel="Garder la session"
        danger
        pending={cancel.isPending}
        error={cancel.isError ? errorMessage(cancel.error) : null}
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        onCancel={() => {
          setCancelling(null);
          cancel.reset();
        }}
      >
        <p>
          Les orientations déjà faites vers cette session restent enregistrées ; plus aucune nouvelle
          orientation ne sera possible.
        </p>
      </ConfirmDialog>
    </Section>
  );
}
