import type {
  Diagnosis,
  DiagnosisInput,
  DiagnosticReferential,
  MedicalRecommendation,
  OrientationDecisionInput,
  OrientationDecisionResult,
  OrientationWorkspace,
} from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api';

export const orientationKeys = {
  all: ['orientation-workspace'] as const,
  workspace: (personId: string) => ['orientation-workspace', personId] as const,
  referential: ['reference', 'diagnostic'] as const,
};

export function useOrientationWorkspace(personId: string) {
  return useQuery({
    queryKey: orientationKeys.workspace(personId),
    // A refusal is shown in place, not by the global "Accès refusé" redirect.
    queryFn: ({ signal }) =>
      apiFetch<OrientationWorkspace>(`/api/persons/${encodeURIComponent(personId)}/orientation`, {
        signal,
        redirectOnForbidden: false,
      }),
    retry: false,
    // Each reading is audited: no refetch behind the user's back.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

export function useDiagnosticReferential() {
  return useQuery({
    queryKey: orientationKeys.referential,
    queryFn: ({ signal }) => apiFetch<DiagnosticReferential>('/api/reference/diagnostic', { signal }),
    staleTime: 60 * 60_000,
  });
}

export function postDiagnosis(personId: string, input: DiagnosisInput) {
  return apiFetch<Diagnosis>(`/api/persons/${encodeURIComponent(personId)}/diagnoses`, {
    method: 'POST',
    body: input,
  });
}

export function postOrientation(personId: string, input: OrientationDecisionInput) {
  return apiFetch<OrientationDecisionResult>(`/api/persons/${encodeURIComponent(personId)}/orientations`, {
    method: 'POST',
    body: input,
  });
}

export function postMedicalReferral(personId: string, reason: string) {
  return apiFetch<MedicalRecommendation>(`/api/persons/${encodeURIComponent(personId)}/medical-referrals`, {
    method: 'POST',
    body: { reason },
  });
}

export const letterUrl = (orientationId: string) =>
  `/api/orientations/${encodeURIComponent(orientationId)}/letter.pdf`;
