import { medicalReferralInputSchema } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Dialog, FormActions, FormAlert, TextAreaField } from '../../ui';
import { postMedicalReferral } from './api';

const knownFields = ['reason'];

/**
 * "Adresser à l’équipe médicale": the reason of the request, checked like every form of the
 * application (message under the field, no browser bubble), then sent to the pôle's medical team.
 */
export function MedicalRequestDialog({
  personId,
  open,
  onClose,
  onRequested,
}: {
  personId: string;
  open: boolean;
  onClose: () => void;
  onRequested: () => Promise<void>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const request = useMutation({
    mutationFn: (text: string) => postMedicalReferral(personId, text),
    onSuccess: async () => {
      setReason('');
      setErrors(noErrors);
      await onRequested();
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, knownFields));
      focusFirstInvalid(formRef.current);
    },
  });

  function close() {
    request.reset();
    setErrors(noErrors);
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = validate(medicalReferralInputSchema, { reason });
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    request.mutate(result.data.reason);
  }

  return (
    <Dialog
      open={open}
      title="Adresser à l’équipe médicale"
      description="La demande est transmise à l’équipe médicale du pôle de la personne."
      onClose={close}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <FormAlert
          title="La demande n’a pas été envoyée"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <TextAreaField
          label="Motif de la demande"
          hint="Sans information médicale : par exemple « difficultés de santé déclarées lors du diagnostic, avis sur les actions compatibles »."
          value={reason}
          onChange={setReason}
          maxLength={1000}
          error={errors.fields.reason}
        />
        <FormActions submitLabel="Envoyer la demande" pending={request.isPending} onCancel={close} />
      </form>
    </Dialog>
  );
}
