import { type ConvocationDelays, convocationDelayRuleInputSchema } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Button, FormAlert, TextField } from '../../ui';
import { parisToday } from '../agenda/dates';
import { addConvocationDelays, postalKeys } from './postalApi';

const fields = ['effectiveFrom', 'letterDays', 'emailHours', 'smsHours', 'source'] as const;
const toNumber = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

/** New minimum delays from a date (today or later): the former ones are kept in the history. */
export function DelayRuleForm({
  current,
  onSaved,
}: {
  current: ConvocationDelays['current'];
  onSaved: (text: string) => void;
}) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState({
    effectiveFrom: parisToday(),
    letterDays: String(current.letterDays),
    emailHours: String(current.emailHours),
    smsHours: String(current.smsHours),
    source: '',
  });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const set = (key: (typeof fields)[number]) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: addConvocationDelays,
    onSuccess: async (saved) => {
      setErrors(noErrors);
      queryClient.setQueryData(postalKeys.delays, saved);
      setValues((v) => ({ ...v, source: '' }));
      onSaved('Les nouveaux délais sont enregistrés ; les précédents restent dans l’historique.');
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
        const checked = validate(convocationDelayRuleInputSchema, {
          ...values,
          letterDays: toNumber(values.letterDays),
          emailHours: toNumber(values.emailHours),
          smsHours: toNumber(values.smsHours),
        });
        if (!checked.ok) {
          setErrors(checked.errors);
          focusFirstInvalid(form.current);
          return;
        }
        save.mutate(checked.data);
      }}
    >
      <FormAlert
        title="Les délais n’ont pas été enregistrés"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <div className="form-grid">
        <TextField
          label="En vigueur à partir du"
          type="date"
          value={values.effectiveFrom}
          onChange={set('effectiveFrom')}
          error={errors.fields.effectiveFrom}
          hint="Aujourd’hui ou une date à venir."
        />
        <TextField
          label="Courrier : délai en jours"
          type="number"
          inputMode="numeric"
          min={0}
          value={values.letterDays}
          onChange={set('letterDays')}
          error={errors.fields.letterDays}
          hint="Jours entre le jour où le courrier est posté et le rendez-vous."
        />
        <TextField
          label="E-mail : délai en heures"
          type="number"
          inputMode="numeric"
          min={0}
          value={values.emailHours}
          onChange={set('emailHours')}
          error={errors.fields.emailHours}
        />
        <TextField
          label="SMS : délai en heures"
          type="number"
          inputMode="numeric"
          min={0}
          value={values.smsHours}
          onChange={set('smsHours')}
          error={errors.fields.smsHours}
        />
        <TextField
          className="form-grid__wide"
          label="Décision ou raison"
          value={values.source}
          onChange={set('source')}
          error={errors.fields.source}
          hint="Par exemple : délibération de la commission permanente du 12 janvier."
        />
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Enregistrement…' : 'Enregistrer ces délais'}
        </Button>
      </div>
    </form>
  );
}
