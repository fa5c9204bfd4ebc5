import type { OfferActionBudget } from '@parcours/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, hasErrors, noErrors } from '../../lib/forms';
import { Alert, FormActions, FormAlert, SelectField, TextField } from '../../ui';
import { useSetManualBudget } from './api';
import { formatCents, parseEurosInput } from './money';

const fields = ['actionId', 'amountCents', 'stateShareCents', 'departmentShareCents'] as const;

/**
 * An administrator types an action's budget for the year. The shares must make the amount: the
 * API refuses otherwise and nothing is written. The annex's own figures stay as printed.
 */
export function ManualBudgetForm({ actions, year }: { actions: OfferActionBudget[]; year: number }) {
  const form = useRef<HTMLFormElement>(null);
  const save = useSetManualBudget();
  const [actionId, setActionId] = useState('');
  const [amount, setAmount] = useState('');
  const [state, setState] = useState('');
  const [department, setDepartment] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(null);
    const next: FormErrorState = { message: null, fields: {} };
    if (!actionId) next.fields.actionId = 'Action : obligatoire.';
    const values = { amountCents: amount, stateShareCents: state, departmentShareCents: department };
    const cents: Record<string, number> = {};
    for (const [key, text] of Object.entries(values)) {
      const label =
        key === 'amountCents' ? 'Montant' : key === 'stateShareCents' ? 'Part État' : 'Part département';
      const parsed = parseEurosInput(text);
      if (text.trim() === '') next.fields[key] = `${label} : obligatoire.`;
      else if (parsed === null || parsed < 0)
        next.fields[key] = `${label} invalide : un montant en euros, positif.`;
      else cents[key] = parsed;
    }
    if (
      Object.keys(cents).length === 3 &&
      cents.stateShareCents! + cents.departmentShareCents! !== cents.amountCents
    )
      next.fields.departmentShareCents =
        'Part département invalide : part État + part département doivent faire le montant.';
    if (hasErrors(next)) {
      setErrors({ ...next, message: 'Le formulaire contient des erreurs. Corrigez les champs signalés.' });
      focusFirstInvalid(form.current);
      return;
    }
    setErrors(noErrors);
    save.mutate(
      {
        actionId,
        year,
        body: {
          amountCents: cents.amountCents!,
          stateShareCents: cents.stateShareCents!,
          departmentShareCents: cents.departmentShareCents!,
        },
      },
      {
        onSuccess: (r) => {
          const code = actions.find((a) => a.actionId === actionId)?.code ?? '';
          setSaved(`Budget ${year} de l’action ${code} enregistré : ${formatCents(r.budget.amountCents)}.`);
        },
        onError: (error) => {
          setErrors(errorsFromApi(error, fields));
          focusFirstInvalid(form.current);
        },
      },
    );
  };

  return (
    <section aria-labelledby="saisie-budget">
      <h2 id="saisie-budget">Saisir le budget {year} d’une action</h2>
      <form ref={form} noValidate onSubmit={submit}>
        <FormAlert
          title="Le budget n’a pas été enregistré"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        {saved ? <Alert tone="success" title={saved} /> : null}
        <SelectField
          label="Action"
          value={actionId}
          onChange={setActionId}
          placeholder="Choisir une action"
          options={actions.map((a) => ({ value: a.actionId, label: `${a.code} — ${a.title}` }))}
          error={errors.fields.actionId}
        />
        <TextField
          label="Montant (€)"
          value={amount}
          onChange={setAmount}
          error={errors.fields.amountCents}
          inputMode="decimal"
        />
        <TextField
          label="Part État (€)"
          value={state}
          onChange={setState}
          error={errors.fields.stateShareCents}
          inputMode="decimal"
        />
        <TextField
          label="Part département (€)"
          value={department}
          onChange={setDepartment}
          error={errors.fields.departmentShareCents}
          inputMode="decimal"
        />
        <FormActions submitLabel="Enregistrer le budget" pending={save.isPending} />
      </form>
    </section>
  );
}
