import {
  allowedTargets,
  api,
  type MessageStatus,
  messageChannelLabels,
  messageKindLabels,
  messageStatusLabels,
  messageWorkflow,
  type PersonMessage,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../../lib/api';
import { call, hrefOf } from '../../lib/client';
import { formatDateTime, plural } from '../../lib/format';
import {
  Alert,
  Badge,
  Button,
  type Column,
  EmptyState,
  ErrorState,
  LiveMessage,
  Loading,
  Table,
  VisuallyHidden,
} from '../../ui';
import { useActor } from '../auth/session';
import { messagingKeys, usePersonMessages } from './api';

const statusTones: Record<MessageStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  pending: 'warning',
  generated: 'neutral',
  sent: 'success',
  delivered: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

/** "+33612345678" → "06 12 34 56 78"; a letter's address on one line. */
function recipientLabel(m: PersonMessage): string {
  if (m.channel === 'letter') return m.recipient.split('\n').slice(1).join(', ') || m.recipient;
  const fr = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(m.recipient);
  return fr ? `0${fr[1]} ${fr[2]} ${fr[3]} ${fr[4]} ${fr[5]}` : m.recipient;
}

function StatusDetail({ m }: { m: PersonMessage }) {
  return (
    <>
      <Badge tone={statusTones[m.status]}>{messageStatusLabels[m.status]}</Badge>
      <ul className="plain-list">
        {m.sentAt ? <li className="muted">Envoyé le {formatDateTime(m.sentAt)}</li> : null}
        {m.deliveredAt ? <li className="muted">Reçu le {formatDateTime(m.deliveredAt)}</li> : null}
        {m.channel !== 'letter' && m.attempts > 1 ? (
          <li className="muted">{plural(m.attempts, 'essai', 'essais')}</li>
        ) : null}
        {m.lastError && (m.status === 'failed' || m.status === 'pending' || m.status === 'cancelled') ? (
          <li className={m.status === 'failed' ? 'error-text' : 'muted'}>{m.lastError}</li>
        ) : null}
      </ul>
    </>
  );
}

/**
 * The letters, e-mails and SMS sent to a person with their delivery state; a failed e-mail or SMS
 * can be sent again by an agent who convenes ("Renvoyer"). Meant to be embedded in the person's file.
 */
export function PersonMessages({ personId }: { personId: string }) {
  const headingId = useId();
  // "Renvoyer" where the workflow table lets this agent put the message back in the queue.
  const actor = useActor();
  const queryClient = useQueryClient();
  const messages = usePersonMessages(personId);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const retry = useMutation({
    mutationFn: (m: PersonMessage) => call(api.messaging.retryMessage, { params: { id: m.id } }),
    onMutate: () => {
      setNotice(null);
      setFailure(null);
    },
    onSuccess: async (_r, m) => {
      setNotice(
        `${m.channel === 'sms' ? 'Le SMS' : 'L’e-mail'} sera renvoyé dans quelques instants à ${recipientLabel(m)}.`,
      );
      await queryClient.invalidateQueries({ queryKey: messagingKeys.personMessages(personId) });
    },
    onError: (error) => setFailure(errorMessage(error)),
  });

  const columns: Column<PersonMessage>[] = [
    {
      key: 'date',
      header: 'Date',
      rowHeader: true,
      nowrap: true,
      render: (m) => formatDateTime(m.createdAt),
    },
    {
      key: 'what',
      header: 'Message',
      render: (m) => (
        <>
          {messageKindLabels[m.kind]}
          {m.subject ? <span className="muted"> — {m.subject}</span> : null}
        </>
      ),
    },
    { key: 'channel', header: 'Canal', render: (m) => messageChannelLabels[m.channel] },
    { key: 'to', header: 'Destinataire', render: (m) => <span className="break">{recipientLabel(m)}</span> },
    { key: 'status', header: 'État', render: (m) => <StatusDetail m={m} /> },
    {
      key: 'actions',
      header: 'Actions',
      render: (m) => {
        const label = `${messageKindLabels[m.kind].toLowerCase()} du ${formatDateTime(m.createdAt)}`;
        if (m.channel === 'letter') {
          return (
            <a
              href={hrefOf(api.messaging.letterPdf, { params: { id: m.id } })}
              target="_blank"
              rel="noopener"
            >
              Courrier (PDF)<VisuallyHidden> : {label}, s’ouvre dans un nouvel onglet</VisuallyHidden>
            </a>
          );
        }
        if (allowedTargets(messageWorkflow, m.status, actor.role).includes('pending')) {
          return (
            <Button
              variant="secondary"
              size="sm"
              pending={retry.isPending && retry.variables?.id === m.id}
              onClick={() => retry.mutate(m)}
            >
              Renvoyer<VisuallyHidden> {`${messageChannelLabels[m.channel]} : ${label}`}</VisuallyHidden>
            </Button>
          );
        }
        return <span className="muted">—</span>;
      },
    },
  ];

  return (
    <section id="messages" className="section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Courriers, e-mails et SMS</h2>
        <Button
          variant="tertiary"
          size="sm"
          onClick={() => {
            setNotice(null);
            void messages.refetch();
          }}
        >
          Actualiser<VisuallyHidden> les messages</VisuallyHidden>
        </Button>
      </div>
      <LiveMessage>{notice}</LiveMessage>
      {failure ? (
        <Alert tone="error" title="Le message n’a pas pu être renvoyé">
          <p>{failure}</p>
        </Alert>
      ) : null}
      {messages.isPending ? (
        <Loading label="Chargement des messages…" />
      ) : messages.isError ? (
        <ErrorState
          title="Les messages n’ont pas pu être chargés."
          error={messages.error}
          onRetry={() => messages.refetch()}
        />
      ) : messages.data.length === 0 ? (
        <EmptyState title="Aucun courrier, e-mail ni SMS n’a été adressé à cette personne." />
      ) : (
        <Table
          caption={`Messages adressés à la personne : ${plural(messages.data.length, 'message', 'messages')}`}
          captionHidden
          columns={columns}
          rows={messages.data}
          rowKey={(m) => m.id}
        />
      )}
    </section>
  );
}
