import { coordinateSourceLabels, type Rectification, rectifiedFieldLabels } from '@parcours/contracts';
import { formatDateTime } from '../../../lib/format';
import { type Column, Table } from '../../../ui';

const columns: Column<Rectification>[] = [
  { key: 'at', header: 'Date', render: (r) => <time dateTime={r.at}>{formatDateTime(r.at)}</time> },
  {
    key: 'field',
    header: 'Information',
    rowHeader: true,
    render: (r) => rectifiedFieldLabels[r.field] ?? r.field,
  },
  { key: 'old', header: 'Ancienne valeur', render: (r) => r.oldValue ?? '—' },
  { key: 'new', header: 'Nouvelle valeur', render: (r) => r.newValue ?? '—' },
  {
    key: 'source',
    header: 'Source',
    render: (r) => coordinateSourceLabels[r.source] ?? r.source,
  },
  {
    key: 'author',
    header: 'Auteur',
    render: (r) => r.authorName ?? (r.source === 'flux' ? 'Flux CAF' : '—'),
  },
];

/** The rectification log of the coordinates (RGPD): every change, who, when, from which source. */
export function RectificationHistory({ rows }: { rows: Rectification[] }) {
  return (
    <>
      <h3>Historique des rectifications</h3>
      {rows.length === 0 ? (
        <p className="muted">Aucune rectification des coordonnées n’a été enregistrée.</p>
      ) : (
        <Table
          caption="Historique des rectifications"
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
        />
      )}
    </>
  );
}
