import { hoursLabel, type ImmersionSummary, immersionStatusLabels } from '@parcours/contracts';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { Badge, ButtonLink, EmptyState, ErrorState, Loading, Section, Table } from '../../ui';
import { useKeptOrigin } from '../../ui/BackLink';
import { useCan } from '../auth/session';
import { usePersonImmersions } from './api';
import { immersionStatusTones } from './labels';

/** The person's PMSMP conventions on their file, with « Nouvelle immersion » for those who write them. */
export function ImmersionsSection({ personId }: { personId: string }) {
  const canRead = useCan('immersion.read');
  const canWrite = useCan('immersion.write');
  const list = usePersonImmersions(personId, canRead);
  const origin = useKeptOrigin();
  if (!canRead) return null;
  return (
    <Section id="immersions" title="Immersions (PMSMP)">
      {list.isPending ? (
        <Loading label="Chargement des immersions…" />
      ) : list.isError ? (
        <ErrorState
          title="Les immersions n’ont pas pu être chargées."
          error={list.error}
          onRetry={() => list.refetch()}
        />
      ) : list.data.items.length === 0 ? (
        <EmptyState title="Aucune immersion en milieu professionnel." />
      ) : (
        <Table<ImmersionSummary>
          caption="Immersions de la personne, la plus récente en premier"
          captionHidden
          rows={list.data.items}
          rowKey={(i) => i.id}
          columns={[
            {
              key: 'job',
              header: 'Immersion',
              rowHeader: true,
              render: (i) => (
                <Link to={`/personnes/${personId}/immersions/${i.id}`} state={origin}>
                  {i.jobLabel} chez {i.hostName}
                  {i.renewalOf ? ' (renouvellement)' : ''}
                </Link>
              ),
            },
            {
              key: 'status',
              header: 'Statut',
              render: (i) => (
                <Badge tone={immersionStatusTones[i.status]}>{immersionStatusLabels[i.status]}</Badge>
              ),
            },
            {
              key: 'dates',
              header: 'Dates',
              render: (i) => `du ${formatDate(i.startDate)} au ${formatDate(i.endDate)}`,
            },
            { key: 'hours', header: 'Par semaine', render: (i) => hoursLabel(i.weeklyHours) },
          ]}
        />
      )}
      {canWrite ? (
        <p>
          <ButtonLink to={`/personnes/${personId}/immersions/nouvelle`} state={origin}>
            Nouvelle immersion
          </ButtonLink>
        </p>
      ) : null}
    </Section>
  );
}
