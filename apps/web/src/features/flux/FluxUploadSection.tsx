import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { isAbortError, isApiError } from '../../lib/api';
import { formatBytes, todayIso } from '../../lib/format';
import { errorsFromApi, type FormErrorState, noErrors } from '../../lib/forms';
import {
  Alert,
  Fieldset,
  FileUploadForm,
  LiveMessage,
  SelectField,
  TextField,
  useFileUpload,
} from '../../ui';
import { type FluxStarted, fluxKeys, natFluxLabels, typeFluxLabels, uploadFlux } from './api';

/** A file this screen sent: kept to send it again with "apply the valid lines". */
export interface SentFile {
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

const fileFields = ['file', 'natFlux', 'typeFlux', 'createdOn'] as const;
const defaultErrorTitle = 'Le fichier n’a pas été importé';

function formatOf(file: File | null): 'xml' | 'csv' | null {
  const name = file?.name.toLowerCase() ?? '';
  if (name.endsWith('.xml')) return 'xml';
  if (name.endsWith('.csv')) return 'csv';
  return null;
}

function codeOptions(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label: `${value} — ${label}` }));
}

/** The fields a CSV flux needs in place of the header an XML file carries. */
function CsvHeaderFields({
  natFlux,
  typeFlux,
  createdOn,
  onNatFlux,
  onTypeFlux,
  onCreatedOn,
  errors,
  disabled,
}: {
  natFlux: string;
  typeFlux: string;
  createdOn: string;
  onNatFlux: (value: string) => void;
  onTypeFlux: (value: string) => void;
  onCreatedOn: (value: string) => void;
  errors: Record<string, string>;
  disabled: boolean;
}) {
  return (
    <Fieldset legend="En-tête du flux CSV">
      <p className="form-note">
        Un fichier CSV ne porte pas d’en-tête : indiquez la nature, le type et la date de création du flux.
      </p>
      <div className="form-grid">
        <SelectField
          label="Nature du flux"
          name="natFlux"
          value={natFlux}
          onChange={onNatFlux}
          options={codeOptions(natFluxLabels)}
          error={errors.natFlux}
          disabled={disabled}
        />
        <SelectField
          label="Type de flux"
          name="typeFlux"
          value={typeFlux}
          onChange={onTypeFlux}
          options={codeOptions(typeFluxLabels)}
          error={errors.typeFlux}
          disabled={disabled}
        />
        <TextField
          label="Date de création du flux"
          name="createdOn"
          type="date"
          value={createdOn}
          onChange={onCreatedOn}
          hint="Date des faits du fichier : elle devient la date d’entrée des nouveaux entrants."
          error={errors.createdOn}
          disabled={disabled}
        />
      </div>
    </Fieldset>
  );
}

/** The API's field errors as the form shows them: the file name and format are the file field's. */
function uploadErrors(error: unknown, format: 'xml' | 'csv'): FormErrorState {
  // Fields not shown (the CSV header for an XML file) have their message in the general one.
  const shownFields = format === 'csv' ? [...fileFields] : ['file'];
  const state = errorsFromApi(error, [...shownFields, 'fileName', 'format']);
  const fields: Record<string, string> = { ...state.fields };
  for (const key of ['fileName', 'format'] as const) {
    if (fields[key]) {
      fields.file ??= fields[key];
      delete fields[key];
    }
  }
  return { message: state.message, fields };
}

export function FluxUploadSection({ onStarted }: { onStarted: (run: LiveRun) => void }) {
  const queryClient = useQueryClient();
  const upload = useFileUpload();
  const { file, busy } = upload;
  const [natFlux, setNatFlux] = useState('D');
  const [typeFlux, setTypeFlux] = useState('I');
  const [createdOn, setCreatedOn] = useState(todayIso);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [errorTitle, setErrorTitle] = useState(defaultErrorTitle);
  const [message, setMessage] = useState<string | null>(null);
  const format = formatOf(file);

  function fail(next: FormErrorState, title = defaultErrorTitle) {
    setErrors(next);
    setErrorTitle(title);
    upload.focusError();
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
    setMessage(`Envoi du fichier ${file.name} en cours…`);
    await upload.send(file, async (transfer) => {
      try {
        const sent: SentFile = {
          file,
          format,
          natFlux: natFlux as 'D' | 'I',
          typeFlux: typeFlux as 'I' | 'M' | 'R',
          createdOn,
        };
        const run = await uploadFlux({ ...sent, ...transfer });
        setMessage(`Le fichier ${file.name} a été reçu ; son traitement a commencé.`);
        upload.clear();
        void queryClient.invalidateQueries({ queryKey: fluxKeys.runs });
        onStarted({ ...run, sent });
      } catch (error) {
        setMessage(null);
        if (isAbortError(error)) {
          setMessage('L’envoi du fichier a été annulé. Rien n’a été importé.');
        } else {
          const tooLarge = isApiError(error) && (error.status === 413 || error.code === 'PAYLOAD_TOO_LARGE');
          fail(
            uploadErrors(error, format),
            tooLarge ? 'Fichier trop volumineux : il n’a pas été importé' : defaultErrorTitle,
          );
        }
      }
    });
  }

  const fieldCount = Object.keys(errors.fields).length;

  return (
    <section className="section" aria-labelledby="importer">
      <h2 id="importer">Importer un fichier</h2>
      <FileUploadForm
        upload={upload}
        onSubmit={submit}
        leaveTitle="Quitter la page pendant l’envoi ?"
        leaveMessage="Le fichier est en cours d’envoi. Si vous quittez la page, l’envoi sera interrompu et rien ne sera importé."
        alert={
          errors.message || fieldCount > 0 ? (
            <Alert tone="error" title={errorTitle} focusable>
              {errors.message ? <p>{errors.message}</p> : null}
              {fieldCount > 0 ? <p>Corrigez les champs signalés, puis importez à nouveau.</p> : null}
            </Alert>
          ) : null
        }
        label="Fichier du flux"
        name="file"
        accept=".xml,.csv,text/xml,application/xml,text/csv"
        hint="Fichier XML (VRSB, VIRS) ou CSV transmis par la CAF ou la MSA. Les fichiers volumineux (plusieurs centaines de Mo) sont acceptés ; l’envoi peut prendre quelques minutes."
        onFileChange={() => {
          if (errors.fields.file) {
            const { file: _cleared, ...rest } = errors.fields;
            setErrors({ ...errors, fields: rest });
          }
        }}
        error={errors.fields.file}
        fileDetail={format ? ` — format ${format.toUpperCase()}` : ''}
        submitLabel="Importer"
        progressLabel="Envoi du fichier"
        progressDetail={(loaded, total) =>
          `${formatBytes(loaded)} envoyés sur ${formatBytes(total)}. Restez sur cette page jusqu’à la fin de l’envoi.`
        }
        sentProgress={{ label: 'Fichier envoyé, en attente de la réponse du serveur…' }}
      >
        {format === 'csv' ? (
          <CsvHeaderFields
            natFlux={natFlux}
            typeFlux={typeFlux}
            createdOn={createdOn}
            onNatFlux={setNatFlux}
            onTypeFlux={setTypeFlux}
            onCreatedOn={setCreatedOn}
            errors={errors.fields}
            disabled={busy}
          />
        ) : null}
      </FileUploadForm>
      <LiveMessage tone="info">{message}</LiveMessage>
    </section>
  );
}
