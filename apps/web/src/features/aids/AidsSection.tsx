import { type Aid, aidKindLabels, formatCents } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { Badge, Button, EmptyState, ErrorState, LiveMessage, Loading, Section, Table } from '../../ui';
import { useCan } from '../auth/session';
import { AidRequestForm } from './AidRequestForm';
import { useAidMutation, usePersonAids, withdrawAid } from './api';
import { aidStatusLabel, aidStatusTones } from './labels';

/** « Aides individuelles » on the person's file: the aids with their status, and the référent's request. */
export function AidsSection({ personId }: { personId: string }) {
  const canRead = useCan('aid.read');
  const canRequest = useCan('aid.request');
  const aids = usePersonAids(personId, canRead);
  const [message, setMessage] = useState<string | null>(null);
  const withdraw = useAidMutation(
    (a: Aid) => withdrawAid(a.id, a.version),
    () => setMessage('La demande est retirée.'),
  );
  if (!canRead) return null;
  return (
    <Section id="aides" title="Aides individuelles">
      <LiveMessage>{message}</LiveMessage>
      {aids.isPending ? (
        <Loading label="Chargement des aides…" />
      ) : aids.isError ? (
        <ErrorState
          title="Les aides n’ont pas pu être chargées."
          error={aids.error}
          onRetry={() => aids.refetch()}
        />
      ) : (
        <>
          {aids.data.items.length === 0 ? (
            <EmptyState title="Aucune aide individuelle." />
          ) : (
            <Table<Aid>
              caption="Aides individuelles de la personne, la plus récente en premier"
              captionHidden
              rows={aids.data.items}
              rowKey={(a) => a.id}
              columns={[
                { key: 'kind', header: 'Nature', rowHeader: true, render: (a) => aidKindLabels[a.kind] },
                { key: 'amount', header: 'Montant', nowrap: true, render: (a) => formatCents(a.amountCents) },
                {
                  key: 'status',
                  header: 'Statut',
                  render: (a) => (
                    <>
                      <Badge tone={aidStatusTones[a.status]}>{aidStatusLabel(a.status)}</Badge>
                      {a.statusReason ? <span className="muted"> · {a.statusReason}</span> : null}
                      {a.paidOn ? <span className="muted"> · le {formatDate(a.paidOn)}</span> : null}
                    </>
                  ),
                },
                { key: 'on', header: 'Demandée le', nowrap: true, render: (a) => formatDate(a.requestedOn) },
                {
                  key: 'payee',
                  header: 'Paiement à',
                  render: (a) => (
                    <>
                      {a.payeeLabel}
                      {a.paymentOrderNumber ? (
                        <span className="muted"> · ordre {a.paymentOrderNumber}</span>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: 'purpose',
                  header: 'Objet',
                  render: (a) => a.purpose + (a.planStepLabel ? ` (${a.planStepLabel})` : ''),
                },
                {
                  key: 'actions',
                  header: 'Actions',
                  render: (a) =>
                    canRequest && a.status === 'requested' ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        pending={withdraw.isPending}
                        onClick={() => withdraw.mutate(a)}
                        aria-label={`Retirer la demande : ${aidKindLabels[a.kind]}, ${formatCents(a.amountCents)}`}
                      >
                        Retirer
                      </Button>
                    ) : null,
                },
              ]}
            />
          )}
          {withdraw.isError ? (
            <ErrorState title="La demande n’a pas été retirée." error={withdraw.error} />
          ) : null}
          {canRequest ? (
            aids.data.contracts.length > 0 ? (
              <AidRequestForm personId={personId} contracts={aids.data.contracts} onDone={setMessage} />
            ) : (
              <p>
                Une aide se demande sur un contrat d’engagement signé ou en vigueur : la personne n’en a pas.
              </p>
            )
          ) : null}
        </>
      )}
    </Section>
  );
}
