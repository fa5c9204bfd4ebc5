import { type Referral, referralInputSchema } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { formatDate } from '../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Button, Dialog, FormAlert, SelectField, TextAreaField, TextField } from '../../ui';
import { useCan } from '../auth/session';
import { ActionPicker, type PickedAction } from '../catalogue/ActionPicker';
import { usePersonContracts } from '../contracts/api';
import { contractTitle } from '../contracts/labels';
import { referralKeys, sendReferral } from './api';

const fields = ['actionId', 'sessionId', 'message', 'weeklyHours', 'contractId'] as const;

/**
 * « Orienter vers une action »: find the action (ActionPicker, prefilled with the person's commune),
 * then the message to the operator and the weekly hours, and send the fiche de liaison.
 */
export function ReferralDialog({
  open,
  personId,
  communeCode,
  onClose,
  onSent,
}: {
  open: boolean;
  personId: string;
  communeCode: string | null;
  onClose: () => void;
  onSent: (r: Referral) => void;
}) {
  return (
    <Dialog open={open} title="Orienter vers une action" onClose={onClose} size="lg">
      <ReferralForm personId={personId} communeCode={communeCode} onSent={onSent} />
    </Dialog>
  );
}

function ReferralForm({
  personId,
  communeCode,
  onSent,
}: {
  personId: string;
  communeCode: string | null;
  onSent: (r: Referral) => void;
}) {
  const queryClient = useQueryClient();
  const canReadContracts = useCan('contract.read');
  const contracts = usePersonContracts(personId, canReadContracts);
  const [picked, setPicked] = useState<PickedAction | null>(null);
  const [message, setMessage] = useState('');
  const [hours, setHours] = useState('');
  const [contractId, setContractId] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const form = useRef<HTMLFormElement>(null);
  const send = useMutation({
    mutationFn: (body: Parameters<typeof sendReferral>[1]) => sendReferral(personId, body),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: referralKeys.person(personId) });
      onSent(r);
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, fields));
      focusFirstInvalid(form.current);
    },
  });

  if (!picked)
    return (
      <>
        <p>Cherchez l’action par besoin, commune, public ou mot-clé, puis choisissez une session.</p>
        <ActionPicker
          defaultCommuneCode={communeCode}
          onPick={(choice) => {
            setPicked(choice);
            setHours(choice.weeklyHours == null ? '' : String(choice.weeklyHours));
          }}
        />
      </>
    );

  const usable = (contracts.data?.items ?? []).filter((c) =>
    ['draft', 'proposed', 'signed', 'in_force'].includes(c.status),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(referralInputSchema, {
      actionId: picked!.actionId,
      sessionId: picked!.sessionId,
      message: message.trim() || undefined,
      weeklyHours: hours.trim() === '' ? null : Number(hours.replace(',', '.')),
      contractId: contractId || null,
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form.current);
      return;
    }
    send.mutate(checked.data);
  }
  return (
    <form ref={form} noValidate onSubmit={submit} aria-label="Fiche de liaison">
      <FormAlert
        title="La fiche de liaison n’a pas été envoyée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <p>
        <strong>
          {picked.actionCode} — {picked.title}
        </strong>
        {picked.sessionLabel ? (
          <>
            <br />
            Session : {picked.sessionLabel}
            {picked.startsOn ? ` (du ${formatDate(picked.startsOn)} au ${formatDate(picked.endsOn)})` : ''}
            {picked.freePlaces != null ? ` · ${picked.freePlaces} places libres` : ''}
          </>
        ) : (
          <>
            <br />
            Entrée permanente
          </>
        )}
      </p>
      <p>
        <Button variant="secondary" onClick={() => setPicked(null)}>
          Choisir une autre action
        </Button>
      </p>
      <TextAreaField
        label="Message à l’opérateur"
        optional
        rows={4}
        value={message}
        onChange={setMessage}
        maxLength={2000}
        error={errors.fields.message}
        hint="Ce que l’opérateur doit savoir pour accueillir la personne (sans données de santé)."
      />
      <TextField
        label="Heures par semaine"
        type="number"
        inputMode="decimal"
        min={0}
        max={60}
        value={hours}
        onChange={setHours}
        error={errors.fields.weeklyHours}
        hint="Comptées dans le plan hebdomadaire du contrat choisi."
      />
      {canReadContracts && usable.length > 0 ? (
        <SelectField
          label="Contrat d’engagement"
          optional
          value={contractId}
          onChange={setContractId}
          placeholder="Aucun"
          options={usable.map((c) => ({ value: c.id, label: contractTitle(c) }))}
          error={errors.fields.contractId}
        />
      ) : null}
      {errors.fields.sessionId || errors.fields.actionId ? (
        <p className="field__error">{errors.fields.sessionId ?? errors.fields.actionId}</p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" pending={send.isPending}>
          Envoyer la fiche de liaison
        </Button>
      </div>
    </form>
  );
}
