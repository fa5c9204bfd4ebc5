import { changeReferentSchema, type PersonReferents } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import { Button, Dialog, FormAlert, TextAreaField } from '../../ui';
import { assignmentKeys, changeReferent } from './api';
import { capOverrun, ReferentCapFields, validateWithOverCap } from './ReferentCapFields';

const fields = ['referentId', 'reason', 'overCapReason'] as const;

/** "Changer de référent": the new référent (load / cap shown), the reason, over the cap its reason. */
export function ChangeReferentDialog({
  personId,
  data,
  open,
  onClose,
  onChanged,
}: {
  personId: string;
  data: PersonReferents;
  open: boolean;
  onClose: () => void;
  onChanged: (text: string) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={data.current ? 'Changer de référent' : 'Désigner le référent'}
      description="La personne et les deux référents sont prévenus (e-mail ou SMS selon l’accord de la personne)."
    >
      <ChangeForm personId={personId} data={data} onClose={onClose} onChanged={onChanged} />
    </Dialog>
  );
}

function ChangeForm({
  personId,
  data,
  onClose,
  onChanged,
}: {
  personId: string;
  data: PersonReferents;
  onClose: () => void;
  onChanged: (text: string) => void;
}) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const candidates = data.candidates.filter((c) => c.id !== data.current?.referentId);
  const [referentId, setReferentId] = useState('');
  const [reason, setReason] = useState('');
  const [overCapReason, setOverCapReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const { overCap } = capOverrun(candidates, referentId, 1);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof changeReferent>[1]) => changeReferent(personId, body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(assignmentKeys.person(personId), saved);
      await queryClient.invalidateQueries({ queryKey: ['persons'] });
      onChanged(`Le référent est désormais ${saved.current?.name ?? 'désigné'}.`);
      onClose();
    },
    onError: (err) => {
      setErrors(errorsFromApi(err, fields));
      focusFirstInvalid(form.current);
    },
  });
  return (
    <form
      ref={form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const checked = validateWithOverCap(
          changeReferentSchema,
          { referentId, reason },
          overCap,
          overCapReason,
        );
        if (!checked.ok) {
          setErrors(checked.errors);
          focusFirstInvalid(form.current);
          return;
        }
        save.mutate(checked.data);
      }}
    >
      <FormAlert
        title="Le référent n’a pas été changé"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <ReferentCapFields
        label="Nouveau référent"
        referents={candidates}
        referentId={referentId}
        onReferentChange={setReferentId}
        added={1}
        overCapReason={overCapReason}
        onOverCapReasonChange={setOverCapReason}
        errors={errors}
      >
        <TextAreaField
          label="Motif du changement"
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
          hint="Par exemple : départ de la référente, rapprochement du domicile, demande de la personne."
        />
      </ReferentCapFields>
      <div className="form-actions">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Enregistrement…' : 'Enregistrer le changement'}
        </Button>
        <Button type="button" variant="secondary" onClick={onClose}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
