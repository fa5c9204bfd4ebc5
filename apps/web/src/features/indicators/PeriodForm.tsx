import { type Hub, planPauvreteQuerySchema } from '@parcours/contracts';
import { useRef, useState } from 'react';
import { type FormErrorState, focusFirstInvalid, validate } from '../../lib/forms';
import { Button, FilterForm, FormAlert, hubCodeOptions, PeriodFields, SelectField } from '../../ui';
import type { IndicatorFilters } from './period';

/**
 * The period (« Du », « Au ») and the pôle of the figures. Checked here with the API's own schema,
 * and the API's refusals (400 with French messages) shown under the same fields.
 */
export function PeriodForm({
  filters,
  hubs,
  hubsUnavailable,
  apiErrors,
  onApply,
}: {
  filters: IndicatorFilters;
  hubs: readonly Hub[];
  hubsUnavailable: boolean;
  apiErrors: FormErrorState;
  onApply: (filters: IndicatorFilters) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);
  const [hub, setHub] = useState(filters.hub ?? '');
  const [errors, setErrors] = useState<FormErrorState | null>(null);
  // Until the agent submits, what is shown is the API's answer to the address's filters.
  const shown = errors ?? apiErrors;

  function submit() {
    const result = validate(planPauvreteQuerySchema, { from, to, hub: hub || undefined });
    if (!result.ok) {
      setErrors({ message: null, fields: result.errors.fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    // Valid here: what is shown next is the API's answer to these filters.
    setErrors(null);
    onApply({ from: result.data.from, to: result.data.to, hub: result.data.hub });
  }

  const options = hubCodeOptions(hubs, hub);

  return (
    <FilterForm formRef={formRef} label="Période et territoire des indicateurs" onSubmit={submit}>
      <FormAlert
        title="Les indicateurs n’ont pas été calculés"
        message={shown.message}
        fieldCount={Object.keys(shown.fields).length}
      />
      <PeriodFields from={from} to={to} onFrom={setFrom} onTo={setTo} errors={shown.fields} />
      <SelectField
        label="Pôle d’insertion"
        name="hub"
        required={false}
        hint={hubsUnavailable ? 'La liste des pôles n’a pas pu être chargée.' : 'Ou tout le département.'}
        placeholder="Tout le département"
        options={options}
        value={hub}
        onChange={setHub}
        error={shown.fields.hub}
      />
      <div className="filters__actions">
        <Button type="submit">Afficher les indicateurs</Button>
      </div>
    </FilterForm>
  );
}
