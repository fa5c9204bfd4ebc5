import type { FluxRun } from '@parcours/contracts';
import { formatDateTime, formatNumber, plural } from '../../lib/format';
import { Badge, Button, type Column, EmptyState, ErrorState, Loading, Table, VisuallyHidden } from '../../ui';
import { fluxStatusLabels, fluxStatusTones, useFluxRuns } from './api';

/** The list of earlier imports, most recent first, each with a button to show its report. */
export function FluxRunsSection({
  selected,
  onShow,
}: {
  selected: string | null;
  onShow: (id: string) => void;
}) {
  const runs = useFluxRuns();
  const columns: Column<FluxRun>[] = [
    {
      key: 'date',
      header: 'Date',
      rowHeader: true,
      render: (r) => <time dateTime={r.startedAt}>{formatDateTime(r.startedAt)}</time>,
    },
    { key: 'file', header: 'Fichier', render: (r) => <span className="break">{r.fileName}</span> },
    { key: 'actor', header: 'Importé par', render: (r) => r.actorName ?? 'Traitement automatique' },
    {
      key: 'status',
      header: 'Statut',
      render: (r) => <Badge tone={fluxStatusTones[r.status]}>{fluxStatusLabels[r.status]}</Badge>,
    },
    {
      key: 'households',
      header: 'Foyers',
      render: (r) =>
        r.report && r.status === 'applied' ? (
          <CountCell created={r.report.households.created} updated={r.report.households.updated} />
        ) : (
          '—'
        ),
    },
    {
      key: 'persons',
      header: 'Personnes',
      render: (r) =>
        r.report && r.status === 'applied' ? (
          <CountCell created={r.report.persons.created} updated={r.report.persons.updated} />
        ) : (
          '—'
        ),
    },
    {
      key: 'entrants',
      header: 'Nouveaux entrants',
      render: (r) => (r.report && r.status === 'applied' ? formatNumber(r.report.newEntrants) : '—'),
    },
    {
      key: 'errors',
      header: 'Erreurs',
      render: (r) => (r.report ? formatNumber(r.report.rejectedCount) : '—'),
    },
    {
      key: 'report',
      header: 'Rapport',
      render: (r) =>
        r.id === selected ? (
          <span className="muted">Affiché ci-dessus</span>
        ) : (
          <Button variant="tertiary" size="sm" onClick={() => onShow(r.id)}>
            Voir le rapport
            <VisuallyHidden>
              {' '}
              du fichier {r.fileName} du {formatDateTime(r.startedAt)}
            </VisuallyHidden>
          </Button>
        ),
    },
  ];

  return (
    <section className="section" aria-labelledby="imports">
      <div className="section-header">
        <h2 id="imports">Imports précédents</h2>
        <Button variant="secondary" size="sm" pending={runs.isFetching} onClick={() => void runs.refetch()}>
          Actualiser la liste
        </Button>
      </div>
      {runs.isPending ? (
        <Loading label="Chargement des imports…" />
      ) : runs.isError && !runs.data ? (
        <ErrorState error={runs.error} onRetry={() => runs.refetch()} />
      ) : runs.data.length === 0 ? (
        <EmptyState title="Aucun fichier n’a encore été importé." />
      ) : (
        <Table
          caption={`Imports de flux, du plus récent au plus ancien (${plural(runs.data.length, 'import', 'imports')})`}
          captionHidden
          columns={columns}
          rows={[...runs.data].sort((a, b) => b.startedAt.localeCompare(a.startedAt))}
          rowKey={(r) => r.id}
          rowClassName={(r) => (r.id === selected ? 'row--selected' : undefined)}
        />
      )}
    </section>
  );
}

function CountCell({ created, updated }: { created: number; updated: number }) {
  return (
    <>
      {plural(created, 'créé', 'créés')}
      <br />
      {formatNumber(updated)} mis à jour
    </>
  );
}
