import { allowedTargets, type OperatorReferral, presenceLabels, referralWorkflow } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import {
  Badge,
  EmptyState,
  ErrorState,
  Item,
  LiveMessage,
  Loading,
  PageHeader,
  Section,
  Table,
} from '../../ui';
import { BackLink } from '../../ui/BackLink';
import { referralStatusLabel, referralStatusTones, weeklyHoursLabel } from '../referrals/labels';
import { AttendanceForm } from './AttendanceForm';
import { operatorKeys, useOperatorReferral } from './api';
import { referredName } from './OperatorReferralsPage';
import { AnswerPanel, EntryForm, ExitForm } from './ReferralMoves';

const hoursFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** One fiche de liaison received: the minimum data of the person, the answer, entry, attendance, exit. */
export function OperatorReferralPage() {
  const { id = '' } = useParams();
  const referral = useOperatorReferral(id);
  return (
    <>
      <BackLink fallback={{ to: '/operateur', label: 'Retour aux fiches de liaison reçues' }} />
      {referral.isPending ? (
        <Loading label="Chargement de la fiche de liaison…" />
      ) : referral.isError ? (
        isApiError(referral.error) && [403, 404].includes(referral.error.status) ? (
          <>
            <PageHeader title="Fiche de liaison" />
            <EmptyState title={referral.error.message} />
          </>
        ) : (
          <ErrorState error={referral.error} onRetry={() => referral.refetch()} />
        )
      ) : (
        <ReferralView referral={referral.data} />
      )}
    </>
  );
}

function ReferralView({ referral: r }: { referral: OperatorReferral }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  // The operator's moves only: the référent's cancellation is not offered here.
  const targets = allowedTargets(referralWorkflow, r.status, 'operator');
  const saved = (next: OperatorReferral, text: string) => {
    queryClient.setQueryData(operatorKeys.referral(next.id), next);
    void queryClient.invalidateQueries({ queryKey: ['operator', 'list'] });
    setMessage(text);
  };
  const p = r.person;
  return (
    <>
      <PageHeader
        title={`Fiche de liaison — ${referredName(p)}`}
        description={
          <p>
            <Badge tone={referralStatusTones[r.status]}>{referralStatusLabel(r.status)}</Badge>{' '}
            {r.overdue ? (
              <Badge tone="warning">Sans réponse depuis le {formatDate(r.answerDueOn)}</Badge>
            ) : null}
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      <Section id="personne" title="La personne">
        <dl className="summary-list">
          <Item label="Nom">{referredName(p)}</Item>
          <Item label="Date de naissance">{formatDate(p.birthDate)}</Item>
          <Item label="Commune">{p.communeName ?? '—'}</Item>
          <Item label="Téléphone">{p.phone ?? 'Non communiqué (pas d’accord de la personne)'}</Item>
          <Item label="E-mail">{p.email ?? 'Non communiqué (pas d’accord de la personne)'}</Item>
        </dl>
      </Section>
      <Section id="orientation" title="L’orientation">
        <dl className="summary-list">
          <Item label="Action">
            {r.action.code} — {r.action.title}
          </Item>
          <Item label="Session">
            {r.session
              ? `${r.session.label}, du ${formatDate(r.session.startsOn)} au ${formatDate(r.session.endsOn)}${r.session.place ? ` · ${r.session.place}` : ''}`
              : 'Entrée permanente'}
          </Item>
          <Item label="Heures par semaine">{weeklyHoursLabel(r.weeklyHours)}</Item>
          <Item label="Référent">
            {r.referrerName ?? '—'}
            {r.referringStructureName ? ` · ${r.referringStructureName}` : ''}
          </Item>
          <Item label="Envoyée le">{formatDate(r.sentOn)}</Item>
          <Item label="Message du référent">{r.message ?? '—'}</Item>
          {r.refusalReason ? <Item label="Motif du refus">{r.refusalReason}</Item> : null}
          {r.cancelReason ? <Item label="Motif de l’annulation">{r.cancelReason}</Item> : null}
          {r.enteredOn ? <Item label="Entrée le">{formatDate(r.enteredOn)}</Item> : null}
          {r.exitLabel ? (
            <Item label="Sortie">
              {r.exitLabel} le {formatDate(r.exitedOn)}
              {r.exitDetail ? ` (${r.exitDetail})` : ''}
            </Item>
          ) : null}
        </dl>
      </Section>
      {targets.includes('accepted') || targets.includes('refused') ? (
        <AnswerPanel referral={r} canAccept={targets.includes('accepted')} onSaved={saved} />
      ) : null}
      {targets.includes('entered') ? <EntryForm referral={r} onSaved={saved} /> : null}
      {r.status === 'entered' || r.status === 'exited' ? (
        <Section id="presences" title="Présences">
          {r.attendance.length === 0 ? (
            <EmptyState title="Aucune présence enregistrée." />
          ) : (
            <Table
              caption="Présences enregistrées, la plus récente en premier"
              captionHidden
              rows={r.attendance}
              rowKey={(a) => a.day}
              columns={[
                { key: 'day', header: 'Jour', rowHeader: true, render: (a) => formatDate(a.day) },
                { key: 'presence', header: 'Présence', render: (a) => presenceLabels[a.presence] },
                {
                  key: 'time',
                  header: 'Temps',
                  render: (a) =>
                    a.hours != null
                      ? `${hoursFormat.format(a.hours)} h`
                      : a.halfDays != null
                        ? `${a.halfDays} demi-journée(s)`
                        : '—',
                },
                { key: 'note', header: 'Remarque', render: (a) => a.note ?? '' },
              ]}
            />
          )}
          <AttendanceForm referral={r} onSaved={saved} />
        </Section>
      ) : null}
      {targets.includes('exited') ? <ExitForm referral={r} onSaved={saved} /> : null}
    </>
  );
}
