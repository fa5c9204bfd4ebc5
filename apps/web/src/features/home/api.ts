import { api } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

export const homeKeys = { worklist: ['home', 'worklist'] as const };

/** What is due today for the signed-in account (counts only: nothing audited). */
export function useWorklist() {
  return useQuery({
    queryKey: homeKeys.worklist,
    queryFn: ({ signal }) => call(api.worklist.home, { signal, redirectOnForbidden: false }),
    staleTime: 30_000,
  });
}
