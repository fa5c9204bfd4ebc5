import {
  DOCUMENT_EMPTY,
  DOCUMENT_TOO_LARGE,
  DOCUMENT_WRONG_TYPE,
  type DocumentKind,
  documentAccept,
  documentKindLabels,
  documentKinds,
  MAX_DOCUMENT_BYTES,
} from '@parcours/contracts';
import { type FormEvent, useState } from 'react';
import { isAbortError } from '../../../lib/api';
import { formatBytes, percent } from '../../../lib/format';
import { emptyToNull, errorsFromApi, type FieldErrors } from '../../../lib/forms';
import { FileUploadForm, FormAlert, SelectField, TextField, useFileUpload } from '../../../ui';
import { uploadDocument, useRefreshDocuments } from './api';
import { announcedType } from './file-type';

const kindOptions = documentKinds.map((k) => ({ value: k, label: documentKindLabels[k] }));

/** The fields the form shows; the API's messages on them go under them, the others to the banner. */
const shownFields = ['file', 'kind', 'label'];

/** Adds a document (PDF, JPEG, PNG; 10 MB) to the file, with its progress and French refusals. */
export function DocumentUploadForm({
  personId,
  onAdded,
}: {
  personId: string;
  onAdded: (name: string) => void;
}) {
  const upload = useFileUpload();
  const refresh = useRefreshDocuments(personId);
  const [kind, setKind] = useState('');
  const [label, setLabel] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);

  function check(file: File | null): FieldErrors {
    const next: FieldErrors = {};
    if (!file) next.file = 'Choisissez le fichier à ajouter.';
    else if (!announcedType(file)) next.file = DOCUMENT_WRONG_TYPE;
    else if (file.size === 0) next.file = DOCUMENT_EMPTY;
    else if (file.size > MAX_DOCUMENT_BYTES) next.file = DOCUMENT_TOO_LARGE;
    if (!kind) next.kind = 'Choisissez le type de document.';
    if (label.trim().length > 200) next.label = 'Le titre fait 200 caractères au maximum.';
    return next;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (upload.busy) return;
    const { file } = upload;
    const problems = check(file);
    setFields(problems);
    setMessage(null);
    if (Object.keys(problems).length > 0 || !file) {
      upload.focusError();
      return;
    }
    const contentType = announcedType(file)!;
    await upload.send(file, async (transfer) => {
      try {
        await uploadDocument(
          personId,
          { file, contentType, kind: kind as DocumentKind, label: emptyToNull(label) },
          transfer,
        );
        upload.clear();
        setKind('');
        setLabel('');
        onAdded(file.name);
        await refresh();
      } catch (error) {
        if (isAbortError(error)) {
          setMessage('L’envoi a été annulé. Rien n’a été enregistré.');
          return;
        }
        const state = errorsFromApi(error, [...shownFields, 'fileName']);
        const { fileName, ...rest } = state.fields;
        const next = { ...rest, ...(fileName && !rest.file ? { file: fileName } : {}) };
        setFields(next);
        // The message already said under a field is not repeated in the banner.
        setMessage(Object.values(next).includes(state.message ?? '') ? null : state.message);
        upload.focusError();
      }
    });
  }

  return (
    <FileUploadForm
      upload={upload}
      onSubmit={submit}
      leaveTitle="Quitter la page pendant l’envoi ?"
      leaveMessage="Le document est en cours d’envoi. Si vous quittez la page, il ne sera pas ajouté au dossier."
      label="Fichier"
      name="document"
      accept={documentAccept}
      hint="PDF, JPEG ou PNG, 10 Mo au maximum."
      error={fields.file}
      onFileChange={() => setFields(({ file: _file, ...rest }) => rest)}
      alert={
        <FormAlert
          title="Le document n’a pas été ajouté"
          message={message}
          fieldCount={Object.keys(fields).length}
        />
      }
      submitLabel="Ajouter le document"
      progressLabel="Envoi du document"
      progressDetail={(loaded, total) =>
        `${formatBytes(loaded)} sur ${formatBytes(total)} (${percent(loaded, total)} %)`
      }
      sentProgress={{ label: 'Vérification du document' }}
    >
      <SelectField
        label="Type de document"
        value={kind}
        onChange={setKind}
        options={kindOptions}
        placeholder="Choisir le type"
        error={fields.kind}
        disabled={upload.busy}
      />
      <TextField
        label="Titre"
        optional
        hint="Par exemple : « Attestation de formation CACES, juin 2026 »."
        value={label}
        onChange={setLabel}
        maxLength={200}
        error={fields.label}
        disabled={upload.busy}
      />
    </FileUploadForm>
  );
}
