import { api, type PersonSummary } from '@parcours/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

export const searchLimit = 20;

export const personKeys = {
  all: ['persons'] as const,
  search: (q: string) => ['persons', 'search', q] as const,
  file: (id: string) => ['persons', 'file', id] as const,
};

async function searchPersons(q: string, signal: AbortSignal): Promise<PersonSummary[]> {
  const answer = await call(api.persons.search, { signal, query: { q, limit: searchLimit } });
  return answer.items;
}

export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: personKeys.search(q),
    queryFn: ({ signal }) => searchPersons(q, signal),
    enabled: q.length >= 2,
    // Keep the previous results on screen while the next search runs.
    placeholderData: keepPreviousData,
  });
}

export function usePersonFile(id: string) {
  return useQuery({
    queryKey: personKeys.file(id),
    // A refusal is shown in place (the address stays the person's), not by the global "Accès refusé" redirect.
    queryFn: ({ signal }) =>
      call(api.persons.getFile, { params: { id }, signal, redirectOnForbidden: false }),
    retry: false,
    // Each opening is audited server-side: do not refetch behind the user's back.
    staleTime: 60_000,
  });
}
