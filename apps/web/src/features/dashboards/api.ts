import { api } from '@parcours/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';
import type { DashboardFilters } from './filters';

export const dashboardKeys = {
  all: ['dashboards'] as const,
  steering: (filters: DashboardFilters) => ['dashboards', 'steering', filters] as const,
};

/** Every series of the steering dashboard; a refused filter (400) stays an error under its field. */
export function useSteeringDashboard(filters: DashboardFilters) {
  return useQuery({
    queryKey: dashboardKeys.steering(filters),
    queryFn: ({ signal }) =>
      call(api.dashboards.steering, {
        signal,
        query: { from: filters.from, to: filters.to, hub: filters.hub, structure: filters.structure },
      }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}
