import type { Hub } from '@parcours/contracts';
import { useState } from 'react';
import { FilterActions, FilterForm, SelectField, TextField } from '../../ui';
import { kindOptions } from './structureKinds';

export interface StructureFilterValues {
  kind: string;
  hubId: string;
  q: string;
}

/** Type, pôle and name filters of the structure list; applied on submit. */
export function StructureFilters({
  hubs,
  kind,
  hubId,
  q,
  onApply,
}: StructureFilterValues & {
  hubs: Hub[];
  onApply: (values: StructureFilterValues) => void;
}) {
  const [values, setValues] = useState({ kind, hubId, q });
  const filtered = kind || hubId || q;
  return (
    <FilterForm label="Filtres" onSubmit={() => onApply(values)}>
      <SelectField
        label="Filtrer par type"
        value={values.kind}
        onChange={(value) => setValues({ ...values, kind: value })}
        required={false}
        placeholder="Tous les types"
        options={kindOptions}
      />
      <SelectField
        label="Filtrer par pôle"
        value={values.hubId}
        onChange={(value) => setValues({ ...values, hubId: value })}
        required={false}
        placeholder="Tous les pôles"
        options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
      />
      <TextField
        label="Rechercher par nom"
        type="search"
        value={values.q}
        onChange={(value) => setValues({ ...values, q: value })}
        required={false}
      />
      <FilterActions
        submitLabel="Filtrer"
        onReset={filtered ? () => onApply({ kind: '', hubId: '', q: '' }) : undefined}
      />
    </FilterForm>
  );
}
