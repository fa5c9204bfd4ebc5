import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isAbortError, isApiError } from '../../lib/api';
import { formatBytes, formatDateTime, formatDuration, formatNumber, plural } from '../../lib/format';
import { errorsFromApi } from '../../lib/forms';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  type Column,
  EmptyState,
  ErrorState,
  FileField,
  LeaveGuard,
  LiveMessage,
  Loading,
  PageHeader,
  ProgressBar,
  Table,
  VisuallyHidden,
} from '../../ui';
import {
  type HistoryImport,
  type HistoryReport,
  historyKeys,
  normaliseReport,
  type RejectedLine,
  readTotal,
  uploadHistory,
  useHistoryImports,
} from './api';

const kindLabels: Record<string, string> = {
  hub: 'Pôles d’insertion',
  body: 'Structures',
  referent: 'Référents',
  person: 'Personnes',
  rights: 'Droits',
  orientation: 'Orientations',
  referentAssignment: 'Désignations de référent',
  appointment: 'Rendez-vous',
  contract: 'Contrats d’engagement',
};

const counterLabels: Record<string, string> = {
  read: 'Lues',
  created: 'Ajoutées',
  updated: 'Rafraîchies',
  unchanged: 'Inchangées',
  replaced: 'Anciennes remplacées',
  skipped: 'Ignorées',
  conflict: 'Conflits d’identité',
  rejected: 'Rejetées',
};

const statusLabels: Record<string, string> = {
  applied: 'Appliquée',
  rejected: 'Rejetée',
  duplicate: 'Déjà importée',
  already_imported: 'Déjà importée',
  running: 'En cours',
};

const statusTones: Record<string, 'neutral' | 'success' | 'warning' | 'danger'> = {
  applied: 'success',
  rejected: 'danger',
  duplicate: 'neutral',
  already_imported: 'neutral',
  running: 'warning',
};

function kindLabel(kind: string | null): string {
  if (!kind) return '—';
  return kindLabels[kind] ?? kind;
}

interface ShownReport {
  key: string;
  fileName: string;
  at: string | null;
  report: HistoryReport;
}

type Phase = { kind: 'idle' } | { kind: 'uploading'; loaded: number; total: number } | { kind: 'processing' };

