import type { FluxReport, FluxRun } from '@parcours/contracts';
import { formatDate, formatDateTime, formatDuration, plural } from '../../lib/format';
import { Alert, Button, Item } from '../../ui';
import { applicationLabels, natFluxLabels, typeFluxLabels } from './api';
import { FluxAppliedDetails } from './FluxAppliedDetails';
import { Anomalies, Errors, IdentityConflicts, Skipped } from './FluxReportTables';

/** "Appliquer les lignes valides": the same file again, its valid households applied. */
export interface ApplyValidAction {
  pending: boolean;
  error: string | null;
  run: () => void;
}

function codeLabel(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return labels[code] ? `${code} — ${labels[code]}` : code;
}

/** The report of one flux file: what was applied (or why nothing was), for the agent who imported it. */
export function FluxReportView({
  run,
  report,
  applyValid = null,
}: {
  run: FluxRun;
  report: FluxReport;
  applyValid?: ApplyValidAction | null;
}) {
  return (
    <div className="report">
      <StatusMessage report={report} applyValid={applyValid} />
      <dl className="summary-list">
        <Item label="Fichier">
          <span className="break">{report.fileName}</span>
        </Item>
        <Item label="Format">{report.format.toUpperCase()}</Item>
        {report.header ? (
          <>
            <Item label="Nature du flux">{codeLabel(natFluxLabels, report.header.natFlux)}</Item>
            <Item label="Type de flux">{codeLabel(typeFluxLabels, report.header.typeFlux)}</Item>
            <Item label="Date de création du flux">
              {formatDate(report.header.createdOn)}
              {report.header.createdAtTime && report.header.createdAtTime !== '00:00:00'
                ? ` à ${report.header.createdAtTime.slice(0, 5).replace(':', ' h ')}`
                : ''}
            </Item>
            {report.header.application ? (
              <Item label="Application émettrice">
                {codeLabel(applicationLabels, report.header.application)}
              </Item>
            ) : null}
          </>
        ) : null}
        <Item label="Importé par">{run.actorName ?? 'Traitement automatique'}</Item>
        <Item label="Début du traitement">{formatDateTime(run.startedAt)}</Item>
        <Item label="Durée">{formatDuration(report.durationMs)}</Item>
      </dl>

      {report.status === 'applied' ? <FluxAppliedDetails run={run} report={report} /> : null}
      <Errors report={report} />
      <IdentityConflicts report={report} />
      <Anomalies anomalies={report.anomalies} />
      <Skipped skipped={report.skippedElements} />
    </div>
  );
}

function StatusMessage({ report, applyValid }: { report: FluxReport; applyValid: ApplyValidAction | null }) {
  if (report.status === 'rejected') {
    return (
      <Alert tone="error" title="Fichier rejeté : aucune donnée n’a été appliquée" live="off">
        <p>{report.message}</p>
        {report.rejectedCount > 0 ? (
          <p>
            Le fichier entier a été refusé pour{' '}
            {plural(report.rejectedCount, 'erreur détaillée', 'erreurs détaillées')} ci-dessous (ligne ou
            emplacement, champ, motif). Aucun foyer ni aucune personne n’a été créé ou modifié. Faites
            corriger le fichier, puis importez-le à nouveau.
          </p>
        ) : null}
        {report.partialApplyAllowed ? (
          applyValid ? (
            <>
              <p>
                Les erreurs ne concernent que certains foyers : vous pouvez appliquer les foyers valides. Les
                foyers en erreur ne seront pas modifiés et resteront listés dans le rapport.
              </p>
              <p>
                <Button variant="secondary" pending={applyValid.pending} onClick={applyValid.run}>
                  Appliquer les lignes valides
                </Button>
              </p>
              {applyValid.error ? <p role="alert">{applyValid.error}</p> : null}
            </>
          ) : (
            <p>
              Les erreurs ne concernent que certains foyers : envoyez à nouveau le fichier depuis cet écran,
              son rapport proposera d’appliquer les lignes valides.
            </p>
          )
        ) : null}
      </Alert>
    );
  }
  if (report.status === 'duplicate') {
    return (
      <Alert tone="info" title="Fichier déjà importé : rien n’a été appliqué de nouveau" live="off">
        <p>{report.message}</p>
      </Alert>
    );
  }
  if (report.status === 'running') {
    return (
      <Alert tone="info" title="Traitement en cours" live="off">
        <p>{report.message}</p>
      </Alert>
    );
  }
  return (
    <Alert tone="success" title="Fichier appliqué" live="off">
      <p>{report.message}</p>
    </Alert>
  );
}
