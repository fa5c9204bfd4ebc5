import { type Referral, referralCancelSchema } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Button, Dialog, FormAlert, TextAreaField } from '../../ui';
import { cancelReferral, referralKeys } from './api';

/** The référent withdraws a fiche de liaison before the entry, with a reason. */
export function CancelReferralDialog({
  referral,
  onClose,
  onDone,
}: {
  referral: Referral;
  onClose: () => void;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const form = useRef<HTMLFormElement>(null);
  const cancel = useMutation({
    mutationFn: (body: { version: number; reason: string }) => cancelReferral(referral.id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: referralKeys.person(referral.personId) });
      onDone();
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, ['reason']));
      focusFirstInvalid(form.current);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(referralCancelSchema, { version: referral.version, reason });
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form.current);
      return;
    }
    cancel.mutate(checked.data);
  }
  return (
    <Dialog open title={`Annuler la fiche ${referral.action.code}`} onClose={onClose}>
      <form ref={form} noValidate onSubmit={submit}>
        <FormAlert
          title="La fiche de liaison n’a pas été annulée"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <TextAreaField
          label="Motif de l’annulation"
          rows={3}
          value={reason}
          onChange={setReason}
          maxLength={1000}
          error={errors.fields.reason}
        />
        <div className="form-actions">
          <Button type="submit" pending={cancel.isPending}>
            Annuler la fiche de liaison
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
