import { documentKindLabels, type PersonDocument } from '@parcours/contracts';
import { type FormEvent, useState } from 'react';
import { errorsFromApi, isVersionConflict } from '../../../lib/forms';
import { Button, Dialog, FormAlert, TextAreaField } from '../../../ui';
import { useRefreshDocuments, useWithdrawDocument } from './api';

/**
 * Withdraws a document from the file, with its reason: the file itself is erased, the line stays
 * (who added it, who withdrew it, when and why).
 */
export function WithdrawDocumentDialog({
  doc,
  onClose,
  onDone,
}: {
  doc: PersonDocument | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  return (
    <Dialog
      open={doc !== null}
      title="Retirer ce document du dossier ?"
      onClose={onClose}
      role="alertdialog"
      description={
        doc ? (
          <p>
            {documentKindLabels[doc.kind]} — <span className="break">{doc.fileName}</span>. Le fichier sera
            effacé ; la trace de son dépôt et de son retrait restera dans le dossier.
          </p>
        ) : null
      }
    >
      {doc ? <WithdrawForm doc={doc} onClose={onClose} onDone={onDone} /> : null}
    </Dialog>
  );
}

function WithdrawForm({
  doc,
  onClose,
  onDone,
}: {
  doc: PersonDocument;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const withdraw = useWithdrawDocument(doc.personId);
  const refresh = useRefreshDocuments(doc.personId);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Le motif du retrait est obligatoire.');
      return;
    }
    setReasonError(undefined);
    setMessage(null);
    withdraw.mutate(
      { documentId: doc.id, reason: reason.trim(), version: doc.version },
      {
        onSuccess: () => onDone(`Le document « ${doc.fileName} » a été retiré du dossier.`),
        onError: (error) => {
          const state = errorsFromApi(error, ['reason']);
          if (isVersionConflict(error)) {
            // Withdrawn or changed by someone else meanwhile: the list is read again.
            void refresh();
            setMessage(`${state.message} La liste des documents vient d’être rechargée.`);
            return;
          }
          setReasonError(state.fields.reason);
          setMessage(state.fields.reason ? null : state.message);
        },
      },
    );
  }

  return (
    <form noValidate onSubmit={submit}>
      <FormAlert title="Le document n’a pas été retiré" message={message} />
      <TextAreaField
        label="Motif du retrait"
        hint="Par exemple : document en double, déposé dans le mauvais dossier, demandé par la personne."
        value={reason}
        onChange={setReason}
        maxLength={500}
        rows={3}
        error={reasonError}
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" pending={withdraw.isPending}>
          Retirer le document
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Garder le document
        </Button>
      </div>
    </form>
  );
}
