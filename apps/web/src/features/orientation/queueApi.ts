import type {
  AgendaSlot,
  BatchConvocationInput,
  BatchConvocationResult,
  OrientationQueue,
} from '@parcours/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch, buildUrl } from '../../lib/api';

export interface QueueFilters {
  commune?: string | undefined;
  ageMin?: string | undefined;
  ageMax?: string | undefined;
  householdType?: string | undefined;
  convened?: string | undefined;
  stage?: string | undefined;
  overdue?: string | undefined;
  hubId?: string | undefined;
  page?: string | undefined;
}

export const queueKeys = {
  all: ['orientation-queue'] as const,
  list: (filters: QueueFilters) => ['orientation-queue', filters] as const,
  slots: ['orientation-queue', 'collective-slots'] as const,
};

export function useOrientationQueue(filters: QueueFilters) {
  return useQuery({
    queryKey: queueKeys.list(filters),
    queryFn: ({ signal }) =>
      apiFetch<OrientationQueue>('/api/orientation/queue', { signal, query: { ...filters } }),
    placeholderData: keepPreviousData,
    // The queue changes with every decision and outcome recorded elsewhere: always fresh on display.
    staleTime: 0,
  });
}

export function queueExportUrl(filters: QueueFilters): string {
  const { page: _page, ...rest } = filters;
  return buildUrl('/api/orientation/queue.xlsx', { ...rest });
}

/** Collective orientation sessions of the coming weeks that still have free places. */
export function useCollectiveSlots(enabled: boolean) {
  return useQuery({
    queryKey: queueKeys.slots,
    enabled,
    queryFn: async ({ signal }) => {
      const from = new Date().toISOString().slice(0, 10);
      const to = new Date(Date.now() + 42 * 86_400_000).toISOString().slice(0, 10);
      const answer = await apiFetch<{ items: AgendaSlot[] }>('/api/agenda/slots', {
        signal,
        query: { purpose: 'orientation', available: 'true', from, to },
      });
      return answer.items.filter((s) => s.kind === 'collective');
    },
  });
}

export function convokeBatch(input: BatchConvocationInput): Promise<BatchConvocationResult> {
  return apiFetch<BatchConvocationResult>('/api/orientation/convocations', { method: 'POST', body: input });
}
