import { type AssignmentInbox, assignPersonsSchema, plural } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import { Button, FormAlert } from '../../ui';
import { assignmentKeys, assignPersons } from './api';
import { capOverrun, ReferentCapFields, validateWithOverCap } from './ReferentCapFields';
import { referentLabel } from './ReferentLoads';

const fields = ['referentId', 'overCapReason', 'personIds'] as const;

/**
 * Assigns the selected persons to a référent (the least loaded preselected). When the portfolio
 * would go over its cap, the reason field appears and is required.
 */
export function AssignForm({
  inbox,
  selected,
  onDone,
}: {
  inbox: AssignmentInbox;
  selected: string[];
  onDone: (text: string) => void;
}) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [referentId, setReferentId] = useState(inbox.proposedReferentId ?? '');
  const [overCapReason, setOverCapReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const { referent, overCap } = capOverrun(inbox.referents, referentId, selected.length);

  const save = useMutation({
    mutationFn: assignPersons,
    onSuccess: async (result) => {
      setErrors(noErrors);
      setOverCapReason('');
      await queryClient.invalidateQueries({ queryKey: assignmentKeys.all });
      onDone(
        `${plural(result.assigned, 'personne affectée', 'personnes affectées')} à ${referent ? referentLabel(referent) : 'ce référent'} (${result.load} suivies pour un plafond de ${result.cap}).`,
      );
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
      aria-label="Affecter les personnes sélectionnées"
      onSubmit={(e) => {
        e.preventDefault();
        const checked = validateWithOverCap(
          assignPersonsSchema,
          { referentId, personIds: selected },
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
        title="Les personnes n’ont pas été affectées"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <p aria-live="polite">
        {selected.length === 0
          ? 'Cochez les personnes à affecter dans le tableau.'
          : `${plural(selected.length, 'personne sélectionnée', 'personnes sélectionnées')}.`}
      </p>
      {errors.fields.personIds ? <p className="field__error">{errors.fields.personIds}</p> : null}
      <div className="form-grid">
        <ReferentCapFields
          label="Référent"
          referents={inbox.referents}
          referentId={referentId}
          onReferentChange={setReferentId}
          added={selected.length}
          proposedId={inbox.proposedReferentId}
          hint={
            inbox.proposedReferentId
              ? 'Le référent le moins chargé (rapport entre personnes suivies et plafond) est proposé.'
              : 'Aucun référent actif dans cette structure.'
          }
          overCapReason={overCapReason}
          onOverCapReasonChange={setOverCapReason}
          errors={errors}
          reasonClassName="form-grid__wide"
        />
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={save.isPending || selected.length === 0}>
          {save.isPending
            ? 'Affectation…'
            : selected.length > 1
              ? `Affecter les ${selected.length} personnes`
              : 'Affecter la personne'}
        </Button>
      </div>
    </form>
  );
}
