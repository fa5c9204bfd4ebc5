import { api, epProposedOutcomeLabels, epProposedOutcomes, type SanctionCase } from '@parcours/contracts';
import { useRef, useState } from 'react';
import { call } from '../../../lib/client';
import { todayIso } from '../../../lib/format';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
} from '../../../lib/forms';
import { Dialog, FormActions, FormAlert, SelectField, TextAreaField, TextField } from '../../../ui';
import { useSanctionMutation } from '../api';

/** Submits a case to the EP of its pôle: the proposal the team gives its opinion on. */
export function EpReferralDialog({
  personId,
  sanctionCase: c,
  onClose,
  onDone,
}: {
  personId: string;
  sanctionCase: SanctionCase;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [submittedOn, setSubmittedOn] = useState(todayIso());
  const [proposed, setProposed] = useState(c.regime === 'earlier' ? 'sanction' : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const mutation = useSanctionMutation(
    () =>
      call(api.epSessions.refer, {
        params: { id: personId, caseId: c.id },
        body: {
          submittedOn,
          proposedOutcome: (proposed || undefined) as never,
          reason: emptyToNull(reason),
        },
      }),
    () => {
      onDone('Le dossier est soumis à l’équipe pluridisciplinaire : il attend son inscription à une séance.');
      onClose();
    },
  );
  return (
    <Dialog open title="Soumettre à l’équipe pluridisciplinaire" onClose={onClose}>
      <form
        ref={form}
        noValidate
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setErrors(noErrors);
          mutation.mutate(undefined, {
            onError: (err) => {
              setErrors(errorsFromApi(err, ['submittedOn', 'proposedOutcome', 'reason']));
              focusFirstInvalid(form.current);
            },
          });
        }}
      >
        <FormAlert
          title="Le dossier n’a pas été soumis"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <p>
          L’avis de l’équipe est requis avant une radiation, une réorientation entre parcours social et
          professionnel et, pour les faits antérieurs au 1er juin 2025, avant toute sanction.
        </p>
        <TextField
          label="Saisie le"
          type="date"
          value={submittedOn}
          onChange={setSubmittedOn}
          error={errors.fields.submittedOn}
        />
        <SelectField
          label="Proposition soumise à l’avis de l’équipe"
          value={proposed}
          onChange={setProposed}
          placeholder="Choisir…"
          options={epProposedOutcomes.map((o) => ({ value: o, label: epProposedOutcomeLabels[o] }))}
          error={errors.fields.proposedOutcome}
        />
        <TextAreaField
          label="Motif de la saisine"
          optional
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
        />
        <FormActions submitLabel="Soumettre à l’EP" pending={mutation.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
