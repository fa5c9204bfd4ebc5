import { type OperatorReferralSummary, type ReferralStatus, referralStatuses } from '@parcours/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import {
  Badge,
  EmptyState,
  ErrorState,
  FilterActions,
  FilterForm,
  Loading,
  PageHeader,
  SelectField,
  Table,
} from '../../ui';
import { referralStatusLabel, referralStatusTones } from '../referrals/labels';
import { type OperatorFilters, useOperatorActions, useOperatorReferrals } from './api';

const civilityLabel = (c: string | null) =>
  c === 'MME' ? 'Mme' : c === 'MR' || c === 'M' ? 'M.' : (c ?? '');

export const referredName = (p: OperatorReferralSummary['person']) =>
  [civilityLabel(p.civility), p.firstName, p.lastName].filter(Boolean).join(' ');

/** « Fiches de liaison reçues »: the referrals to the operator's actions, the unanswered first. */
export function OperatorReferralsPage() {
  const [draft, setDraft] = useState<OperatorFilters>({});
  const [filters, setFilters] = useState<OperatorFilters>({});
  const referrals = useOperatorReferrals(filters);
  const actions = useOperatorActions();
  const sessions = actions.data?.find((a) => a.id === draft.actionId)?.sessions ?? [];
  const waiting = referrals.data?.filter((r) => r.status === 'sent').length ?? 0;
  const overdue = referrals.data?.filter((r) => r.overdue).length ?? 0;
  const filtered = Boolean(filters.status || filters.actionId || filters.sessionId);
  return (
    <>
      <PageHeader
        title="Fiches de liaison reçues"
        description={
          <p>
            Les personnes orientées par leur référent vers les actions de votre structure. Répondez à chaque
            fiche, puis indiquez l’entrée, les présences et la sortie. Vous ne voyez que ce qui est nécessaire
            à l’accueil de la personne.
          </p>
        }
      />
      <FilterForm label="Filtrer les fiches de liaison" onSubmit={() => setFilters(draft)}>
        <SelectField
          label="Statut"
          value={draft.status ?? ''}
          onChange={(v) =>
            setDraft((d) => ({ ...d, status: (v || undefined) as ReferralStatus | undefined }))
          }
          placeholder="Tous"
          options={referralStatuses.map((s) => ({ value: s, label: referralStatusLabel(s) }))}
        />
        <SelectField
          label="Action"
          value={draft.actionId ?? ''}
          onChange={(v) => setDraft((d) => ({ ...d, actionId: v || undefined, sessionId: undefined }))}
          placeholder="Toutes"
          options={(actions.data ?? []).map((a) => ({ value: a.id, label: `${a.code} — ${a.title}` }))}
        />
        <SelectField
          label="Session"
          value={draft.sessionId ?? ''}
          onChange={(v) => setDraft((d) => ({ ...d, sessionId: v || undefined }))}
          placeholder="Toutes"
          options={sessions.map((s) => ({ value: s.id, label: `${s.label} (${formatDate(s.startsOn)})` }))}
        />
        <FilterActions
          submitLabel="Filtrer"
          onReset={
            filtered
              ? () => {
                  setDraft({});
                  setFilters({});
                }
              : undefined
          }
        />
      </FilterForm>
      {referrals.isPending ? (
        <Loading label="Chargement des fiches de liaison…" />
      ) : referrals.isError ? (
        <ErrorState error={referrals.error} onRetry={() => referrals.refetch()} />
      ) : referrals.data.length === 0 ? (
        <EmptyState title="Aucune fiche de liaison." />
      ) : (
        <>
          <p>
            {waiting === 0
              ? 'Toutes les fiches ont reçu une réponse.'
              : `${waiting} fiche${waiting > 1 ? 's' : ''} en attente de réponse`}
            {overdue > 0 ? `, dont ${overdue} au-delà du délai de réponse.` : waiting > 0 ? '.' : ''}
          </p>
          <Table<OperatorReferralSummary>
            caption="Fiches de liaison reçues, les fiches sans réponse en premier"
            captionHidden
            rows={referrals.data}
            rowKey={(r) => r.id}
            columns={[
              {
                key: 'person',
                header: 'Personne',
                rowHeader: true,
                render: (r) => (
                  <Link to={`/operateur/fiches/${r.id}`}>
                    {referredName(r.person)}
                    <span className="muted"> · naissance en {r.person.birthDate.slice(0, 4)}</span>
                  </Link>
                ),
              },
              { key: 'action', header: 'Action', render: (r) => `${r.action.code} — ${r.action.title}` },
              {
                key: 'session',
                header: 'Session',
                render: (r) =>
                  r.session ? `${r.session.label} (${formatDate(r.session.startsOn)})` : 'Entrée permanente',
              },
              { key: 'sent', header: 'Reçue le', render: (r) => formatDate(r.sentOn) },
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
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
