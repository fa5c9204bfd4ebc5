import type { Referral } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { Badge, Button, EmptyState, ErrorState, LiveMessage, Loading, Section, Table } from '../../ui';
import { useCan } from '../auth/session';
import { usePersonReferrals } from './api';
import { CancelReferralDialog } from './CancelReferralDialog';
import { referralStatusLabel, referralStatusTones, weeklyHoursLabel } from './labels';
import { ReferralDialog } from './ReferralDialog';

function datesOf(r: Referral) {
  const parts = [`envoyée le ${formatDate(r.sentOn)}`];
  if (r.enteredOn) parts.push(`entrée le ${formatDate(r.enteredOn)}`);
  if (r.exitedOn) parts.push(`sortie le ${formatDate(r.exitedOn)}`);
  return parts.join(' · ');
}

/** The person's fiches de liaison on their file, « Orienter vers une action » for those who refer. */
export function ReferralsSection({
  personId,
  communeCode,
}: {
  personId: string;
  communeCode: string | null;
}) {
  const canRead = useCan('referral.read');
  const canWrite = useCan('referral.write');
  const referrals = usePersonReferrals(personId, canRead);
  const [open, setOpen] = useState(false);
  const [cancelling, setCancelling] = useState<Referral | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!canRead) return null;
  return (
    <Section id="fiches-de-liaison" title="Fiches de liaison">
      <LiveMessage>{message}</LiveMessage>
      {referrals.isPending ? (
        <Loading label="Chargement des fiches de liaison…" />
      ) : referrals.isError ? (
        <ErrorState
          title="Les fiches de liaison n’ont pas pu être chargées."
          error={referrals.error}
          onRetry={() => referrals.refetch()}
        />
      ) : referrals.data.length === 0 ? (
        <EmptyState title="Aucune fiche de liaison." />
      ) : (
        <Table<Referral>
          caption="Fiches de liaison de la personne, la plus récente en premier"
          captionHidden
          rows={referrals.data}
          rowKey={(r) => r.id}
          columns={[
            {
              key: 'action',
              header: 'Action',
              rowHeader: true,
              render: (r) => (
                <>
                  {r.action.code} — {r.action.title}
                  {r.operatorNames.length ? (
                    <span className="muted"> · {r.operatorNames.join(', ')}</span>
                  ) : null}
                </>
              ),
            },
            {
              key: 'session',
              header: 'Session',
              render: (r) =>
                r.session
                  ? `${r.session.label} (du ${formatDate(r.session.startsOn)} au ${formatDate(r.session.endsOn)})`
                  : 'Entrée permanente',
            },
            {
              key: 'status',
              header: 'Statut',
              render: (r) => (
                <>
                  <Badge tone={referralStatusTones[r.status]}>{referralStatusLabel(r.status)}</Badge>
                  {r.overdue ? (
                    <>
                      {' '}
                      <Badge tone="warning">Sans réponse depuis le {formatDate(r.answerDueOn)}</Badge>
                    </>
                  ) : null}
                  {r.refusalReason ? <span className="muted"> · motif : {r.refusalReason}</span> : null}
                  {r.cancelReason ? <span className="muted"> · motif : {r.cancelReason}</span> : null}
                </>
              ),
            },
            { key: 'dates', header: 'Dates', render: datesOf },
            { key: 'hours', header: 'Heures', render: (r) => weeklyHoursLabel(r.weeklyHours) },
            {
              key: 'exit',
              header: 'Sortie',
              render: (r) =>
                r.exitLabel ? `${r.exitLabel}${r.exitDetail ? ` (${r.exitDetail})` : ''}` : '—',
            },
            {
              key: 'act',
              header: 'Actions',
              render: (r) =>
                canWrite && (r.status === 'sent' || r.status === 'accepted') ? (
                  <Button variant="secondary" onClick={() => setCancelling(r)}>
                    Annuler la fiche {r.action.code}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {canWrite ? (
        <p>
          <Button onClick={() => setOpen(true)}>Orienter vers une action</Button>
        </p>
      ) : null}
      <ReferralDialog
        open={open}
        personId={personId}
        communeCode={communeCode}
        onClose={() => setOpen(false)}
        onSent={(r) => {
          setOpen(false);
          setMessage(`Fiche de liaison envoyée : ${r.action.code} — ${r.action.title}.`);
        }}
      />
      {cancelling ? (
        <CancelReferralDialog
          referral={cancelling}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            setMessage('La fiche de liaison est annulée.');
          }}
        />
      ) : null}
    </Section>
  );
}
