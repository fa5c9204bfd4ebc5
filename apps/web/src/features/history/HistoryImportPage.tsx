import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { isAbortError, isApiError } from '../../lib/api';
import { formatBytes, plural } from '../../lib/format';
import { errorsFromApi } from '../../lib/forms';
import { Alert, Button, Checkbox, FileUploadForm, LiveMessage, PageHeader, useFileUpload } from '../../ui';
import { type HistoryReport, historyKeys, normaliseReport, readTotal, uploadHistory } from './api';
import { HistoryImportsSection } from './HistoryImportsSection';
import { HistoryReportView } from './HistoryReportView';
import { statusLabel } from './labels';

interface ShownReport {
  key: string;
  fileName: string;
  at: string | null;
  report: HistoryReport;
}

export function HistoryImportPage() {
  const queryClient = useQueryClient();
  const upload = useFileUpload();
  const { file, busy } = upload;
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [applyValid, setApplyValid] = useState(false);
  const [lastUploadRejected, setLastUploadRejected] = useState<HistoryReport | null>(null);
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);
  const [shown, setShown] = useState<ShownReport | null>(null);
  const [message, setMessage] = useState<string | null>(null);

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
    if (!file || file.size === 0) {
      setFileError(file ? 'Le fichier choisi est vide.' : 'Choisissez le fichier d’historique à importer.');
      upload.focusError();
      return;
    }
    setFileError(undefined);
    const sentFile = file;
    setMessage(`Envoi du fichier ${sentFile.name} en cours…`);
    await upload.send(sentFile, async (transfer) => {
      try {
        const raw = await uploadHistory({ file: sentFile, applyValid: withValid, ...transfer });
        received(sentFile, normaliseReport(raw));
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
          upload.focusError();
        }
      }
    });
  }

  function received(sentFile: File, report: HistoryReport) {
    show(
      { key: `upload-${Date.now()}`, fileName: sentFile.name, at: new Date().toISOString(), report },
      true,
    );
    setMessage(`Import du fichier ${sentFile.name} terminé : ${statusLabel(report.status).toLowerCase()}.`);
    if (report.status === 'rejected') {
      // Keep the file: the agent may apply the valid lines by sending it again.
      setLastUploadRejected(report);
    } else {
      setLastUploadRejected(null);
      setApplyValid(false);
      upload.clear();
    }
    void queryClient.invalidateQueries({ queryKey: historyKeys.imports });
    if (report.status === 'applied') {
      void queryClient.invalidateQueries({ queryKey: ['persons'] });
      void queryClient.invalidateQueries({ queryKey: ['territory'] });
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
      <section className="section" aria-labelledby="importer-historique">
        <h2 id="importer-historique">Importer un fichier</h2>
        <FileUploadForm
          upload={upload}
          onSubmit={submit}
          leaveTitle="Quitter la page pendant l’import ?"
          leaveMessage="Le fichier d’historique est en cours d’envoi ou de traitement. Si vous quittez la page, vous ne verrez pas le rapport ici (il restera consultable dans la liste des reprises si le serveur a reçu le fichier)."
          alert={
            failure ? (
              <Alert tone="error" title={failure.title} focusable>
                {failure.message ? <p>{failure.message}</p> : null}
              </Alert>
            ) : null
          }
          label="Fichier d’historique (NDJSON)"
          name="history"
          accept=".ndjson,.jsonl,.json,application/x-ndjson,application/json"
          hint="Un objet JSON par ligne, chacun avec son « kind » (hub, body, referent, person, rights, orientation, referentAssignment, appointment, contract), encodé en UTF-8."
          onFileChange={(next) => {
            setFileError(undefined);
            if (!next) {
              setLastUploadRejected(null);
              setApplyValid(false);
            }
          }}
          error={fileError}
          submitLabel="Importer l’historique"
          progressLabel="Envoi du fichier"
          progressDetail={(loaded, total) =>
            `${formatBytes(loaded)} envoyés sur ${formatBytes(total)}. Restez sur cette page jusqu’à la fin de l’import.`
          }
          sentProgress={{
            label: 'Fichier envoyé : vérification et enregistrement des lignes en cours…',
            detail:
              'Un historique de plusieurs années peut demander quelques minutes. Restez sur cette page.',
          }}
        >
          {lastUploadRejected && file ? (
            <Checkbox
              label="Appliquer les lignes valides"
              hint={`Le dernier envoi a été rejeté (${plural(lastUploadRejected.rejectedCount, 'ligne rejetée', 'lignes rejetées')}). Cochez pour enregistrer toutes les autres lignes en ignorant les lignes rejetées, puis importez à nouveau le fichier.`}
              checked={applyValid}
              onChange={setApplyValid}
              disabled={busy}
            />
          ) : null}
        </FileUploadForm>
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

      <HistoryImportsSection
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
