import { api, type ConvocationDelayRuleInput, type MessageBatchStatus } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

/** Postal batches of convocation letters and the minimum delays per channel. */
export const postalKeys = {
  all: ['messaging', 'batches'] as const,
  list: (status: MessageBatchStatus) => ['messaging', 'batches', status] as const,
  batch: (id: string) => ['messaging', 'batches', 'detail', id] as const,
  delays: ['messaging', 'convocation-delays'] as const,
};

export function useBatches(status: MessageBatchStatus) {
  return useQuery({
    queryKey: postalKeys.list(status),
    queryFn: ({ signal }) =>
      call(api.messaging.listBatches, { signal, query: { status } }).then((r) => r.items),
  });
}

export function useBatch(id: string | null) {
  return useQuery({
    queryKey: postalKeys.batch(id ?? ''),
    enabled: id !== null,
    queryFn: ({ signal }) => call(api.messaging.getBatch, { signal, params: { id: id as string } }),
    // Each reading is audited (the persons of the batch): no refetch behind the user's back.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

export const batchLettersHref = (id: string) => hrefOf(api.messaging.batchLettersPdf, { params: { id } });
export const lettersToPostHref = () => hrefOf(api.messaging.lettersToPostPdf);

export const markBatchPosted = (id: string, version: number) =>
  call(api.messaging.markBatchPosted, { params: { id }, body: { version } });

export const cancelLetter = (id: string, version: number) =>
  call(api.messaging.cancelLetter, { params: { id }, body: { version } });

export function useConvocationDelays() {
  return useQuery({
    queryKey: postalKeys.delays,
    queryFn: ({ signal }) => call(api.messaging.convocationDelays, { signal }),
  });
}

export const addConvocationDelays = (body: ConvocationDelayRuleInput) =>
  call(api.messaging.addConvocationDelays, { body });
