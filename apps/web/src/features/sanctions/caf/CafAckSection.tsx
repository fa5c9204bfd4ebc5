import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage, isAbortError } from '../../../lib/api';
import { formatDate, plural } from '../../../lib/format';
import {
  Alert,
  type FailedLine,
  FailedLinesTable,
  FileUploadForm,
  failedLinesOf,
  SelectField,
  useFileUpload,
} from '../../../ui';
import { type CafAckResult, cafKeys, uploadCafAcknowledgement, useCafFiles } from './api';

/** The CAF's acknowledgement of one file: each line accepted, or rejected with a reason (back in the queue). */
export function CafAckSection() {
  const queryClient = useQueryClient();
  const files = useCafFiles();
  const upload = useFileUpload();
  const { file, busy } = upload;
  const [fileId, setFileId] = useState('');
  const [errors, setErrors] = useState<{ fileId?: string; file?: string }>({});
  const [result, setResult] = useState<CafAckResult | null>(null);
  const [failure, setFailure] = useState<{ message: string; lines: FailedLine[] } | null>(null);
  const choices = (files.data ?? []).filter((f) => f.status !== 'acknowledged');
  const target = fileId || choices[0]?.id || '';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setResult(null);
    setFailure(null);
    const missing = {
      fileId: target ? undefined : 'Choisissez le fichier auquel la CAF répond.',
      file: file ? undefined : 'Choisissez le fichier d’accusé de réception transmis par la CAF.',
    };
    setErrors(missing);
    if (!target || !file) {
      upload.focusError();
      return;
    }
    await upload.send(file, async ({ onUploadProgress, signal }) => {
      try {
        setResult(await uploadCafAcknowledgement(target, file, onUploadProgress, signal));
        upload.clear();
        void queryClient.invalidateQueries({ queryKey: cafKeys.all });
      } catch (error) {
        if (isAbortError(error))
          setFailure({ message: 'L’envoi a été annulé. Rien n’a été enregistré.', lines: [] });
        else
          setFailure({
            message: errorMessage(error),
            // Refused as a whole: the API names each line at fault in `fields` ("ligne 4").
            lines: failedLinesOf(error),
          });
      }
    });
  }

  return (
    <section className="section" aria-labelledby="accuse-caf">
      <h2 id="accuse-caf">Accusé de réception de la CAF</h2>
      <FileUploadForm
        upload={upload}
        onSubmit={submit}
        leaveTitle="Quitter la page pendant l’envoi ?"
        leaveMessage="L’accusé de réception est en cours d’envoi. Si vous quittez la page, il ne sera pas enregistré."
        label="Fichier d’accusé de réception (CSV)"
        name="caf-acknowledgement"
        accept=".csv,text/csv"
        hint="Colonnes reference;statut;motif — statut ACCEPTE ou REJETE (motif obligatoire pour un rejet)."
        onFileChange={() => setErrors((e) => ({ ...e, file: undefined }))}
        error={errors.file}
        submitLabel="Enregistrer l’accusé de réception"
        progressLabel="Envoi de l’accusé de réception"
      >
        <SelectField
          label="Fichier auquel la CAF répond"
          value={target}
          onChange={setFileId}
          placeholder="Choisir…"
          options={(files.data ?? []).map((f) => ({
            value: f.id,
            label: `Fichier du ${formatDate(f.fileDate)} (${plural(f.lineCount, 'ligne', 'lignes')})`,
          }))}
          error={errors.fileId}
        />
      </FileUploadForm>
      <div aria-live="polite">
        {failure ? (
          <Alert tone="error" title="L’accusé de réception n’a pas été enregistré" live="off">
            <p>{failure.message}</p>
            <FailedLinesTable lines={failure.lines} />
          </Alert>
        ) : null}
        {result ? (
          <Alert
            tone={
              result.accepted + result.rejected === 0 ? 'info' : result.rejected > 0 ? 'warning' : 'success'
            }
            title={
              result.accepted + result.rejected === 0
                ? 'Accusé de réception déjà pris en compte : rien n’a changé'
                : 'Accusé de réception enregistré'
            }
            live="off"
          >
            <p>{result.message}</p>
          </Alert>
        ) : null}
      </div>
    </section>
  );
}
