import { useState } from 'react';
import { formatDateTime, formatDuration, formatNumber, plural } from '../../lib/format';
import { Alert, Button, type Column, Table, VisuallyHidden } from '../../ui';
import { type HistoryReport, type RejectedLine, readTotal } from './api';
import { counterLabel, kindLabel, statusLabel as labelOfStatus } from './labels';

const rejectedPage = 200;

/** The report of one history file: counts per kind of line, rejected lines, outcome. */
export function HistoryReportView({
  report,
  at,
  onApplyValid = null,
  busy = false,
}: {
  report: HistoryReport;
  at: string | null;
  /** Sends the same file again, applying its valid lines; null when not offered. */
  onApplyValid?: (() => void) | null;
  busy?: boolean;
}) {
  const [shownLines, setShownLines] = useState(rejectedPage);
  const statusLabel = labelOfStatus(report.status);

  let alert = null;
  if (report.status === 'rejected') {
    alert = (
      <Alert tone="error" title="Fichier rejeté : aucune donnée n’a été appliquée" live="off">
        {report.message ? <p>{report.message}</p> : null}
        <p>
          {plural(report.rejectedCount, 'ligne est refusée', 'lignes sont refusées')} (ligne, champ et motif
          ci-dessous). Corrigez le fichier et importez-le à nouveau, ou appliquez les lignes valides : les
          lignes refusées (dont les conflits d’identité) ne seront pas enregistrées.
        </p>
        {onApplyValid ? (
          <p>
            <Button variant="secondary" pending={busy} onClick={onApplyValid}>
              Appliquer les lignes valides
            </Button>
          </p>
        ) : null}
      </Alert>
    );
  } else if (report.status === 'duplicate' || report.status === 'already_imported') {
    alert = (
      <Alert tone="info" title="Fichier déjà importé : rien n’a été appliqué de nouveau" live="off">
        {report.message ? <p>{report.message}</p> : null}
      </Alert>
    );
  } else if (report.status === 'applied') {
    alert = (
      <Alert
        tone={report.rejectedCount > 0 ? 'warning' : 'success'}
        title={
          report.rejectedCount > 0
            ? `Historique appliqué, sauf ${plural(report.rejectedCount, 'ligne rejetée', 'lignes rejetées')}`
            : 'Historique appliqué'
        }
        live="off"
      >
        {report.message ? <p>{report.message}</p> : null}
      </Alert>
    );
  } else {
    alert = (
      <Alert tone="info" title={`État de la reprise : ${statusLabel}`} live="off">
        {report.message ? <p>{report.message}</p> : null}
      </Alert>
    );
  }

  const countColumns: Column<HistoryReport['counts'][number]>[] = [
    { key: 'kind', header: 'Type de ligne', rowHeader: true, render: (c) => kindLabel(c.kind) },
    ...report.counterNames.map((name) => ({
      key: name,
      header: counterLabel(name),
      render: (c: HistoryReport['counts'][number]) =>
        c.values[name] === undefined ? '—' : formatNumber(c.values[name]),
    })),
  ];

  const rejectedColumns: Column<RejectedLine>[] = [
    {
      key: 'line',
      header: 'Ligne',
      rowHeader: true,
      render: (r) => (r.line === null ? '—' : formatNumber(r.line)),
    },
    { key: 'kind', header: 'Type', render: (r) => kindLabel(r.kind) },
    { key: 'field', header: 'Champ', render: (r) => (r.field ? <code>{r.field}</code> : '—') },
    {
      key: 'reason',
      header: 'Motif',
      className: 'cell--wide',
      render: (r) => (r.conflict ? <strong>{r.reason}</strong> : r.reason),
    },
  ];
  const visibleLines = report.rejected.slice(0, shownLines);

  return (
    <div className="report">
      {alert}
      <dl className="summary-list">
        {at ? (
          <div>
            <dt>Date</dt>
            <dd>{formatDateTime(at)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Lignes lues</dt>
          <dd>{formatNumber(readTotal(report))}</dd>
        </div>
        <div>
          <dt>Lignes rejetées</dt>
          <dd>{formatNumber(report.rejectedCount)}</dd>
        </div>
        {report.applyValid !== null ? (
          <div>
            <dt>Lignes valides appliquées malgré les rejets</dt>
            <dd>{report.applyValid ? 'Oui' : 'Non'}</dd>
          </div>
        ) : null}
        {report.durationMs !== null ? (
          <div>
            <dt>Durée</dt>
            <dd>{formatDuration(report.durationMs)}</dd>
          </div>
        ) : null}
      </dl>

      {report.counts.length > 0 ? (
        <Table caption="Lignes par type" columns={countColumns} rows={report.counts} rowKey={(c) => c.kind} />
      ) : (
        <p className="muted">Le rapport ne détaille pas les lignes par type.</p>
      )}

      {report.rejected.length > 0 || report.rejectedCount > 0 ? (
        <section className="report-part" aria-labelledby="lignes-rejetees">
          <h3 id="lignes-rejetees">Lignes rejetées ({formatNumber(report.rejectedCount)})</h3>
          {report.rejectedCount > report.rejected.length ? (
            <p className="muted">
              Le rapport conserve les {formatNumber(report.rejected.length)} premières lignes rejetées.
            </p>
          ) : null}
          {report.rejected.length > 0 ? (
            <Table
              caption="Lignes rejetées, avec leur numéro de ligne dans le fichier"
              captionHidden
              columns={rejectedColumns}
              rows={visibleLines}
              rowKey={(r) => `${r.line ?? ''}|${r.kind ?? ''}|${r.reason}`}
            />
          ) : null}
          {report.rejected.length > visibleLines.length ? (
            <p>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setShownLines((n) => n + rejectedPage * 5)}
              >
                Afficher plus de lignes rejetées
                <VisuallyHidden>
                  {' '}
                  ({formatNumber(report.rejected.length - visibleLines.length)} restantes)
                </VisuallyHidden>
              </Button>
            </p>
          ) : null}
        </section>
      ) : null}

      {report.extras.length > 0 ? (
        <details className="details">
          <summary className="details__summary">Autres informations du rapport</summary>
          <dl className="summary-list">
            {report.extras.map(([key, value]) => (
              <div key={key}>
                <dt>
                  <code>{key}</code>
                </dt>
                <dd className="break">{value}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
