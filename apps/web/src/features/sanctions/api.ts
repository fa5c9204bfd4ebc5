import {
  api,
  type FailureInput,
  type SanctionPracticeInput,
  type SanctionRegimeInput,
} from '@parcours/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../lib/client';

const routes = api.sanctions;

export const sanctionKeys = {
  rules: ['sanctions', 'rules'] as const,
};

/** The sanction regimes and the département's practice: in force today and their history. */
export function useSanctionRules() {
  return useQuery({
    queryKey: sanctionKeys.rules,
    queryFn: ({ signal }) => call(routes.rules, { signal }),
  });
}

export const addSanctionRegime = (body: SanctionRegimeInput) => call(routes.addRegime, { body });
export const addSanctionPractice = (body: SanctionPracticeInput) => call(routes.addPractice, { body });

const cases = api.sanctionCases;

export const sanctionCaseKeys = {
  all: ['sanction-cases'] as const,
  person: (personId: string) => ['sanction-cases', 'person', personId] as const,
  queue: (hubId: string) => ['sanction-cases', 'queue', hubId] as const,
};

/** A person's failures (recorded and found in the facts) and sanction cases. */
export function usePersonSanctions(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: sanctionCaseKeys.person(personId),
    queryFn: ({ signal }) => call(cases.ofPerson, { params: { id: personId }, signal }),
    enabled,
  });
}

/** The failures to examine, per person, for a pôle or every pôle of the reader's scope. */
export function useFailureQueue(hubId: string) {
  return useQuery({
    queryKey: sanctionCaseKeys.queue(hubId),
    queryFn: ({ signal }) => call(cases.failureQueue, { query: hubId ? { hubId } : {}, signal }),
  });
}

export const recordFailure = (personId: string, body: FailureInput) =>
  call(cases.recordFailure, { params: { id: personId }, body });
/** A failure to examine classed without follow-up (with its reason). */
export const dismissFailure = (personId: string, failure: { id: string; version: number }, reason: string) =>
  call(cases.dismissFailure, {
    params: { id: personId, failureId: failure.id },
    body: { version: failure.version, reason },
  });
export const openSanctionCase = (personId: string, failureId: string) =>
  call(cases.openCase, { params: { id: personId }, body: { failureId } });

/** The case's steps, each one route of the workflow. */
export type CaseStep =
  | 'notice_sent'
  | 'observations_received'
  | 'decided'
  | 'notified'
  | 'ended'
  | 'cancelled';
const stepRoute = {
  notice_sent: cases.sendNotice,
  observations_received: cases.recordObservations,
  decided: cases.decide,
  notified: cases.notify,
  ended: cases.end,
  cancelled: cases.cancel,
} as const;

export function moveSanctionCase(personId: string, caseId: string, step: CaseStep, body: object) {
  // Each route validates its own body on the server; the form sends the fields of its step.
  return call(stepRoute[step] as typeof cases.sendNotice, {
    params: { id: personId, caseId },
    body: body as never,
  });
}

/** Every sanctions screen reads again after a change (the person's cases, the queue). */
export function useSanctionMutation<I, O>(fn: (input: I) => Promise<O>, onSuccess?: (o: O) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (o) => {
      await queryClient.invalidateQueries({ queryKey: sanctionCaseKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['persons'] });
      onSuccess?.(o);
    },
  });
}
