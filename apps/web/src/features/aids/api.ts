import {
  type AidCeilingInput,
  type AidDecision,
  type AidEnvelopeInput,
  type AidRequest,
  api,
  type PaymentOrderBuild,
  type PaymentOrderPaid,
} from '@parcours/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

export const aidKeys = {
  all: ['aids'] as const,
  person: (personId: string) => ['aids', 'person', personId] as const,
  queue: (status: string, hubId: string) => ['aids', 'queue', status, hubId] as const,
  envelopes: (year: number) => ['aids', 'envelopes', year] as const,
  ceilings: ['aids', 'ceilings'] as const,
  orders: ['aids', 'orders'] as const,
  order: (id: string) => ['aids', 'orders', id] as const,
};

export function usePersonAids(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: aidKeys.person(personId),
    queryFn: ({ signal }) => call(api.aids.listForPerson, { params: { id: personId }, signal }),
    enabled,
  });
}

export function useAidQueue(status: 'requested' | 'validated' | 'ordered' | 'paid' | 'all', hubId: string) {
  return useQuery({
    queryKey: aidKeys.queue(status, hubId),
    queryFn: ({ signal }) => call(api.aids.queue, { query: { status, ...(hubId ? { hubId } : {}) }, signal }),
  });
}

export function useAidEnvelopes(year: number) {
  return useQuery({
    queryKey: aidKeys.envelopes(year),
    queryFn: ({ signal }) => call(api.aids.envelopes, { query: { year }, signal }),
  });
}

export function useAidCeilings() {
  return useQuery({
    queryKey: aidKeys.ceilings,
    queryFn: ({ signal }) => call(api.aids.ceilings, { signal }),
  });
}

export function usePaymentOrders() {
  return useQuery({
    queryKey: aidKeys.orders,
    queryFn: ({ signal }) => call(api.aids.paymentOrders, { signal }),
  });
}

export function usePaymentOrder(id: string | null) {
  return useQuery({
    queryKey: aidKeys.order(id ?? ''),
    queryFn: ({ signal }) => call(api.aids.paymentOrder, { params: { id: id! }, signal }),
    enabled: id !== null,
  });
}

export const requestAid = (personId: string, body: AidRequest) =>
  call(api.aids.request, { params: { id: personId }, body });
export const withdrawAid = (id: string, version: number) =>
  call(api.aids.withdraw, { params: { id }, body: { version } });
export const decideAid = (id: string, body: AidDecision) => call(api.aids.decide, { params: { id }, body });
export const setEnvelope = (body: AidEnvelopeInput) => call(api.aids.setEnvelope, { body });
export const addCeilings = (body: AidCeilingInput) => call(api.aids.addCeilings, { body });
export const buildPaymentOrder = (body: PaymentOrderBuild) => call(api.aids.buildPaymentOrder, { body });
export const markPaid = (id: string, body: PaymentOrderPaid) =>
  call(api.aids.markPaid, { params: { id }, body });
export const paymentOrderCsvHref = (id: string) => hrefOf(api.aids.paymentOrderCsv, { params: { id } });

/** Every aids screen reads again after a change (queue, envelopes, orders, the person's list). */
export function useInvalidateAids() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: aidKeys.all });
}

export function useAidMutation<I, O>(fn: (input: I) => Promise<O>, onSuccess?: (o: O) => void) {
  const invalidate = useInvalidateAids();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (o) => {
      await invalidate();
      onSuccess?.(o);
    },
  });
}
