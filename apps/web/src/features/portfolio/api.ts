import { type AlertsQuery, api, type PortfolioQuery } from '@parcours/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

/** The portfolio's filters and sort as the address bar carries them (text); the API validates them. */
export interface PortfolioFilters {
  structureId?: string | undefined;
  referentId?: string | undefined;
  contract?: string | undefined;
  withAlerts?: string | undefined;
  sort?: string | undefined;
  order?: string | undefined;
}
export interface AlertFilters {
  structureId?: string | undefined;
  referentId?: string | undefined;
  kind?: string | undefined;
}

export const portfolioKeys = {
  portfolio: (f: PortfolioFilters) => ['portfolio', f] as const,
  alerts: (f: AlertFilters) => ['alerts', f] as const,
  digest: ['alert-digest'] as const,
};

export function usePortfolio(filters: PortfolioFilters) {
  return useQuery({
    queryKey: portfolioKeys.portfolio(filters),
    queryFn: ({ signal }) => call(api.portfolio.get, { signal, query: filters as PortfolioQuery }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function portfolioExportUrl(filters: PortfolioFilters): string {
  return hrefOf(api.portfolio.export, { query: filters as PortfolioQuery });
}

export function useAlerts(filters: AlertFilters) {
  return useQuery({
    queryKey: portfolioKeys.alerts(filters),
    queryFn: ({ signal }) => call(api.portfolio.alerts, { signal, query: filters as AlertsQuery }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useDigestPreference() {
  return useQuery({
    queryKey: portfolioKeys.digest,
    queryFn: ({ signal }) => call(api.portfolio.digestPreference, { signal }),
  });
}

export function useSetDigestPreference() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => call(api.portfolio.setDigestPreference, { body: { enabled } }),
    onSuccess: (data) => client.setQueryData(portfolioKeys.digest, data),
  });
}
