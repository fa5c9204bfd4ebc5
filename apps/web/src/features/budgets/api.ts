import { api, type ManualBudgetInput } from '@parcours/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

export const budgetKeys = {
  all: ['offer-budgets'] as const,
  budgets: (year: number | undefined) => ['offer-budgets', 'budgets', year ?? null] as const,
  inconsistencies: (year: number | undefined) => ['offer-budgets', 'inconsistencies', year ?? null] as const,
};

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
