import { api, type EpSessionDetail, type EpSessionInput } from '@parcours/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, hrefOf } from '../../../lib/client';

const routes = api.epSessions;

export const epKeys = {
  all: ['ep-sessions'] as const,
  list: (hubId: string) => ['ep-sessions', 'list', hubId] as const,
  detail: (id: string) => ['ep-sessions', 'detail', id] as const,
};

/** The EP sessions of the reader's pôle (or of the pôle chosen by a département role). */
export function useEpSessions(hubId: string) {
  return useQuery({
    queryKey: epKeys.list(hubId),
    queryFn: ({ signal }) => call(routes.list, { query: hubId ? { hubId } : {}, signal }),
  });
}

/** A session with its members, agenda and the cases that may be added to it. */
export function useEpSession(id: string) {
  return useQuery({
    queryKey: epKeys.detail(id),
    queryFn: ({ signal }) => call(routes.get, { params: { id }, signal }),
    enabled: id !== '',
  });
}

/** A change of a session: the detail it answers replaces the cached one, the lists are refreshed. */
export function useEpMutation<I>(
  fn: (input: I) => Promise<EpSessionDetail>,
  onSuccess?: (d: EpSessionDetail) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (d) => {
      queryClient.setQueryData(epKeys.detail(d.id), d);
      await queryClient.invalidateQueries({ queryKey: ['ep-sessions', 'list'] });
      onSuccess?.(d);
    },
  });
}

export const createEpSession = (body: EpSessionInput) => call(routes.create, { body });
export const minutesHref = (id: string) => hrefOf(routes.minutes, { params: { id } });
export { routes as epRoutes };
