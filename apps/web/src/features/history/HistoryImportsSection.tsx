import { formatDateTime, formatNumber, plural } from '../../lib/format';
import { Badge, Button, type Column, EmptyState, ErrorState, Loading, Table, VisuallyHidden } from '../../ui';
import { type HistoryImport, normaliseReport, readTotal, useHistoryImports } from './api';
import { statusLabel, statusTones } from './labels';

/** The list of earlier history imports, most recent first, each with a button to show its report. */
export function HistoryImportsSection({
  shownKey,
  onShow,
}: {
  shownKey: string | null;
  onShow: (item: HistoryImport) => void;
}) {
  const imports = useHistoryImports();
  const columns: Column<HistoryImport>[] = [
    {
      key: 'date',
      header: 'Date',
      rowHeader: true,
      render: (i) => <time dateTime={i.startedAt}>{formatDateTime(i.startedAt)}</time>,
    },
    { key: 'file', header: 'Fichier', render: (i) => <span className="break">{i.fileName}</span> },
    {
      key: 'status',
      header: 'Statut',
      render: (i) => <Badge tone={statusTones[i.status] ?? 'neutral'}>{statusLabel(i.status)}</Badge>,
    },
    {
      key: 'read',
      header: 'Lignes lues',
      render: (i) => formatNumber(readTotal(normaliseReport(i.report, i.status))),
    },
    {
      key: 'rejected',
      header: 'Lignes rejetées',
      render: (i) => formatNumber(normaliseReport(i.report, i.status).rejectedCount),
    },
    {
      key: 'report',
      header: 'Rapport',
      render: (i) =>
        i.id === shownKey ? (
          <span className="muted">Affiché ci-dessus</span>
        ) : i.report ? (
          <Button variant="tertiary" size="sm" onClick={() => onShow(i)}>
            Voir le rapport
            <VisuallyHidden>
              {' '}
              du fichier {i.fileName} du {formatDateTime(i.startedAt)}
            </VisuallyHidden>
          </Button>
        ) : (
          <span className="muted">Non disponible</span>
        ),
    },
  ];

  return (
    <section className="section" aria-labelledby="reprises">
      <h2 id="reprises">Reprises précédentes</h2>
      {imports.isPending ? (
        <Loading label="Chargement des reprises…" />
      ) : imports.isError ? (
        <ErrorState error={imports.error} onRetry={() => imports.refetch()} />
      ) : imports.data.length === 0 ? (
        <EmptyState title="Aucun historique n’a encore été importé." />
      ) : (
        <Table
          caption={`Reprises de l’historique, de la plus récente à la plus ancienne (${plural(imports.data.length, 'reprise', 'reprises')})`}
          captionHidden
          columns={columns}
          rows={[...imports.data].sort((a, b) => b.startedAt.localeCompare(a.startedAt))}
          rowKey={(i) => i.id}
          rowClassName={(i) => (i.id === shownKey ? 'row--selected' : undefined)}
        />
      )}
    </section>
  );
}
