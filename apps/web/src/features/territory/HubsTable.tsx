import type { Hub } from '@parcours/contracts';
import { Button, type Column, Table, VisuallyHidden } from '../../ui';

/** The pôles d’insertion with their commune count; renaming is offered to those who may (`onRename`). */
export function HubsTable({
  hubs,
  onShowCommunes,
  onRename,
}: {
  hubs: Hub[];
  onShowCommunes: (hub: Hub) => void;
  onRename?: ((hub: Hub) => void) | undefined;
}) {
  const columns: Column<Hub>[] = [
    { key: 'name', header: 'Pôle d’insertion', rowHeader: true, render: (hub) => hub.name },
    { key: 'code', header: 'Code', render: (hub) => hub.code },
    {
      key: 'count',
      header: 'Communes rattachées',
      render: (hub) => hub.communeCount.toLocaleString('fr-FR'),
    },
    {
      key: 'actions',
      header: 'Actions',
      render: (hub) => (
        <div className="row-actions">
          <Button variant="tertiary" size="sm" onClick={() => onShowCommunes(hub)}>
            Voir les communes<VisuallyHidden> du pôle {hub.name}</VisuallyHidden>
          </Button>
          {onRename ? (
            <Button variant="secondary" size="sm" onClick={() => onRename(hub)}>
              Renommer<VisuallyHidden> le pôle {hub.name}</VisuallyHidden>
            </Button>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <Table
      caption={`Pôles d’insertion (${hubs.length})`}
      captionHidden
      columns={columns}
      rows={hubs}
      rowKey={(hub) => hub.id}
    />
  );
}
