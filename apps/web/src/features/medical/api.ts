import { api, type BodyOf } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

const routes = api.orientation;

export const medicalFilters = ['open', 'completed', 'all'] as const;
export type MedicalFilter = (typeof medicalFilters)[number];

export const medicalKeys = {
  all: ['medical'] as const,
  list: (status: MedicalFilter) => ['medical', 'list', status] as const,
  referral: (id: string) => ['medical', 'referral', id] as const,
};

export function useMedicalReferrals(status: MedicalFilter) {
  return useQuery({
    queryKey: medicalKeys.list(status),
    queryFn: async ({ signal }) =>
      (await call(routes.listMedicalReferrals, { signal, query: { status } })).items,
  });
}

export function useMedicalReferral(id: string) {
  return useQuery({
    queryKey: medicalKeys.referral(id),
    queryFn: ({ signal }) =>
      call(routes.getMedicalReferral, { params: { id }, signal, redirectOnForbidden: false }),
    retry: false,
    // Each reading of health data is audited: no refetch behind the user's back.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

export function postMedicalRecord(id: string, input: BodyOf<typeof routes.addMedicalRecord>) {
  return call(routes.addMedicalRecord, { params: { id }, body: input });
}

export function postRecommendation(id: string, input: BodyOf<typeof routes.recommend>) {
  return call(routes.recommend, { params: { id }, body: input });
}
