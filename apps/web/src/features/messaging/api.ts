import { api } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

export const messagingKeys = {
  templates: ['messaging', 'templates'] as const,
  personMessages: (personId: string) => ['persons', 'messages', personId] as const,
};

export function useTemplates() {
  return useQuery({
    queryKey: messagingKeys.templates,
    queryFn: ({ signal }) => call(api.messaging.listTemplates, { signal }).then((r) => r.items),
  });
}

export function usePersonMessages(personId: string) {
  return useQuery({
    queryKey: messagingKeys.personMessages(personId),
    // Shown inside the person's file: a refusal stays in place instead of leaving the page.
    queryFn: ({ signal }) =>
      call(api.messaging.listPersonMessages, {
        params: { id: personId },
        signal,
        redirectOnForbidden: false,
      }).then((r) => r.items),
    retry: false,
    // Each reading is audited server-side: no refetch behind the user's back.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}
