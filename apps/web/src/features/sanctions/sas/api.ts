import { api, type SasEnrolment, type SasSession, type SasSessionInput } from '@parcours/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../lib/client';

const routes = api.sas;

export const sasKeys = {
  all: ['sas'] as const,
  list: ['sas', 'list'] as const,
  detail: (id: string) => ['sas', 'detail', id] as const,
};

/** The SAS sessions of the reader's pôle, structure or département. */
export function useSasSessions() {
  return useQuery({ queryKey: sasKeys.list, queryFn: ({ signal }) => call(routes.sessions, { signal }) });
}

/** A session with its meetings, its enrolments and their attendance. */
export function useSasSession(id: string) {
  return useQuery({
    queryKey: sasKeys.detail(id),
    queryFn: ({ signal }) => call(routes.session, { params: { id }, signal }),
    enabled: id !== '',
  });
}

/** Agents whose agenda the reader may fill: the animators of a session. */
export function useAnimators(enabled: boolean) {
  return useQuery({
    queryKey: ['agenda', 'advisors'],
    queryFn: ({ signal }) => call(api.agenda.listAdvisors, { signal }),
    enabled,
  });
}

/** A change of a session or of one of its enrolments: the session and the list are read again. */
export function useSasMutation<I, R extends SasSession | SasEnrolment>(
  fn: (input: I) => Promise<R>,
  sessionId: string,
  onSuccess?: (r: R) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: sasKeys.all });
      if (sessionId) await queryClient.invalidateQueries({ queryKey: sasKeys.detail(sessionId) });
      onSuccess?.(r);
    },
  });
}

export const createSasSession = (body: SasSessionInput) => call(routes.createSession, { body });
export { routes as sasRoutes };
