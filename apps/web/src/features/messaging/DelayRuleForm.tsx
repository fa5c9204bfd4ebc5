import { type ConvocationDelays, convocationDelayRuleInputSchema } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TextField } from '../../ui';
import { DatedRuleSetForm } from '../../ui/DatedRuleSet';
import { parisToday } from '../agenda/dates';
import { addConvocationDelays, postalKeys } from './postalApi';

const fields = ['letterDays', 'emailHours', 'smsHours'] as const;
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
  const [values, setValues] = useState({
    letterDays: String(current.letterDays),
    emailHours: String(current.emailHours),
    smsHours: String(current.smsHours),
  });
  const set = (key: (typeof fields)[number]) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  return (
    <DatedRuleSetForm
      today={parisToday()}
      schema={convocationDelayRuleInputSchema}
      input={(common) => ({
        ...common,
        letterDays: toNumber(values.letterDays),
        emailHours: toNumber(values.emailHours),
        smsHours: toNumber(values.smsHours),
      })}
      fields={fields}
      save={addConvocationDelays}
      onSaved={(saved) => {
        queryClient.setQueryData(postalKeys.delays, saved);
        onSaved('Les nouveaux délais sont enregistrés ; les précédents restent dans l’historique.');
      }}
      title="Les délais n’ont pas été enregistrés"
      submitLabel="Enregistrer ces délais"
      sourceHint="Par exemple : délibération de la commission permanente du 12 janvier."
    >
      {(errors) => (
        <>
          <TextField
            label="Courrier : délai en jours"
            type="number"
            inputMode="numeric"
            min={0}
            value={values.letterDays}
            onChange={set('letterDays')}
            error={errors.letterDays}
            hint="Jours entre le jour où le courrier est posté et le rendez-vous."
          />
          <TextField
            label="E-mail : délai en heures"
            type="number"
            inputMode="numeric"
            min={0}
            value={values.emailHours}
            onChange={set('emailHours')}
            error={errors.emailHours}
          />
          <TextField
            label="SMS : délai en heures"
            type="number"
            inputMode="numeric"
            min={0}
            value={values.smsHours}
            onChange={set('smsHours')}
            error={errors.smsHours}
          />
        </>
      )}
    </DatedRuleSetForm>
  );
}
