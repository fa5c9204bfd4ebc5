import { api, type Coordinates, type CoordinatesUpdate } from '@parcours/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../lib/client';
import { personKeys } from './api';

export const coordinatesKey = (id: string) => ['persons', 'coordinates', id] as const;

/** Phone, e-mail, address and consents of the person's household, with rectifications and conflicts. */
export function useCoordinates(personId: string) {
  return useQuery({
    queryKey: coordinatesKey(personId),
    queryFn: ({ signal }) =>
      call(api.persons.getCoordinates, { params: { id: personId }, signal, redirectOnForbidden: false }),
    retry: false,
    // Each reading is audited server-side: no refetch behind the user's back.
    staleTime: 60_000,
  });
}

/** After a change: the coordinates as answered, and the file (contacts, timeline) read again. */
function useRefresh(personId: string) {
  const queryClient = useQueryClient();
  return async (answer: Coordinates) => {
    queryClient.setQueryData(coordinatesKey(personId), answer);
    await queryClient.invalidateQueries({ queryKey: personKeys.file(personId) });
    // Search results show the commune: read again when next shown.
    await queryClient.invalidateQueries({ queryKey: ['persons', 'search'], refetchType: 'none' });
  };
}

export function useSaveCoordinates(personId: string, onSaved: () => void) {
  const refresh = useRefresh(personId);
  return useMutation({
    mutationFn: (body: CoordinatesUpdate) =>
      call(api.persons.updateCoordinates, { params: { id: personId }, body }),
    onSuccess: async (answer) => {
      await refresh(answer);
      onSaved();
    },
  });
}

export function useDecideConflict(personId: string) {
  const refresh = useRefresh(personId);
  return useMutation({
    mutationFn: (input: { conflictId: string; keep: 'flux' | 'entered'; version: number }) =>
      call(api.persons.decideCoordinateConflict, {
        params: { id: personId, conflictId: input.conflictId },
        body: { keep: input.keep, version: input.version },
      }),
    onSuccess: refresh,
  });
}
