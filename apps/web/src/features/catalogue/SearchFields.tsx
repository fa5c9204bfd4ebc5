import {
  type CatalogueFilters,
  dataInclusionPublicLabels,
  dataInclusionPublics,
  dataInclusionThematiques,
  offerAxes,
  offerAxisLabels,
  thematiqueFamily,
  thematiqueFamilyLabels,
  thematiqueLabels,
} from '@parcours/contracts';
import type { KeyboardEvent } from 'react';
import { Checkbox, SelectField, type SelectOptionGroup, TextField } from '../../ui';

/** What the search form holds (strings while typing). */
export interface SearchValues {
  need: string;
  communeCode: string;
  public: string;
  q: string;
  freeOnly: boolean;
  hubId: string;
  axis: string;
  includeCancelled: boolean;
}

export const emptySearch: SearchValues = {
  need: '',
  communeCode: '',
  public: '',
  q: '',
  freeOnly: false,
  hubId: '',
  axis: '',
  includeCancelled: false,
};

/** Needs: the diagnosis themes first, then the data·inclusion thématiques by family. */
export function needGroups(filters: CatalogueFilters | undefined): SelectOptionGroup[] {
  const families = [...new Set(dataInclusionThematiques.map(thematiqueFamily))];
  return [
    {
      label: 'Besoins du diagnostic',
      options: (filters?.themes ?? []).map((t) => ({ value: t.id, label: t.label })),
    },
    ...families.map((family) => ({
      label: `Thématiques : ${thematiqueFamilyLabels[family] ?? family}`,
      options: [
        { value: family, label: `${thematiqueFamilyLabels[family] ?? family} (toutes)` },
        ...dataInclusionThematiques
          .filter((code) => thematiqueFamily(code) === family)
          .map((code) => ({ value: code, label: thematiqueLabels[code] })),
      ],
    })),
  ];
}

const publicOptions = dataInclusionPublics.map((p) => ({ value: p, label: dataInclusionPublicLabels[p] }));

/**
 * The search fields (labels of the shared UI contract: « Besoin », « Commune », « Public »,
 * « Recherche libre »). No form element: the picker also lives inside other forms (the contract's plan);
 * Enter in the text field searches.
 */
export function SearchFields({
  values,
  filters,
  extended,
  onChange,
  onSearch,
}: {
  values: SearchValues;
  filters: CatalogueFilters | undefined;
  /** The catalogue screen's extra filters: pôle, axis, annulée actions. */
  extended?: boolean;
  onChange: (patch: Partial<SearchValues>) => void;
  onSearch: () => void;
}) {
  const onEnter = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
      event.preventDefault();
      onSearch();
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Enter in a field of the group searches (no nested form).
    <div className="filters catalogue-search__fields" onKeyDown={onEnter}>
      <SelectField
        label="Besoin"
        required={false}
        value={values.need}
        onChange={(need) => onChange({ need })}
        placeholder="Tous les besoins"
        groups={needGroups(filters)}
      />
      <SelectField
        label="Commune"
        required={false}
        value={values.communeCode}
        onChange={(communeCode) => onChange({ communeCode })}
        placeholder="Toutes les communes"
        options={(filters?.communes ?? []).map((c) => ({ value: c.code, label: c.name }))}
      />
      {extended ? (
        <SelectField
          label="Pôle d’insertion"
          required={false}
          value={values.hubId}
          onChange={(hubId) => onChange({ hubId })}
          placeholder="Tous les pôles"
          options={(filters?.hubs ?? []).map((h) => ({ value: h.id, label: h.name }))}
        />
      ) : null}
      <SelectField
        label="Public"
        required={false}
        value={values.public}
        onChange={(value) => onChange({ public: value })}
        placeholder="Tous les publics"
        options={publicOptions}
      />
      {extended ? (
        <SelectField
          label="Axe"
          required={false}
          value={values.axis}
          onChange={(axis) => onChange({ axis })}
          placeholder="Tous les axes"
          options={offerAxes.map((a) => ({ value: String(a), label: offerAxisLabels[a]! }))}
        />
      ) : null}
      <TextField
        label="Recherche libre"
        hint="Code, intitulé, description ou opérateur"
        required={false}
        type="search"
        value={values.q}
        onChange={(q) => onChange({ q })}
        maxLength={200}
      />
      <Checkbox
        label="Seulement avec des places libres"
        checked={values.freeOnly}
        onChange={(freeOnly) => onChange({ freeOnly })}
      />
      {extended ? (
        <Checkbox
          label="Afficher aussi les actions annulées"
          checked={values.includeCancelled}
          onChange={(includeCancelled) => onChange({ includeCancelled })}
        />
      ) : null}
    </div>
  );
}
