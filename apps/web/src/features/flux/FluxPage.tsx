import type { FluxRun } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isAbortError, isApiError } from '../../lib/api';
import { formatBytes, formatDateTime, formatNumber, plural, todayIso } from '../../lib/format';
import { errorsFromApi, type FormErrorState, noErrors } from '../../lib/forms';
import {
  Alert,
  Badge,
  Button,
  type Column,
  EmptyState,
  ErrorState,
  FileField,
  LeaveGuard,
  LiveMessage,
  Loading,
  PageHeader,
  ProgressBar,
  SelectField,
  Table,
  TextField,
  VisuallyHidden,
} from '../../ui';
import {
  type FluxStarted,
  fluxKeys,
  fluxStatusLabels,
  fluxStatusTones,
  natFluxLabels,
  typeFluxLabels,
  uploadFlux,
  useFluxProgress,
  useFluxRun,
  useFluxRuns,
} from './api';
import { type ApplyValidAction, FluxReportView } from './FluxReportView';

/** A file this screen sent: kept to send it again with "apply the valid lines". */
interface SentFile {
  file: File;
  format: 'xml' | 'csv';
  natFlux: 'D' | 'I';
  typeFlux: 'I' | 'M' | 'R';
  createdOn: string;
}

/** A run started from this screen: its progress URL, and the file. */
export interface LiveRun extends FluxStarted {
  sent: SentFile;
}

