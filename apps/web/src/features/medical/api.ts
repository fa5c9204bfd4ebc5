import type { MedicalReferralDetail, MedicalReferralSummary } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api';

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
      (
        await apiFetch<{ items: MedicalReferralSummary[] }>('/api/medical/referrals', {
          signal,
          query: { status },
        })
      ).items,
  });
}

export function useMedicalReferral(id: string) {
  return useQuery({
    queryKey: medicalKeys.referral(id),
    queryFn: ({ signal }) =>
      apiFetch<MedicalReferralDetail>(`/api/medical/referrals/${encodeURIComponent(id)}`, {
        signal,
        redirectOnForbidden: false,
      }),
    retry: false,
    // Each reading of health data is audited: no refetch behind the user's back.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

export function postMedicalRecord(id: string, input: { kind: 'diagnosis' | 'note'; body: string }) {
  return apiFetch<MedicalReferralDetail>(`/api/medical/referrals/${encodeURIComponent(id)}/records`, {
    method: 'POST',
    body: input,
  });
}

export function postRecommendation(
  id: string,
  input: {
    compatibleActions: string;
    carePathwayAdvised: boolean;
    recommendation: string | null;
    version: number;
  },
) {
  return apiFetch<MedicalReferralDetail>(`/api/medical/referrals/${encodeURIComponent(id)}/recommendation`, {
    method: 'POST',
    body: input,
  });
}
