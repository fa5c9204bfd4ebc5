import { householdTypeLabels, householdTypes } from '@parcours/contracts';
import { useState } from 'react';
import { Button, FilterForm, SelectField, TextField } from '../../ui';
import { useCommunes, useHubs } from '../territory/api';
import type { QueueFilters } from './queueApi';

const empty = { commune: '', ageMin: '', ageMax: '', householdType: '', convened: '', hubId: '' };
export type QueueDraft = typeof empty;

/** The queue's filters being typed; applied to the address bar on "Filtrer". */
export function QueueFilterForm({
  filters,
  actorHubId,
  onApply,
  onClear,
}: {
  filters: QueueFilters;
  /** The pôle of a pôle agent (fixed); null for those who choose it. */
  actorHubId: string | null;
  onApply: (draft: QueueDraft) => void;
  onClear: () => void;
}) {
  const hubs = useHubs();
  const hubId = actorHubId ?? filters.hubId;
  const communes = useCommunes({ hubId: hubId ?? undefined }, Boolean(hubId));
  const [draft, setDraft] = useState<QueueDraft>({
    commune: filters.commune ?? '',
    ageMin: filters.ageMin ?? '',
    ageMax: filters.ageMax ?? '',
    householdType: filters.householdType ?? '',
    convened: filters.convened ?? '',
    hubId: filters.hubId ?? '',
  });

  return (
    <FilterForm label="Filtrer la file" onSubmit={() => onApply({ ...draft })}>
      {!actorHubId ? (
        <SelectField
          label="Pôle d’insertion"
          optional
          value={draft.hubId}
          onChange={(v) => setDraft({ ...draft, hubId: v, commune: '' })}
          placeholder="Tout le département"
          options={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
        />
      ) : null}
      <SelectField
        label="Commune"
        optional
        value={draft.commune}
        onChange={(v) => setDraft({ ...draft, commune: v })}
        placeholder="Toutes les communes"
        options={(communes.data ?? []).map((c) => ({ value: c.inseeCode, label: c.name }))}
      />
      <TextField
        label="Âge minimum"
        optional
        inputMode="numeric"
        value={draft.ageMin}
        onChange={(v) => setDraft({ ...draft, ageMin: v })}
      />
      <TextField
        label="Âge maximum"
        optional
        inputMode="numeric"
        value={draft.ageMax}
        onChange={(v) => setDraft({ ...draft, ageMax: v })}
      />
      <SelectField
        label="Composition du foyer"
        optional
        value={draft.householdType}
        onChange={(v) => setDraft({ ...draft, householdType: v })}
        placeholder="Tous les foyers"
        options={householdTypes.map((t) => ({ value: t, label: householdTypeLabels[t] }))}
      />
      <SelectField
        label="Convocation"
        optional
        value={draft.convened}
        onChange={(v) => setDraft({ ...draft, convened: v })}
        placeholder="Convoqués ou non"
        options={[
          { value: 'no', label: 'Pas encore convoqués' },
          { value: 'yes', label: 'Convoqués' },
        ]}
      />
      <div className="filters__actions">
        <Button type="submit">Filtrer</Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setDraft(empty);
            onClear();
          }}
        >
          Effacer les filtres
        </Button>
      </div>
    </FilterForm>
  );
}
