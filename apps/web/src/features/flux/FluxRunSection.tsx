import type { FluxRun } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { isApiError } from '../../lib/api';
import { formatBytes, plural } from '../../lib/format';
import { Alert, Button, EmptyState, ErrorState, Loading, ProgressBar } from '../../ui';
import { fluxKeys, fluxStatusLabels, useFluxProgress, useFluxRun } from './api';
import { type ApplyValidAction, FluxReportView } from './FluxReportView';
import type { LiveRun } from './FluxUploadSection';

/** The selected run: its progress while the file is applied, then its report. */
export function FluxRunSection({
  runId,
  live,
  applyValid,
  takeFocus,
  onClose,
}: {
  runId: string;
  /** Set when this screen started the run: progress from its capability URL. */
  live: LiveRun | null;
  applyValid: ApplyValidAction | null;
  /** Whether the report should take the focus when it appears (asked once, on mount). */
  takeFocus: () => boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const takeFocusRef = useRef(takeFocus);

  useEffect(() => {
    if (takeFocusRef.current()) headingRef.current?.focus();
  }, []);
  const run = useFluxRun(runId);
  const progress = useFluxProgress(live?.progressUrl ?? null);
  const liveRunning = live !== null && progress.data?.running !== false && !progress.isError;
  const status = run.data?.status;
  // A run started here counts as awaited even if it ends before the first poll sees it running.
  const wasRunning = useRef(live !== null);
  const { refetch } = run;

  useEffect(() => {
    // The progress URL says the file is done: the report is ready (the embedded database is free).
    if (live && progress.data?.running === false) void refetch();
  }, [live, progress.data?.running, refetch]);

  useEffect(() => {
    if (status === 'running') {
      wasRunning.current = true;
    } else if (status && wasRunning.current) {
      wasRunning.current = false;
      // A file refused while the agent waited: the report takes the focus, where the agent is.
      if (status === 'rejected' || status === 'interrupted') headingRef.current?.focus();
      // The file changed persons, households, duplicates and France Travail registrations.
      void queryClient.invalidateQueries({ queryKey: fluxKeys.runs });
      void queryClient.invalidateQueries({ queryKey: ['persons'] });
      void queryClient.invalidateQueries({ queryKey: ['duplicates'] });
      void queryClient.invalidateQueries({ queryKey: ['france-travail'] });
    }
  }, [status, queryClient]);

  const announcement = !run.data
    ? liveRunning
      ? 'Traitement du fichier en cours.'
      : ''
    : run.data.status === 'running'
      ? `Traitement du fichier ${run.data.fileName} en cours.`
      : `Traitement du fichier ${run.data.fileName} terminé : ${fluxStatusLabels[run.data.status].toLowerCase()}. ${run.data.report?.message ?? ''}`;

  return (
    <section className="section" aria-labelledby="rapport">
      <div className="section-header">
        <h2 id="rapport" ref={headingRef} tabIndex={-1}>
          {run.data ? (
            <>
              Rapport d’import <span className="muted break">— {run.data.fileName}</span>
            </>
          ) : (
            'Rapport d’import'
          )}
        </h2>
        <Button variant="tertiary" size="sm" onClick={onClose}>
          Fermer le rapport
        </Button>
      </div>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {liveRunning && (!run.data || run.data.status === 'running') ? (
        <Progress progress={progress.data?.progress ?? null} embedded={live?.embedded ?? false} />
      ) : run.isPending ? (
        <Loading label="Chargement du rapport…" />
      ) : !run.data ? (
        isApiError(run.error) && run.error.status === 404 ? (
          <EmptyState title="Cet import est introuvable." />
        ) : (
          <ErrorState error={run.error} onRetry={() => run.refetch()} />
        )
      ) : (
        <>
          {run.isError ? (
            <Alert tone="warning" title="Le suivi du traitement est momentanément interrompu" live="off">
              <p>Parcours réessaie automatiquement. Le traitement continue sur le serveur.</p>
            </Alert>
          ) : null}
          <RunBody run={run.data} embedded={live?.embedded ?? false} applyValid={applyValid} />
        </>
      )}
    </section>
  );
}

function Progress({ progress, embedded }: { progress: FluxRun['progress']; embedded: boolean }) {
  return (
    <>
      {progress && progress.totalBytes > 0 ? (
        <ProgressBar
          label="Traitement du fichier"
          value={progress.bytesRead}
          max={progress.totalBytes}
          detail={`${plural(progress.households, 'foyer appliqué', 'foyers appliqués')} · ${formatBytes(progress.bytesRead)} sur ${formatBytes(progress.totalBytes)}`}
        />
      ) : (
        <ProgressBar label="Traitement du fichier : démarrage…" />
      )}
      {embedded ? (
        <Alert tone="info" title="Les autres opérations attendront la fin de l’import" live="off">
          <p>
            Parcours fonctionne ici avec sa base de données intégrée : pendant que le fichier est appliqué,
            les recherches et les autres opérations de tous les agents attendent la fin de l’import. Le
            fichier est appliqué en une seule fois : s’il est rejeté ou interrompu, rien n’est modifié.
          </p>
        </Alert>
      ) : null}
      <p className="muted">
        Vous pouvez quitter cette page : le traitement se poursuit sur le serveur et le rapport restera
        consultable dans la liste des imports ci-dessous.
      </p>
    </>
  );
}

function RunBody({
  run,
  embedded,
  applyValid,
}: {
  run: FluxRun;
  embedded: boolean;
  applyValid: ApplyValidAction | null;
}) {
  if (run.status === 'running') return <Progress progress={run.progress} embedded={embedded} />;
  if (run.status === 'interrupted') {
    return (
      <Alert tone="error" title="Import interrompu : rien n’a été appliqué" live="off">
        <p>
          Le traitement s’est arrêté avant la fin (arrêt du serveur ou de la commande). Le fichier est
          appliqué en une seule fois : aucune donnée de ce fichier n’a été enregistrée. Importez-le à nouveau.
        </p>
      </Alert>
    );
  }
  if (!run.report) {
    return (
      <Alert tone="info" title={`Import ${fluxStatusLabels[run.status].toLowerCase()}`} live="off">
        <p>Le rapport détaillé de cet import n’est pas disponible.</p>
      </Alert>
    );
  }
  return <FluxReportView run={run} report={run.report} applyValid={applyValid} />;
}
