import {
  type AidConsumption,
  aidEnvelopeInputSchema,
  aidKindLabels,
  aidKinds,
  parseEuros,
} from '@parcours/contracts';
import { useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { FormActions, FormAlert, SelectField, TextField } from '../../ui';
import { useHubs } from '../territory/api';
import { setEnvelope, useAidMutation } from './api';

const shown = ['kind', 'hubId', 'amountCents', 'reason'] as const;

/** Opens or changes the envelope of a kind and pôle for the year shown; the former amount stays in the journal. */
export function EnvelopeForm({
  year,
  envelopes,
  onDone,
}: {
  year: number;
  envelopes: AidConsumption[];
  onDone: (message: string) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const hubs = useHubs();
  const [v, setV] = useState({ kind: '', hubId: '', amount: '', reason: '' });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const set = (key: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [key]: value }));
  const existing = envelopes.find((e) => e.kind === v.kind && e.hubId === v.hubId && e.envelopeId);
  const mutation = useAidMutation(setEnvelope, () => {
    setErrors(noErrors);
    setV({ kind: '', hubId: '', amount: '', reason: '' });
    onDone('L’enveloppe est enregistrée.');
  });
  return (
    <form
      ref={form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const checked = validate(aidEnvelopeInputSchema, {
          year,
          kind: v.kind || undefined,
          hubId: v.hubId || undefined,
          amountCents: v.amount.trim() === '' ? undefined : (parseEuros(v.amount) ?? Number.NaN),
          reason: v.reason,
          version: existing?.version ?? null,
        });
        if (!checked.ok) {
          setErrors(checked.errors);
          focusFirstInvalid(form.current);
          return;
        }
        mutation.mutate(checked.data, {
          onError: (err) => {
            setErrors(errorsFromApi(err, shown));
            focusFirstInvalid(form.current);
          },
        });
      }}
    >
      <FormAlert
        title="L’enveloppe n’a pas été enregistrée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <SelectField
        label="Nature de l’aide"
        value={v.kind}
        onChange={set('kind')}
        error={errors.fields.kind}
        placeholder="Choisir la nature"
        options={aidKinds.map((k) => ({ value: k, label: aidKindLabels[k] }))}
      />
      <SelectField
        label="Pôle d’insertion"
        value={v.hubId}
        onChange={set('hubId')}
        error={errors.fields.hubId}
        placeholder="Choisir le pôle"
        options={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
      />
      <TextField
        label={`Montant de l’enveloppe ${year} (€)`}
        inputMode="decimal"
        value={v.amount}
        onChange={set('amount')}
        error={errors.fields.amountCents}
        hint={existing ? 'Cette enveloppe existe : le montant saisi la remplace.' : 'Par exemple : 25 000'}
      />
      <TextField
        label="Motif"
        value={v.reason}
        onChange={set('reason')}
        error={errors.fields.reason}
        hint="Par exemple : budget primitif voté le 12 décembre."
      />
      <FormActions submitLabel="Enregistrer l’enveloppe" pending={mutation.isPending} />
    </form>
  );
}