export function HistoryImportPage() {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [applyValid, setApplyValid] = useState(false);
  const [lastUploadRejected, setLastUploadRejected] = useState<HistoryReport | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);
  const [shown, setShown] = useState<ShownReport | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const busy = phase.kind !== 'idle';

  useEffect(() => () => abortRef.current?.abort(), []);

  function show(next: ShownReport, focus: boolean) {
    setShown(next);
    if (focus) requestAnimationFrame(() => reportHeading.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await send(applyValid && lastUploadRejected !== null);
  }

  async function send(withValid: boolean) {
    if (busy) return;
    setFailure(null);
    setMessage(null);
    if (!file) {
      setFileError('Choisissez le fichier d’historique à importer.');
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('input[type="file"]')?.focus());
      return;
    }
    if (file.size === 0) {
      setFileError('Le fichier choisi est vide.');
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('input[type="file"]')?.focus());
      return;
    }
    setFileError(undefined);
    const controller = new AbortController();
    abortRef.current = controller;
    const sentFile = file;
    setPhase({ kind: 'uploading', loaded: 0, total: sentFile.size });
    setMessage(`Envoi du fichier ${sentFile.name} en cours…`);
    try {
      const raw = await uploadHistory({
        file: sentFile,
        applyValid: withValid,
        signal: controller.signal,
        onUploadProgress: (loaded, total) => setPhase({ kind: 'uploading', loaded, total }),
        onUploaded: () => setPhase({ kind: 'processing' }),
      });
      const report = normaliseReport(raw);
      show(
        { key: `upload-${Date.now()}`, fileName: sentFile.name, at: new Date().toISOString(), report },
        true,
      );
      setMessage(
        `Import du fichier ${sentFile.name} terminé : ${(statusLabels[report.status] ?? report.status).toLowerCase()}.`,
      );
      if (report.status === 'rejected') {
        // Keep the file: the agent may apply the valid lines by sending it again.
        setLastUploadRejected(report);
      } else {
        setLastUploadRejected(null);
        setApplyValid(false);
        setFile(null);
        setInputKey((k) => k + 1);
      }
      void queryClient.invalidateQueries({ queryKey: historyKeys.imports });
      if (report.status === 'applied') {
        void queryClient.invalidateQueries({ queryKey: ['persons'] });
        void queryClient.invalidateQueries({ queryKey: ['territory'] });
      }
    } catch (error) {
      setMessage(null);
      if (isAbortError(error)) {
        setMessage('L’envoi du fichier a été annulé. Rien n’a été importé.');
      } else {
        const state = errorsFromApi(error);
        const tooLarge = isApiError(error) && (error.status === 413 || error.code === 'PAYLOAD_TOO_LARGE');
        setFailure({
          title: tooLarge
            ? 'Fichier trop volumineux : il n’a pas été importé'
            : 'Le fichier n’a pas été importé',
          message: state.message ?? '',
        });
        requestAnimationFrame(() =>
          formRef.current?.querySelector<HTMLElement>('[data-form-alert]')?.focus(),
        );
      }
    } finally {
      abortRef.current = null;
      setPhase({ kind: 'idle' });
    }
  }

  return (
    <>
      <PageHeader
        title="Reprise de l’historique"
        description={
          <p>
            Importez, une fois, l’historique des parcours tenu dans l’outil précédent (pôles, structures,
            référents, personnes, droits, orientations, rendez-vous, contrats). Si une ligne est invalide,
            rien n’est appliqué, sauf si vous demandez d’appliquer les lignes valides.
          </p>
        }
      />
      <LeaveGuard
        when={busy}
        title="Quitter la page pendant l’import ?"
        message="Le fichier d’historique est en cours d’envoi ou de traitement. Si vous quittez la page, vous ne verrez pas le rapport ici (il restera consultable dans la liste des reprises si le serveur a reçu le fichier)."
      />
      <section className="section" aria-labelledby="importer-historique">
        <h2 id="importer-historique">Importer un fichier</h2>
        <form ref={formRef} noValidate onSubmit={submit} className="upload-form">
          {failure ? (
            <Alert tone="error" title={failure.title} focusable>
              {failure.message ? <p>{failure.message}</p> : null}
            </Alert>
          ) : null}
          <FileField
            key={inputKey}
            label="Fichier d’historique (NDJSON)"
            name="history"
            accept=".ndjson,.jsonl,.json,application/x-ndjson,application/json"
            hint="Un objet JSON par ligne, chacun avec son « kind » (hub, body, referent, person, rights, orientation, referentAssignment, appointment, contract), encodé en UTF-8."
            onChange={(next) => {
              setFile(next);
              setFileError(undefined);
              if (!next) {
                setLastUploadRejected(null);
                setApplyValid(false);
              }
            }}
            error={fileError}
            disabled={busy}
          />
          {file ? (
            <p className="muted">
              Fichier choisi : <strong className="break">{file.name}</strong> ({formatBytes(file.size)})
            </p>
          ) : null}
          {lastUploadRejected && file ? (
            <Checkbox
              label="Appliquer les lignes valides"
              hint={`Le dernier envoi a été rejeté (${plural(lastUploadRejected.rejectedCount, 'ligne rejetée', 'lignes rejetées')}). Cochez pour enregistrer toutes les autres lignes en ignorant les lignes rejetées, puis importez à nouveau le fichier.`}
              checked={applyValid}
              onChange={setApplyValid}
              disabled={busy}
            />
          ) : null}
          <div className="form-actions">
            <Button type="submit" pending={busy}>
              Importer l’historique
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
              detail={`${formatBytes(phase.loaded)} envoyés sur ${formatBytes(phase.total)}. Restez sur cette page jusqu’à la fin de l’import.`}
            />
          ) : phase.kind === 'processing' ? (
            <ProgressBar
              label="Fichier envoyé : vérification et enregistrement des lignes en cours…"
              detail="Un historique de plusieurs années peut demander quelques minutes. Restez sur cette page."
            />
          ) : null}
        </form>
        <LiveMessage tone="info">{message}</LiveMessage>
      </section>

      {shown ? (
        <section className="section" aria-labelledby="rapport-historique">
          <div className="section-header">
            <h2 id="rapport-historique" ref={reportHeading} tabIndex={-1}>
              Rapport de reprise <span className="muted break">— {shown.fileName}</span>
            </h2>
            <Button variant="tertiary" size="sm" onClick={() => setShown(null)}>
              Fermer le rapport
            </Button>
          </div>
          <HistoryReportView
            key={shown.key}
            report={shown.report}
            at={shown.at}
            onApplyValid={
              // Offered right under the refusal, for the file just sent (still chosen).
              shown.key.startsWith('upload-') &&
              shown.report.status === 'rejected' &&
              lastUploadRejected === shown.report &&
              file !== null &&
              readTotal(shown.report) > shown.report.rejectedCount
                ? () => void send(true)
                : null
            }
            busy={busy}
          />
        </section>
      ) : null}

      <ImportsSection
        shownKey={shown?.key ?? null}
        onShow={(item) =>
          show(
            {
              key: item.id,
              fileName: item.fileName,
              at: item.startedAt,
              report: normaliseReport(item.report, item.status),
            },
            true,
          )
        }
      />
    </>
  );
}

const rejectedPage = 200;

function HistoryReportView({
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
  const statusLabel = statusLabels[report.status] ?? report.status;

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
      header: counterLabels[name] ?? name,
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

function ImportsSection({
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
      render: (i) => (
        <Badge tone={statusTones[i.status] ?? 'neutral'}>{statusLabels[i.status] ?? i.status}</Badge>
      ),
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
