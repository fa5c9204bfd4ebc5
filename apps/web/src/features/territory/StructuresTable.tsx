import { type Structure, structureKindLabels } from '@parcours/contracts';
import { Link } from 'react-router';
import { plural } from '../../lib/format';
import { Badge, Button, type Column, Table, VisuallyHidden } from '../../ui';

/** The structure directory; the action column appears for those who may edit (`onEdit`). */
export function StructuresTable({
  structures,
  communeNames,
  canSeeAccounts,
  onEdit,
}: {
  structures: Structure[];
  /** INSEE code → commune name. */
  communeNames: Map<string, string>;
  canSeeAccounts: boolean;
  onEdit?: ((structure: Structure) => void) | undefined;
}) {
  const agents = (s: Structure) => plural(s.agentCount, 'agent', 'agents');
  const columns: Column<Structure>[] = [
    { key: 'name', header: 'Nom', rowHeader: true, render: (s) => s.name },
    { key: 'kind', header: 'Type', render: (s) => structureKindLabels[s.kind] },
    { key: 'hub', header: 'Pôle d’insertion', render: (s) => s.hubName ?? '—' },
    {
      key: 'commune',
      header: 'Commune',
      render: (s) => (s.communeCode ? (communeNames.get(s.communeCode) ?? s.communeCode) : '—'),
    },
    {
      key: 'contact',
      header: 'Coordonnées',
      render: (s) =>
        s.address || s.email || s.phone ? (
          <ul className="plain-list">
            {s.address ? <li>{s.address}</li> : null}
            {s.email ? <li>{s.email}</li> : null}
            {s.phone ? <li>{s.phone}</li> : null}
          </ul>
        ) : (
          '—'
        ),
    },
    {
      key: 'agents',
      header: 'Agents',
      render: (s) =>
        canSeeAccounts ? (
          <Link to={`/administration/comptes?structureId=${encodeURIComponent(s.id)}`}>
            {agents(s)}
            <VisuallyHidden> de {s.name}</VisuallyHidden>
          </Link>
        ) : (
          agents(s)
        ),
    },
    {
      key: 'state',
      header: 'État',
      render: (s) => (s.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>),
    },
  ];
  if (onEdit) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (s) => (
        <Button variant="secondary" size="sm" onClick={() => onEdit(s)}>
          Modifier<VisuallyHidden> {s.name}</VisuallyHidden>
        </Button>
      ),
    });
  }

  return (
    <Table
      caption={`Structures : ${plural(structures.length, 'résultat', 'résultats')}`}
      columns={columns}
      rows={structures}
      rowKey={(s) => s.id}
      rowClassName={(s) => (s.active ? undefined : 'row--muted')}
    />
  );
}
