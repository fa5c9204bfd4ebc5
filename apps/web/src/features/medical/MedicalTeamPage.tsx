import {
  type MedicalReferralStatus,
  type MedicalReferralSummary,
  medicalReferralStatusLabels,
} from '@parcours/contracts';
import { Link, useSearchParams } from 'react-router';
import { formatDate, plural } from '../../lib/format';
import {
  Badge,
  type Column,
  EmptyState,
  ErrorState,
  FilterLinks,
  Loading,
  PageHeader,
  Table,
} from '../../ui';
import { personName } from '../persons/labels';
import { type MedicalFilter, medicalFilters, useMedicalReferrals } from './api';

const filterLabels: Record<MedicalFilter, string> = {
  open: 'À traiter',
  completed: 'Avis rendus',
  all: 'Toutes les demandes',
};
const emptyTitles: Record<MedicalFilter, string> = {
  open: 'Aucune demande d’avis n’est à traiter.',
  completed: 'Aucun avis n’a encore été rendu.',
  all: 'Aucune demande d’avis n’a été adressée à l’équipe médicale du pôle.',
};

export const referralStatusTones: Record<
  MedicalReferralStatus,
  'neutral' | 'success' | 'warning' | 'danger'
> = {
  requested: 'warning',
  in_progress: 'neutral',
  completed: 'success',
  cancelled: 'neutral',
};

function isFilter(value: string | null): value is MedicalFilter {
  return !!value && (medicalFilters as readonly string[]).includes(value);
}

/** Demandes d'avis adressées à l'équipe médicale du pôle. */
export function MedicalTeamPage() {
  const [params] = useSearchParams();
  const raw = params.get('statut');
  const status: MedicalFilter = isFilter(raw) ? raw : 'open';
  const referrals = useMedicalReferrals(status);

  const columns: Column<MedicalReferralSummary>[] = [
    {
      key: 'person',
      header: 'Personne',
      rowHeader: true,
      render: (r) => (
        <Link to={`/equipe-medicale/${encodeURIComponent(r.id)}`}>
          {personName(r.person)}
          <span className="sr-only"> : ouvrir la demande du {formatDate(r.requestedOn)}</span>
        </Link>
      ),
    },
    {
      key: 'birth',
      header: 'Date de naissance',
      nowrap: true,
      render: (r) => formatDate(r.person.birthDate),
    },
    { key: 'requested', header: 'Demande du', nowrap: true, render: (r) => formatDate(r.requestedOn) },
    { key: 'by', header: 'Adressée par', render: (r) => r.requestedByName ?? '—' },
    { key: 'reason', header: 'Motif', render: (r) => r.requestReason },
    {
      key: 'status',
      header: 'État',
      render: (r) => (
        <Badge tone={referralStatusTones[r.status]}>{medicalReferralStatusLabels[r.status]}</Badge>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Équipe médicale"
        description={
          <p>
            Les demandes d’avis adressées à l’équipe médicale de votre pôle, de la plus ancienne à la plus
            récente. Les informations médicales ne sont visibles que par l’équipe médicale ; les autres agents
            ne voient que la recommandation.
          </p>
        }
      />
      <FilterLinks
        label="Afficher les demandes"
        items={medicalFilters.map((f) => ({
          key: f,
          to: f === 'open' ? '/equipe-medicale' : `/equipe-medicale?statut=${f}`,
          label: filterLabels[f],
          current: f === status,
        }))}
      />
      <section aria-labelledby="liste-demandes">
        <h2 id="liste-demandes" className="sr-only">
          Demandes : {filterLabels[status].toLowerCase()}
        </h2>
        {referrals.isPending ? (
          <Loading label="Chargement des demandes d’avis…" />
        ) : referrals.isError ? (
          <ErrorState error={referrals.error} onRetry={() => referrals.refetch()} />
        ) : referrals.data.length === 0 ? (
          <EmptyState title={emptyTitles[status]} />
        ) : (
          <Table
            caption={`Demandes d’avis (${plural(referrals.data.length, 'demande', 'demandes')})`}
            columns={columns}
            rows={referrals.data}
            rowKey={(r) => r.id}
          />
        )}
      </section>
    </>
  );
}
