import { api, type BatchConvocationInput, type OrientationQueueQuery } from '@parcours/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

/** The queue's filters as the page's address carries them (text); the API validates them. */
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

/** Filters come from the address bar: sent as typed, refused by the API when malformed. */
const asQuery = (filters: QueueFilters) => filters as OrientationQueueQuery;

export const queueKeys = {
  all: ['orientation-queue'] as const,
  list: (filters: QueueFilters) => ['orientation-queue', filters] as const,
  slots: ['orientation-queue', 'collective-slots'] as const,
};

export function useOrientationQueue(filters: QueueFilters) {
  return useQuery({
    queryKey: queueKeys.list(filters),
    queryFn: ({ signal }) => call(api.orientation.queue, { signal, query: asQuery({ ...filters }) }),
    placeholderData: keepPreviousData,
    // The queue changes with every decision and outcome recorded elsewhere: always fresh on display.
    staleTime: 0,
  });
}

export function queueExportUrl(filters: QueueFilters): string {
  const { page: _page, ...rest } = filters;
  return hrefOf(api.orientation.queueExport, { query: asQuery(rest) });
}

/** Collective orientation sessions of the coming weeks that still have free places. */
export function useCollectiveSlots(enabled: boolean) {
  return useQuery({
    queryKey: queueKeys.slots,
    enabled,
    queryFn: async ({ signal }) => {
      const from = new Date().toISOString().slice(0, 10);
      const to = new Date(Date.now() + 42 * 86_400_000).toISOString().slice(0, 10);
      const answer = await call(api.agenda.listSlots, {
        signal,
        query: { purpose: 'orientation', available: 'true', from, to },
      });
      return answer.items.filter((s) => s.kind === 'collective');
    },
  });
}

export function convokeBatch(input: BatchConvocationInput) {
  return call(api.orientation.convokeBatch, { body: input });
}

/** Each selected person's channels and the earliest appointment each reaches in time (audited list). */
export function useConvocationPreview(personIds: string[], enabled: boolean) {
  return useQuery({
    queryKey: ['orientation-queue', 'convocation-preview', personIds] as const,
    enabled: enabled && personIds.length > 0,
    queryFn: () => call(api.orientation.previewConvocation, { body: { personIds } }),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}
