import type { PersonFile } from '@parcours/contracts';
import { formatDate } from '../../../lib/format';
import { Badge, type Column, EmptyState, Section, Table } from '../../../ui';
import { sourceLabel, yesNo } from '../labels';

type RightsPeriod = PersonFile['rights'][number];

export function RightsSection({ rights }: { rights: RightsPeriod[] }) {
  const rows = [...rights].sort((a, b) => b.from.localeCompare(a.from));
  const columns: Column<RightsPeriod>[] = [
    {
      key: 'from',
      header: 'Du',
      rowHeader: true,
      render: (r) => <time dateTime={r.from}>{formatDate(r.from)}</time>,
    },
    {
      key: 'to',
      header: 'Au',
      render: (r) => (r.to ? <time dateTime={r.to}>{formatDate(r.to)}</time> : 'en cours'),
    },
    { key: 'status', header: 'État', render: (r) => r.statusLabel || r.status },
    {
      key: 'open',
      header: 'Ouverts',
      render: (r) => (r.open ? <Badge tone="success">Oui</Badge> : <Badge>Non</Badge>),
    },
    { key: 'duties', header: 'Soumis aux droits et devoirs', render: (r) => yesNo(r.subjectToDuties) },
    { key: 'source', header: 'Origine', render: (r) => sourceLabel(r.source) },
  ];
  return (
    <Section id="droits" title="Droits">
      {rows.length === 0 ? (
        <EmptyState title="Aucun historique de droits n’est enregistré." />
      ) : (
        <Table
          caption="Historique des droits au RSA, du plus récent au plus ancien"
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(r) => `${r.from}-${r.status}-${r.source}`}
        />
      )}
    </Section>
  );
}
