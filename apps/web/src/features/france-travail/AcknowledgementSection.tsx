import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage, isAbortError } from '../../lib/api';
import {
  Alert,
  type FailedLine,
  FailedLinesTable,
  FileUploadForm,
  failedLinesOf,
  useFileUpload,
} from '../../ui';
import { AcknowledgementResult } from './AcknowledgementResult';
import { type FtAcknowledgementResult, ftKeys, uploadAcknowledgement } from './api';

/** The acknowledgement file sent back by France Travail: confirms or refuses each registration. */
export function AcknowledgementSection() {
  const queryClient = useQueryClient();
  const upload = useFileUpload();
  const { file, busy } = upload;
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<FtAcknowledgementResult | null>(null);
  const [failure, setFailure] = useState<{ message: string; lines: FailedLine[] } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setResult(null);
    setFailure(null);
    if (!file) {
      setFileError('Choisissez le fichier d’accusé de réception transmis par France Travail.');
      upload.focusError();
      return;
    }
    setFileError(undefined);
    await upload.send(file, async ({ onUploadProgress, signal }) => {
      try {
        const answer = await uploadAcknowledgement(file, onUploadProgress, signal);
        setResult(answer);
        upload.clear();
        void queryClient.invalidateQueries({ queryKey: ftKeys.all });
        void queryClient.invalidateQueries({ queryKey: ['persons'] });
      } catch (error) {
        if (isAbortError(error)) {
          setFailure({ message: 'L’envoi a été annulé. Rien n’a été enregistré.', lines: [] });
        } else {
          // A file with errors is refused as a whole: the API lists its lines in `fields` ("ligne 4").
          setFailure({ message: errorMessage(error), lines: failedLinesOf(error) });
        }
      }
    });
  }

  return (
    <section className="section" aria-labelledby="accuse">
      <h2 id="accuse">Accusé de réception de France Travail</h2>
      <FileUploadForm
        upload={upload}
        onSubmit={submit}
        leaveTitle="Quitter la page pendant l’envoi ?"
        leaveMessage="L’accusé de réception est en cours d’envoi. Si vous quittez la page, il ne sera pas enregistré."
        label="Fichier d’accusé de réception (CSV)"
        name="acknowledgement"
        accept=".csv,text/csv"
        hint="Le fichier CSV renvoyé par France Travail : chaque ligne confirme une inscription (avec l’identifiant France Travail) ou la refuse (avec son motif)."
        onFileChange={() => setFileError(undefined)}
        error={fileError}
        submitLabel="Envoyer l’accusé de réception"
        progressLabel="Envoi de l’accusé de réception"
      />
      <div aria-live="polite">
        {failure ? <AcknowledgementFailure failure={failure} /> : null}
        {result ? <AcknowledgementResult result={result} /> : null}
      </div>
    </section>
  );
}

function AcknowledgementFailure({ failure }: { failure: { message: string; lines: FailedLine[] } }) {
  return (
    <Alert tone="error" title="L’accusé de réception n’a pas été enregistré" live="off">
      <p>{failure.message}</p>
      {failure.lines.length > 0 ? (
        <p>
          Toutes les erreurs du fichier sont listées ci-dessous : corrigez-les puis envoyez à nouveau le
          fichier entier (les lignes déjà enregistrées ne seront pas comptées deux fois).
        </p>
      ) : null}
      <FailedLinesTable lines={failure.lines} />
    </Alert>
  );
}
