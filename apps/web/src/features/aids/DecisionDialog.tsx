import { type AidQueueItem, aidKindLabels, formatCents } from '@parcours/contracts';
import { useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import { Dialog, FormActions, FormAlert, TextAreaField } from '../../ui';
import { decideAid, useAidMutation } from './api';

/** Refuse a request, or cancel a validated or ordered aid: a reason is required. */
export function DecisionDialog({
  aid,
  to,
  onClose,
  onDone,
}: {
  aid: AidQueueItem;
  to: 'rejected' | 'cancelled';
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useAidMutation(
    () => decideAid(aid.id, { to, version: aid.version, reason }),
    () => {
      onDone(to === 'rejected' ? 'La demande est refusée.' : 'L’aide est annulée.');
      onClose();
    },
  );
  const title = to === 'rejected' ? 'Refuser la demande' : 'Annuler l’aide';
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      description={`${aid.personName} — ${aidKindLabels[aid.kind]}, ${formatCents(aid.amountCents)}`}
    >
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) {
            setErrors({ message: null, fields: { reason: 'Motif : obligatoire.' } });
            focusFirstInvalid(form.current);
            return;
          }
          mutation.mutate(undefined, {
            onError: (err) => {
              setErrors(errorsFromApi(err, ['reason']));
              focusFirstInvalid(form.current);
            },
          });
        }}
      >
        <FormAlert
          title={to === 'rejected' ? 'La demande n’a pas été refusée' : 'L’aide n’a pas été annulée'}
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <TextAreaField label="Motif" value={reason} onChange={setReason} error={errors.fields.reason} />
        <FormActions submitLabel={title} pending={mutation.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
