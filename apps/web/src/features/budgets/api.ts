import { api, type ManualBudgetInput } from '@parcours/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

export const budgetKeys = {
  all: ['offer-budgets'] as const,
  budgets: (year: number | undefined) => ['offer-budgets', 'budgets', year ?? null] as const,
  inconsistencies: (year: number | undefined) => ['offer-budgets', 'inconsistencies', year ?? null] as const,
  consumption: (from: number | undefined, to: number | undefined) =>
    ['offer-budgets', 'consumption', from ?? null, to ?? null] as const,
};

/** Planned, committed and gap year by year; without bounds, the years the budgets and facts cover. */
export function useBudgetConsumption(from?: number, to?: number) {
  return useQuery({
    queryKey: budgetKeys.consumption(from, to),
    queryFn: ({ signal }) =>
      call(api.offerBudget.consumption, {
        signal,
        query: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useOfferBudgets(year: number | undefined) {
  return useQuery({
    queryKey: budgetKeys.budgets(year),
    queryFn: ({ signal }) => call(api.offerBudget.budgets, { signal, query: year ? { year } : {} }),
    placeholderData: keepPreviousData,
  });
}

export function useAnnexInconsistencies(year: number | undefined) {
  return useQuery({
    queryKey: budgetKeys.inconsistencies(year),
    queryFn: ({ signal }) => call(api.offerBudget.inconsistencies, { signal, query: year ? { year } : {} }),
  });
}

export function annexXlsxUrl(year: number): string {
  return hrefOf(api.offerBudget.annexXlsx, { query: { year } });
}

export function useSetManualBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { actionId: string; year: number; body: ManualBudgetInput }) =>
      call(api.offerBudget.setManualBudget, {
        params: { id: input.actionId, year: input.year },
        body: input.body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: budgetKeys.all }),
  });
}
