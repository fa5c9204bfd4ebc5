import { api, type CatalogueSearchQuery } from '@parcours/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

export const catalogueKeys = {
  all: ['catalogue'] as const,
  filters: ['catalogue', 'filters'] as const,
  search: (query: CatalogueSearchQuery) => ['catalogue', 'search', query] as const,
  action: (id: string) => ['catalogue', 'action', id] as const,
};

/** Choices of the search form (themes, communes, pôles, operators): they change rarely. */
export function useCatalogueFilters() {
  return useQuery({
    queryKey: catalogueKeys.filters,
    queryFn: ({ signal }) => call(api.catalogue.filters, { signal, redirectOnForbidden: false }),
    staleTime: 5 * 60_000,
  });
}

/** The search; `null` until the first « Rechercher » (or prefilled filters). */
export function useCatalogueSearch(query: CatalogueSearchQuery | null) {
  return useQuery({
    queryKey: catalogueKeys.search(query ?? {}),
    queryFn: ({ signal }) =>
      call(api.catalogue.search, { signal, query: query ?? {}, redirectOnForbidden: false }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useAction(id: string) {
  return useQuery({
    queryKey: catalogueKeys.action(id),
    queryFn: ({ signal }) => call(api.catalogue.getAction, { signal, params: { id } }),
  });
}
