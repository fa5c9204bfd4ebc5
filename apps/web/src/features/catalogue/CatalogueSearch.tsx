import type { CatalogueSearchQuery } from '@parcours/contracts';
import { useId, useState } from 'react';
import { Button, ErrorState, Loading } from '../../ui';
import { ActionResult, type PickRenderer } from './ActionResult';
import { useCatalogueFilters, useCatalogueSearch } from './api';
import { emptySearch, SearchFields, type SearchValues } from './SearchFields';
import './catalogue.css';

const PAGE_SIZE = 10;

function queryOf(v: SearchValues, page: number): CatalogueSearchQuery {
  return {
    need: v.need || undefined,
    communeCode: v.communeCode || undefined,
    hubId: v.hubId || undefined,
    public: (v.public || undefined) as CatalogueSearchQuery['public'],
    q: v.q.trim() || undefined,
    axis: v.axis ? Number(v.axis) : undefined,
    freeOnly: v.freeOnly ? 'true' : undefined,
    includeCancelled: v.includeCancelled ? 'true' : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
}

/**
 * The search of the catalogue and its results, shared by the catalogue screen and the picker: the
 * fields, « Rechercher », then one article per action with its open sessions and free places.
 * Prefilled filters search at once.
 */
export function CatalogueSearch({
  initial,
  extended,
  headingLevel = 3,
  renderPick,
  label = 'Rechercher une action du catalogue',
}: {
  initial?: Partial<SearchValues>;
  extended?: boolean;
  headingLevel?: 2 | 3 | 4;
  renderPick?: PickRenderer;
  label?: string;
}) {
  const filters = useCatalogueFilters();
  const start = { ...emptySearch, ...initial };
  const [values, setValues] = useState<SearchValues>(start);
  const prefilled = Boolean(initial?.need || initial?.communeCode);
  const [query, setQuery] = useState<CatalogueSearchQuery | null>(prefilled ? queryOf(start, 1) : null);
  const results = useCatalogueSearch(query);
  const resultsId = useId();

  const search = (page = 1) => setQuery(queryOf(values, page));
  const page = Number(query?.page ?? 1);
  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className="catalogue-search">
      <search aria-label={label}>
        <SearchFields
          values={values}
          filters={filters.data}
          extended={extended}
          onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
          onSearch={() => search()}
        />
        <div className="filters__actions">
          <Button onClick={() => search()}>Rechercher</Button>
          <Button
            variant="tertiary"
            onClick={() => {
              setValues(emptySearch);
              setQuery(null);
            }}
          >
            Effacer
          </Button>
        </div>
      </search>
      {filters.isError ? <ErrorState error={filters.error} /> : null}
      <div id={resultsId} aria-live="polite" aria-busy={results.isFetching}>
        {query === null ? null : results.isPending ? (
          <Loading label="Recherche des actions…" />
        ) : results.isError ? (
          <ErrorState error={results.error} />
        ) : data ? (
          <>
            <p className="catalogue-search__count">
              {data.total === 0
                ? 'Aucune action ne correspond à ces critères.'
                : data.total === 1
                  ? '1 action trouvée.'
                  : `${data.total} actions trouvées${pages > 1 ? ` (page ${page} sur ${pages})` : ''}.`}
            </p>
            {data.items.map((action) => (
              <ActionResult
                key={action.id}
                action={action}
                headingLevel={headingLevel}
                renderPick={renderPick}
              />
            ))}
            {pages > 1 ? (
              <nav className="row-actions" aria-label="Pages de résultats">
                {page > 1 ? (
                  <Button variant="secondary" onClick={() => search(page - 1)}>
                    Résultats précédents
                  </Button>
                ) : null}
                {page < pages ? (
                  <Button variant="secondary" onClick={() => search(page + 1)}>
                    Résultats suivants
                  </Button>
                ) : null}
              </nav>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
