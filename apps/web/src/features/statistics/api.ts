import { api } from '@parcours/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

export const statisticsKeys = {
  all: ['statistics'] as const,
  drees: (on: string) => ['statistics', 'drees', on] as const,
};

/** The DREES tables on a date, masked by the API; a refused date (400) stays an error under the field. */
export function useDreesStatistics(on: string) {
  return useQuery({
    queryKey: statisticsKeys.drees(on),
    queryFn: ({ signal }) => call(api.statistics.drees, { signal, query: { on } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function dreesXlsxUrl(on: string): string {
  return hrefOf(api.statistics.dreesExport, { query: { on } });
}
