import type { Commune, Hub, Structure, StructureKind } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api';

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
      apiFetch<{ items: Hub[] }>('/api/territory/hubs', { signal, redirectOnForbidden: false }).then((r) =>
        [...r.items].sort(byName),
      ),
  });
}

export function useCommunes(filters: CommuneFilters, enabled = true) {
  return useQuery({
    queryKey: territoryKeys.communes(filters),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Commune[] }>('/api/territory/communes', {
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
      apiFetch<{ items: Structure[] }>('/api/territory/structures', {
        signal,
        redirectOnForbidden: false,
        query: { kind: filters.kind, hubId: filters.hubId, q: filters.q },
      }).then((r) => [...r.items].sort(byName)),
    enabled,
  });
}
