import { api, type ConventionValueInput } from '@parcours/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

export const conventionKeys = {
  all: ['convention'] as const,
  table: (year: number) => ['convention', 'table', year] as const,
  history: (id: string) => ['convention', 'history', id] as const,
};

export function useConventionTable(year: number) {
  return useQuery({
    queryKey: conventionKeys.table(year),
    queryFn: ({ signal }) => call(api.convention.table, { signal, query: { year } }),
    placeholderData: keepPreviousData,
  });
}

export function useConventionHistory(id: string) {
  return useQuery({
    queryKey: conventionKeys.history(id),
    queryFn: ({ signal }) => call(api.convention.history, { signal, params: { id } }),
  });
}

export function conventionXlsxUrl(year: number): string {
  return hrefOf(api.convention.tableXlsx, { query: { year } });
}

export function useSetConventionValue(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConventionValueInput) => call(api.convention.setValue, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conventionKeys.all }),
  });
}
