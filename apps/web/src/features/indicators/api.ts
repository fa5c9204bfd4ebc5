import { api, type PlanPauvreteIndicatorKey } from '@parcours/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';
import type { IndicatorFilters } from './period';

export const indicatorKeys = {
  all: ['indicators'] as const,
  planPauvrete: (filters: IndicatorFilters) => ['indicators', 'plan-pauvrete', filters] as const,
  persons: (filters: IndicatorFilters, indicator: string, page: number) =>
    ['indicators', 'persons', filters, indicator, page] as const,
};

/** The figures of a period and pôle; a refused period (400) stays an error shown under the fields. */
export function usePlanPauvrete(filters: IndicatorFilters) {
  return useQuery({
    queryKey: indicatorKeys.planPauvrete(filters),
    queryFn: ({ signal }) =>
      call(api.indicators.planPauvrete, {
        signal,
        query: { from: filters.from, to: filters.to, hub: filters.hub },
      }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** One page of the persons behind a figure (administrators; the list read is audited by the API). */
export function useIndicatorPersons(
  filters: IndicatorFilters,
  indicator: PlanPauvreteIndicatorKey,
  page: number,
) {
  return useQuery({
    queryKey: indicatorKeys.persons(filters, indicator, page),
    queryFn: ({ signal }) =>
      call(api.indicators.persons, {
        signal,
        query: { from: filters.from, to: filters.to, hub: filters.hub, indicator, page },
      }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}
