import type { ContractDetail } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { todayIso } from '../../lib/format';
import { DialogForm, Fieldset, FormActions, TextAreaField, TextField } from '../../ui';
import { contractChanged, moveContract } from './api';

const known = ['refusal.refusedOn', 'refusal.statement', 'refusal', 'reason'];

/**
 * The person refuses to sign the proposed version: the agent notes the date and what the person
 * said, and the version goes back to draft (or the contract is cancelled). The refusal is a dated
 * fact: « Droits et devoirs » then proposes to record it as a failure.
 */
export function RefusalDialog({
  contract,
  amendment,
  canCancel,
  onClose,
  onDone,
}: {
  contract: ContractDetail;
  amendment: boolean;
  canCancel: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [on, setOn] = useState(todayIso());
  const [statement, setStatement] = useState('');
  const [then, setThen] = useState<'draft' | 'cancelled'>('draft');
  const mutation = useMutation({
    mutationFn: () =>
      moveContract(
        contract.id,
        then,
        contract.version,
        then === 'cancelled' ? 'Refus de la personne' : null,
        {
          refusedOn: on,
          statement,
        },
      ),
    onSuccess: async (detail) => {
      await contractChanged(queryClient, detail);
      onDone(
        then === 'cancelled'
          ? 'Le refus de la personne est noté et le contrat est annulé.'
          : 'Le refus de la personne est noté et le contrat est repris en brouillon.',
      );
      onClose();
    },
  });
  const title = amendment
    ? 'La personne refuse de signer l’avenant'
    : 'La personne refuse de signer le contrat';
  return (
    <DialogForm
      title={title}
      failedTitle="Le refus n’a pas été noté"
      onClose={onClose}
      knownFields={known}
      mutation={mutation}
      check={() =>
        statement.trim() ? null : { 'refusal.statement': 'Ce que la personne a dit : obligatoire.' }
      }
    >
      {(errors) => (
        <>
          <p>
            Le refus de signer {amendment ? 'l’avenant (refus d’actualiser le contrat)' : 'le contrat'} est un
            manquement aux devoirs du RSA : il sera proposé dans « Droits et devoirs », à examiner.
          </p>
          <TextField
            label="Date du refus"
            type="date"
            value={on}
            onChange={setOn}
            error={errors.fields['refusal.refusedOn']}
          />
          <TextAreaField
            label="Ce que la personne a dit de son refus"
            value={statement}
            onChange={setStatement}
            maxLength={1000}
            rows={3}
            error={errors.fields['refusal.statement']}
          />
          {canCancel ? (
            <Fieldset legend="Ensuite" className="radio-group">
              {(
                [
                  ['draft', 'Reprendre le contrat en brouillon'],
                  ['cancelled', 'Annuler le contrat'],
                ] as const
              ).map(([value, label]) => (
                <div key={value} className="radio-group__option">
                  <input
                    type="radio"
                    id={`refus-ensuite-${value}`}
                    name="refus-ensuite"
                    value={value}
                    checked={then === value}
                    onChange={() => setThen(value)}
                  />
                  <label htmlFor={`refus-ensuite-${value}`}>{label}</label>
                </div>
              ))}
            </Fieldset>
          ) : null}
          <FormActions submitLabel="Noter le refus" pending={mutation.isPending} onCancel={onClose} />
        </>
      )}
    </DialogForm>
  );
}
