import { api, type StructureKind } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

export interface CommuneFilters {
  hubId?: string | undefined;
  q?: string | undefined;
  unassigned?: boolean | undefined;
}

export interface StructureFilters {
  kind?: StructureKind | undefined;
  hubId?: string | undefined;
  q?: string | undefined;
}

export const territoryKeys = {
  all: ['territory'] as const,
  hubs: ['territory', 'hubs'] as const,
  communes: (filters: CommuneFilters) => ['territory', 'communes', filters] as const,
  structures: (filters: StructureFilters) => ['territory', 'structures', filters] as const,
};

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr');

// Territory lists also feed other screens (account forms, filters): a refusal shows an error in place
// instead of leaving the page. The pages themselves are guarded by permission.
export function useHubs() {
  return useQuery({
    queryKey: territoryKeys.hubs,
    queryFn: ({ signal }) =>
      call(api.territory.listHubs, { signal, redirectOnForbidden: false }).then((r) =>
        [...r.items].sort(byName),
      ),
  });
}

export function useCommunes(filters: CommuneFilters, enabled = true) {
  return useQuery({
    queryKey: territoryKeys.communes(filters),
    queryFn: ({ signal }) =>
      call(api.territory.listCommunes, {
        signal,
        redirectOnForbidden: false,
        query: { hubId: filters.hubId, q: filters.q, unassigned: filters.unassigned ? 'true' : undefined },
      }).then((r) => [...r.items].sort(byName)),
    enabled,
  });
}

export function useStructures(filters: StructureFilters, enabled = true) {
  return useQuery({
    queryKey: territoryKeys.structures(filters),
    queryFn: ({ signal }) =>
      call(api.territory.listStructures, {
        signal,
        redirectOnForbidden: false,
        query: { kind: filters.kind, hubId: filters.hubId, q: filters.q },
      }).then((r) => [...r.items].sort(byName)),
    enabled,
  });
}
