import type { Commune, Hub } from '@parcours/contracts';
import { plural } from '../../lib/format';
import { Badge, type Column, EmptyState, ErrorState, Loading, Table } from '../../ui';
import { useCommunes } from './api';
import { UNASSIGNED } from './CommuneFilters';
import { MoveCommune } from './MoveCommune';

/** The communes matching the filters; those who may manage get a "move to another pôle" form per row. */
export function CommuneList({
  hubs,
  hubId,
  q,
  canManage,
  onMoved,
}: {
  hubs: Hub[];
  hubId: string;
  q: string;
  canManage: boolean;
  onMoved: (commune: Commune) => void;
}) {
  const unassigned = hubId === UNASSIGNED;
  const communes = useCommunes({
    hubId: hubId && !unassigned ? hubId : undefined,
    q: q || undefined,
    unassigned: unassigned || undefined,
  });
  const hubName = hubs.find((hub) => hub.id === hubId)?.name;

  if (communes.isPending) return <Loading label="Chargement des communes…" />;
  if (communes.isError) return <ErrorState error={communes.error} onRetry={() => communes.refetch()} />;

  const scope = unassigned
    ? 'Communes sans pôle'
    : hubName
      ? `Communes du pôle ${hubName}`
      : 'Toutes les communes';
  const caption = `${scope}${q ? ` correspondant à « ${q} »` : ''} : ${plural(communes.data.length, 'commune', 'communes')}`;

  if (communes.data.length === 0) {
    return (
      <EmptyState
        title={
          unassigned && !q ? 'Toutes les communes sont rattachées à un pôle.' : 'Aucune commune trouvée.'
        }
      >
        {q ? <p>Vérifiez l’orthographe ou cherchez par code INSEE ou code postal.</p> : null}
      </EmptyState>
    );
  }

  const columns: Column<Commune>[] = [
    { key: 'name', header: 'Commune', rowHeader: true, render: (c) => c.name },
    { key: 'insee', header: 'Code INSEE', render: (c) => c.inseeCode },
    { key: 'postal', header: 'Codes postaux', render: (c) => c.postalCodes.join(', ') || '—' },
    {
      key: 'hub',
      header: 'Pôle d’insertion',
      render: (c) => c.hubName ?? <Badge tone="warning">Sans pôle</Badge>,
    },
  ];
  if (canManage) {
    columns.push({
      key: 'move',
      header: 'Rattacher à un autre pôle',
      render: (c) => <MoveCommune commune={c} hubs={hubs} onMoved={onMoved} />,
    });
  }

  return <Table caption={caption} columns={columns} rows={communes.data} rowKey={(c) => c.inseeCode} />;
}