export function FluxPage() {
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  const [live, setLive] = useState<LiveRun | null>(null);
  const [resendError, setResendError] = useState<string | null>(null);
  const [resending, setResending] = useState(false);
  /** Move focus to the report once it is shown (after a click in the list of imports). */
  const focusReport = useRef(false);

  function showRun(id: string | null, focus: boolean) {
    const next = new URLSearchParams(params);
    if (id) next.set('run', id);
    else next.delete('run');
    focusReport.current = focus;
    setParams(next);
  }

  function started(run: LiveRun) {
    setLive(run);
    showRun(run.runId, false);
  }

  /** The same file again, applying its valid households (the refused ones stay in the report). */
  async function applyValid(run: LiveRun) {
    setResendError(null);
    setResending(true);
    try {
      const next = await uploadFlux({
        ...run.sent,
        policy: 'apply-valid',
        signal: new AbortController().signal,
        onUploadProgress: () => {},
        onUploaded: () => {},
      });
      started({ ...next, sent: run.sent });
    } catch (error) {
      setResendError(
        isApiError(error) ? error.message : 'L’envoi du fichier a échoué. Rien n’a été appliqué.',
      );
    } finally {
      setResending(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Flux CAF / MSA"
        description={
          <p>
            Importez les fichiers transmis par la CAF et la MSA (bénéficiaires VRSB, instruction VIRS, au
            format XML ou CSV). Un fichier qui contient une erreur est rejeté en entier : rien n’est appliqué.
          </p>
        }
      />
      <UploadSection onStarted={started} />
      {runId ? (
        <RunSection
          key={runId}
          runId={runId}
          live={live?.runId === runId ? live : null}
          applyValid={
            live?.runId === runId
              ? { pending: resending, error: resendError, run: () => void applyValid(live) }
              : null
          }
          takeFocus={() => {
            const focus = focusReport.current;
            focusReport.current = false;
            return focus;
          }}
          onClose={() => showRun(null, false)}
        />
      ) : null}
      <RunsSection selected={runId} onShow={(id) => showRun(id, true)} />
    </>
  );
}

// --- Upload ---

type Phase = { kind: 'idle' } | { kind: 'uploading'; loaded: number; total: number } | { kind: 'sent' };

const fileFields = ['file', 'natFlux', 'typeFlux', 'createdOn'] as const;

function formatOf(file: File | null): 'xml' | 'csv' | null {
  const name = file?.name.toLowerCase() ?? '';
  if (name.endsWith('.xml')) return 'xml';
  if (name.endsWith('.csv')) return 'csv';
  return null;
}

function UploadSection({ onStarted }: { onStarted: (run: LiveRun) => void }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [natFlux, setNatFlux] = useState('D');
  const [typeFlux, setTypeFlux] = useState('I');
  const [createdOn, setCreatedOn] = useState(todayIso);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [errorTitle, setErrorTitle] = useState('Le fichier n’a pas été importé');
  const [message, setMessage] = useState<string | null>(null);
  const format = formatOf(file);
  const busy = phase.kind !== 'idle';

  useEffect(() => () => abortRef.current?.abort(), []);

  function fail(next: FormErrorState, title = 'Le fichier n’a pas été importé') {
    setErrors(next);
    setErrorTitle(title);
    requestAnimationFrame(() => {
      const form = formRef.current;
      const target =
        form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        form?.querySelector<HTMLElement>('[data-form-alert]');
      target?.focus();
    });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    const fields: Record<string, string> = {};
    if (!file) fields.file = 'Choisissez le fichier du flux à importer.';
    else if (!format)
      fields.file = 'Le fichier doit être au format XML ou CSV (nom se terminant par .xml ou .csv).';
    else if (file.size === 0) fields.file = 'Le fichier choisi est vide.';
    if (format === 'csv') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(createdOn))
        fields.createdOn = 'Indiquez la date de création du flux (JJ/MM/AAAA).';
    }
    if (!file || !format || Object.keys(fields).length > 0) {
      fail({ message: null, fields });
      return;
    }

    setErrors(noErrors);
    const controller = new AbortController();
    abortRef.current = controller;
    setPhase({ kind: 'uploading', loaded: 0, total: file.size });
    setMessage(`Envoi du fichier ${file.name} en cours…`);
    try {
      const sent: SentFile = {
        file,
        format,
        natFlux: natFlux as 'D' | 'I',
        typeFlux: typeFlux as 'I' | 'M' | 'R',
        createdOn,
      };
      const run = await uploadFlux({
        ...sent,
        signal: controller.signal,
        onUploadProgress: (loaded, total) => setPhase({ kind: 'uploading', loaded, total }),
        onUploaded: () => setPhase({ kind: 'sent' }),
      });
      setMessage(`Le fichier ${file.name} a été reçu ; son traitement a commencé.`);
      setFile(null);
      setInputKey((k) => k + 1);
      void queryClient.invalidateQueries({ queryKey: fluxKeys.runs });
      onStarted({ ...run, sent });
    } catch (error) {
      setMessage(null);
      if (isAbortError(error)) {
        setMessage('L’envoi du fichier a été annulé. Rien n’a été importé.');
      } else {
        // Fields not shown (the CSV header for an XML file) have their message in the general one.
        const shownFields = format === 'csv' ? [...fileFields] : ['file'];
        const state = errorsFromApi(error, [...shownFields, 'fileName', 'format']);
        // The file name and format are the file field's business.
        const fields: Record<string, string> = { ...state.fields };
        for (const key of ['fileName', 'format'] as const) {
          if (fields[key]) {
            fields.file ??= fields[key];
            delete fields[key];
          }
        }
        const tooLarge = isApiError(error) && (error.status === 413 || error.code === 'PAYLOAD_TOO_LARGE');
        fail(
          { message: state.message, fields },
          tooLarge ? 'Fichier trop volumineux : il n’a pas été importé' : 'Le fichier n’a pas été importé',
        );
      }
    } finally {
      abortRef.current = null;
      setPhase({ kind: 'idle' });
    }
  }

  const fieldCount = Object.keys(errors.fields).length;

  return (
    <section className="section" aria-labelledby="importer">
      <h2 id="importer">Importer un fichier</h2>
      <LeaveGuard
        when={busy}
        title="Quitter la page pendant l’envoi ?"
        message="Le fichier est en cours d’envoi. Si vous quittez la page, l’envoi sera interrompu et rien ne sera importé."
      />
      <form ref={formRef} noValidate onSubmit={submit} className="upload-form">
        {errors.message || fieldCount > 0 ? (
          <Alert tone="error" title={errorTitle} focusable>
            {errors.message ? <p>{errors.message}</p> : null}
            {fieldCount > 0 ? <p>Corrigez les champs signalés, puis importez à nouveau.</p> : null}
          </Alert>
        ) : null}
        <FileField
          key={inputKey}
          label="Fichier du flux"
          name="file"
          accept=".xml,.csv,text/xml,application/xml,text/csv"
          hint="Fichier XML (VRSB, VIRS) ou CSV transmis par la CAF ou la MSA. Les fichiers volumineux (plusieurs centaines de Mo) sont acceptés ; l’envoi peut prendre quelques minutes."
          onChange={(next) => {
            setFile(next);
            if (errors.fields.file) {
              const { file: _cleared, ...rest } = errors.fields;
              setErrors({ ...errors, fields: rest });
            }
          }}
          error={errors.fields.file}
          disabled={busy}
        />
        {file ? (
          <p className="muted">
            Fichier choisi : <strong className="break">{file.name}</strong> ({formatBytes(file.size)})
            {format ? ` — format ${format.toUpperCase()}` : ''}
          </p>
        ) : null}
        {format === 'csv' ? (
          <fieldset className="fieldset">
            <legend>En-tête du flux CSV</legend>
            <p className="form-note">
              Un fichier CSV ne porte pas d’en-tête : indiquez la nature, le type et la date de création du
              flux.
            </p>
            <div className="form-grid">
              <SelectField
                label="Nature du flux"
                name="natFlux"
                value={natFlux}
                onChange={setNatFlux}
                options={Object.entries(natFluxLabels).map(([value, label]) => ({
                  value,
                  label: `${value} — ${label}`,
                }))}
                error={errors.fields.natFlux}
                disabled={busy}
              />
              <SelectField
                label="Type de flux"
                name="typeFlux"
                value={typeFlux}
                onChange={setTypeFlux}
                options={Object.entries(typeFluxLabels).map(([value, label]) => ({
                  value,
                  label: `${value} — ${label}`,
                }))}
                error={errors.fields.typeFlux}
                disabled={busy}
              />
              <TextField
                label="Date de création du flux"
                name="createdOn"
                type="date"
                value={createdOn}
                onChange={setCreatedOn}
                hint="Date des faits du fichier : elle devient la date d’entrée des nouveaux entrants."
                error={errors.fields.createdOn}
                disabled={busy}
              />
            </div>
          </fieldset>
        ) : null}
        <div className="form-actions">
          <Button type="submit" pending={busy}>
            Importer
          </Button>
          {phase.kind === 'uploading' ? (
            <Button variant="secondary" onClick={() => abortRef.current?.abort()}>
              Annuler l’envoi
            </Button>
          ) : null}
        </div>
        {phase.kind === 'uploading' ? (
          <ProgressBar
            label="Envoi du fichier"
            value={phase.loaded}
            max={phase.total || 1}
            detail={`${formatBytes(phase.loaded)} envoyés sur ${formatBytes(phase.total)}. Restez sur cette page jusqu’à la fin de l’envoi.`}
          />
        ) : phase.kind === 'sent' ? (
          <ProgressBar label="Fichier envoyé, en attente de la réponse du serveur…" />
        ) : null}
      </form>
      <LiveMessage tone="info">{message}</LiveMessage>
    </section>
  );
}

// --- The selected run: progress, then report ---

function RunSection({
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

// --- List of runs ---

function RunsSection({ selected, onShow }: { selected: string | null; onShow: (id: string) => void }) {
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
