import type { ContractSummary } from '@parcours/contracts';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { Badge, ButtonLink, EmptyState, ErrorState, Loading, Section, Table } from '../../ui';
import { useKeptOrigin } from '../../ui/BackLink';
import { useCan } from '../auth/session';
import { usePersonContracts } from './api';
import { contractStatusLabel, contractStatusTones, contractTitle, weeklyLabel } from './labels';

/** The person's contracts of engagement on their file, with « Nouveau contrat » for those who write them. */
export function ContractsSection({ personId }: { personId: string }) {
  const canRead = useCan('contract.read');
  const canWrite = useCan('contract.write');
  const contracts = usePersonContracts(personId, canRead);
  const origin = useKeptOrigin();
  if (!canRead) return null;

  return (
    <Section id="contrats" title="Contrats d’engagement">
      {contracts.isPending ? (
        <Loading label="Chargement des contrats…" />
      ) : contracts.isError ? (
        <ErrorState
          title="Les contrats n’ont pas pu être chargés."
          error={contracts.error}
          onRetry={() => contracts.refetch()}
        />
      ) : contracts.data.items.length === 0 ? (
        <EmptyState title="Aucun contrat d’engagement.">
          {contracts.data.referentName ? <p>Référent unique : {contracts.data.referentName}.</p> : null}
        </EmptyState>
      ) : (
        <Table<ContractSummary>
          caption="Contrats d’engagement de la personne, le plus récent en premier"
          captionHidden
          rows={[...contracts.data.items].sort((a, b) => b.startDate.localeCompare(a.startDate))}
          rowKey={(c) => c.id}
          columns={[
            {
              key: 'title',
              header: 'Contrat',
              rowHeader: true,
              render: (c) => (
                <Link to={`/personnes/${personId}/contrats/${c.id}`} state={origin}>
                  {contractTitle(c)}
                </Link>
              ),
            },
            {
              key: 'status',
              header: 'Statut',
              render: (c) => (
                <>
                  <Badge tone={contractStatusTones[c.status]}>{contractStatusLabel(c.status)}</Badge>
                  {c.signedOn ? <span className="muted"> · signé le {formatDate(c.signedOn)}</span> : null}
                </>
              ),
            },
            { key: 'duration', header: 'Durée', render: (c) => c.durationLabel },
            { key: 'hours', header: 'Activité hebdomadaire', render: (c) => weeklyLabel(c) },
            {
              key: 'referent',
              header: 'Référent',
              render: (c) => (
                <>
                  {c.referentName ?? '—'}
                  {c.structureName ? <span className="muted"> · {c.structureName}</span> : null}
                </>
              ),
            },
          ]}
        />
      )}
      {canWrite ? (
        <p>
          <ButtonLink to={`/personnes/${personId}/contrats/nouveau`} state={origin}>
            Nouveau contrat
          </ButtonLink>
        </p>
      ) : null}
    </Section>
  );
}
