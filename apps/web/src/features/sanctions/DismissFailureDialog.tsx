import { type DetectedFailure, type Failure, failureKindLabels } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { DialogForm, FormActions, TextAreaField } from '../../ui';
import { dismissFailure, recordFailure, useSanctionMutation } from './api';

/** What is classed: a failure recorded and still to examine, or one found in the facts. */
export type DismissTarget = { recorded: Failure } | { detected: DetectedFailure };

/**
 * « Classer sans suite »: an excuse produced late, a fact disproved. A failure found in the facts
 * is recorded and classed in one go, so the queue empties and the history keeps why.
 */
export function DismissFailureDialog({
  personId,
  target,
  onClose,
  onDone,
}: {
  personId: string;
  target: DismissTarget;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [reason, setReason] = useState('');
  const f = 'recorded' in target ? target.recorded : target.detected;
  const mutation = useSanctionMutation(
    () =>
      'recorded' in target
        ? dismissFailure(personId, target.recorded, reason)
        : recordFailure(personId, {
            kind: target.detected.kind,
            factsDate: target.detected.factsDate,
            appointmentId: target.detected.appointmentId,
            contractRefusalId: target.detected.contractRefusalId,
            dismissReason: reason,
          }),
    () => {
      onDone('Le manquement est classé sans suite.');
      onClose();
    },
  );
  return (
    <DialogForm
      title="Classer le manquement sans suite"
      failedTitle="Le manquement n’a pas été classé"
      onClose={onClose}
      knownFields={['reason', 'dismissReason']}
      mutation={mutation}
      check={() => (reason.trim() ? null : { reason: 'Motif du classement sans suite : obligatoire.' })}
    >
      {(errors) => (
        <>
          <p>
            {failureKindLabels[f.kind]}, faits du {formatDate(f.factsDate)}. Il restera dans l’historique de
            la personne, avec le motif.
          </p>
          <TextAreaField
            label="Motif du classement sans suite"
            value={reason}
            onChange={setReason}
            maxLength={1000}
            rows={3}
            error={errors.fields.reason ?? errors.fields.dismissReason}
          />
          <FormActions submitLabel="Classer sans suite" pending={mutation.isPending} onCancel={onClose} />
        </>
      )}
    </DialogForm>
  );
}
