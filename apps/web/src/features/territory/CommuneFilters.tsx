import type { Hub } from '@parcours/contracts';
import { useState } from 'react';
import { FilterActions, FilterForm, SelectField, TextField } from '../../ui';

/** Filter value of the communes attached to no pôle. */
export const UNASSIGNED = 'sans-pole';

/** Pôle and name filters of the commune list; applied on submit. */
export function CommuneFilters({
  hubs,
  hubId,
  q,
  onApply,
}: {
  hubs: Hub[];
  hubId: string;
  q: string;
  onApply: (hubId: string, q: string) => void;
}) {
  const [hub, setHub] = useState(hubId);
  const [text, setText] = useState(q);
  return (
    <FilterForm label="Filtres" onSubmit={() => onApply(hub, text)}>
      <SelectField
        label="Pôle d’insertion"
        value={hub}
        onChange={setHub}
        required={false}
        placeholder="Tous les pôles"
        options={[
          { value: UNASSIGNED, label: 'Communes sans pôle' },
          ...hubs.map((h) => ({ value: h.id, label: h.name })),
        ]}
      />
      <TextField
        label="Nom ou code de la commune"
        type="search"
        value={text}
        onChange={setText}
        required={false}
      />
      <FilterActions submitLabel="Afficher les communes" />
    </FilterForm>
  );
}
