import { api, type BodyOf, type ReferralStatus } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

const routes = api.referrals;

export interface OperatorFilters {
  status?: ReferralStatus | undefined;
  actionId?: string | undefined;
  sessionId?: string | undefined;
}

export const operatorKeys = {
  all: ['operator'] as const,
  list: (f: OperatorFilters) =>
    ['operator', 'list', f.status ?? '', f.actionId ?? '', f.sessionId ?? ''] as const,
  actions: ['operator', 'actions'] as const,
  referral: (id: string) => ['operator', 'referral', id] as const,
};

/** The fiches received by the operator's structure (each reading is traced: no background refetch). */
export function useOperatorReferrals(filters: OperatorFilters) {
  return useQuery({
    queryKey: operatorKeys.list(filters),
    queryFn: async ({ signal }) => (await call(routes.operatorList, { query: filters, signal })).items,
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
}

export function useOperatorActions() {
  return useQuery({
    queryKey: operatorKeys.actions,
    queryFn: async ({ signal }) => (await call(routes.operatorActions, { signal })).items,
  });
}

export function useOperatorReferral(id: string) {
  return useQuery({
    queryKey: operatorKeys.referral(id),
    queryFn: ({ signal }) => call(routes.operatorGet, { params: { id }, signal, redirectOnForbidden: false }),
    retry: false,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

export const acceptReferral = (id: string, body: BodyOf<typeof routes.accept>) =>
  call(routes.accept, { params: { id }, body });
export const refuseReferral = (id: string, body: BodyOf<typeof routes.refuse>) =>
  call(routes.refuse, { params: { id }, body });
export const enterReferral = (id: string, body: BodyOf<typeof routes.enter>) =>
  call(routes.enter, { params: { id }, body });
export const exitReferral = (id: string, body: BodyOf<typeof routes.exit>) =>
  call(routes.exit, { params: { id }, body });
export const recordAttendance = (id: string, body: BodyOf<typeof routes.recordAttendance>) =>
  call(routes.recordAttendance, { params: { id }, body });
