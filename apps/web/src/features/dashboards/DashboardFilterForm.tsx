import { dashboardQuerySchema, type Hub, type Structure } from '@parcours/contracts';
import { useRef, useState } from 'react';
import { type FormErrorState, focusFirstInvalid, validate } from '../../lib/forms';
import { Button, FilterForm, FormAlert, hubCodeOptions, PeriodFields, SelectField } from '../../ui';
import type { DashboardFilters } from './filters';

/**
 * Period, pôle and structure of the dashboard, checked with the API's own schema; the API's
 * refusals (unknown pôle or structure) are shown under the same fields.
 */
export function DashboardFilterForm({
  filters,
  hubs,
  structures,
  listsUnavailable,
  apiErrors,
  onApply,
}: {
  filters: DashboardFilters;
  hubs: readonly Hub[];
  structures: readonly Structure[];
  listsUnavailable: boolean;
  apiErrors: FormErrorState;
  onApply: (filters: DashboardFilters) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);
  const [hub, setHub] = useState(filters.hub ?? '');
  const [structure, setStructure] = useState(filters.structure ?? '');
  const [errors, setErrors] = useState<FormErrorState | null>(null);
  const shown = errors ?? apiErrors;

  function submit() {
    const values = { from, to, hub: hub || undefined, structure: structure || undefined };
    const result = validate(dashboardQuerySchema, values);
    if (!result.ok) {
      setErrors({ message: null, fields: result.errors.fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(null);
    onApply(result.data);
  }

  const hubOptions = hubCodeOptions(hubs, hub);
  // The structures of the chosen pôle, or all of them.
  const hubId = hubs.find((h) => h.code === hub || h.id === hub)?.id;
  const structureOptions = structures
    .filter((s) => !hubId || s.hubId === hubId || s.id === structure)
    .map((s) => ({ value: s.id, label: s.name }));
  if (structure && !structureOptions.some((o) => o.value === structure))
    structureOptions.push({ value: structure, label: structure });

  return (
    <FilterForm formRef={formRef} label="Filtres du tableau de bord" onSubmit={submit}>
      <FormAlert
        title="Le tableau de bord n’a pas été calculé"
        message={shown.message}
        fieldCount={Object.keys(shown.fields).length}
      />
      <PeriodFields from={from} to={to} onFrom={setFrom} onTo={setTo} errors={shown.fields} />
      <SelectField
        label="Pôle d’insertion"
        name="hub"
        required={false}
        hint={listsUnavailable ? 'La liste des pôles n’a pas pu être chargée.' : 'Ou tous les pôles.'}
        placeholder="Tous les pôles"
        options={hubOptions}
        value={hub}
        onChange={(v) => {
          setHub(v);
          setStructure('');
        }}
        error={shown.fields.hub}
      />
      <SelectField
        label="Structure"
        name="structure"
        required={false}
        hint="La structure d’orientation, de suivi ou qui a prescrit."
        placeholder="Toutes les structures"
        options={structureOptions}
        value={structure}
        onChange={setStructure}
        error={shown.fields.structure}
      />
      <div className="filters__actions">
        <Button type="submit">Appliquer</Button>
      </div>
    </FilterForm>
  );
}
