import { api, epProposedOutcomeLabels, epProposedOutcomes, type SanctionCase } from '@parcours/contracts';
import { useState } from 'react';
import { call } from '../../../lib/client';
import { todayIso } from '../../../lib/format';
import { emptyToNull } from '../../../lib/forms';
import { DialogForm, FormActions, SelectField, TextAreaField, TextField } from '../../../ui';
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
  const [submittedOn, setSubmittedOn] = useState(todayIso());
  const [proposed, setProposed] = useState(c.regime === 'earlier' ? 'sanction' : '');
  const [reason, setReason] = useState('');
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
    <DialogForm
      title="Soumettre à l’équipe pluridisciplinaire"
      failedTitle="Le dossier n’a pas été soumis"
      onClose={onClose}
      knownFields={['submittedOn', 'proposedOutcome', 'reason']}
      mutation={mutation}
    >
      {(errors) => (
        <>
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
        </>
      )}
    </DialogForm>
  );
}
