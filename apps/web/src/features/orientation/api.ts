import { api, type DiagnosisInput, type OrientationDecisionInput } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

const routes = api.orientation;

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
      call(routes.workspace, { params: { id: personId }, signal, redirectOnForbidden: false }),
    retry: false,
    // Each reading is audited: no refetch behind the user's back.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

export function useDiagnosticReferential() {
  return useQuery({
    queryKey: orientationKeys.referential,
    queryFn: ({ signal }) => call(routes.diagnosticReference, { signal }),
    staleTime: 60 * 60_000,
  });
}

export function postDiagnosis(personId: string, input: DiagnosisInput) {
  return call(routes.createDiagnosis, { params: { id: personId }, body: input });
}

export function postOrientation(personId: string, input: OrientationDecisionInput) {
  return call(routes.decide, { params: { id: personId }, body: input });
}

export function postMedicalReferral(personId: string, reason: string) {
  return call(routes.requestMedicalReferral, { params: { id: personId }, body: { reason } });
}

export const letterUrl = (orientationId: string) => hrefOf(routes.letter, { params: { id: orientationId } });
