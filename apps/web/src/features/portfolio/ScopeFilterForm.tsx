import type { ReactNode } from 'react';
import { FilterActions, FilterForm } from '../../ui';
import { ScopeFields } from './ScopeFields';

type Scope = { structureId: string; referentId: string };

/**
 * The filters of a portfolio or an alert list: the structure and référent of the scope, the
 * list's own fields (`children`), then "Filtrer" and the reset.
 */
export function ScopeFilterForm<D extends Scope>({
  label,
  chooseStructure,
  referents,
  filters,
  children,
}: {
  label: string;
  chooseStructure: boolean;
  referents: readonly { id: string; name: string }[];
  /** The page's `useUrlFilters`: the draft, what "Filtrer" applies, the reset. */
  filters: {
    draft: D;
    setDraft: (draft: D) => void;
    apply: (next: D) => void;
    reset: (() => void) | undefined;
  };
  children: ReactNode;
}) {
  const { draft, setDraft, apply, reset } = filters;
  return (
    <FilterForm label={label} onSubmit={() => apply({ ...draft })}>
      <ScopeFields
        chooseStructure={chooseStructure}
        structureId={draft.structureId}
        referentId={draft.referentId}
        referents={referents}
        onChange={(next) => setDraft({ ...draft, ...next })}
      />
      {children}
      <FilterActions submitLabel="Filtrer" onReset={reset} />
    </FilterForm>
  );
}
