import {
  api,
  type ImmersionAssessmentInput,
  type ImmersionContentInput,
  type ImmersionDetail,
  type ImmersionLimitsInput,
  type ImmersionParty,
} from '@parcours/contracts';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

const routes = api.immersions;

export const immersionKeys = {
  person: (personId: string) => ['immersions', 'person', personId] as const,
  immersion: (id: string) => ['immersions', 'immersion', id] as const,
  limits: ['immersions', 'limits'] as const,
};

/** A person's PMSMP conventions (each reading is audited: no refetch behind the user's back). */
export function usePersonImmersions(personId: string, enabled = true) {
  return useQuery({
    queryKey: immersionKeys.person(personId),
    queryFn: ({ signal }) =>
      call(routes.listForPerson, { params: { id: personId }, signal, redirectOnForbidden: false }),
    enabled,
    retry: false,
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
}

export function useImmersion(id: string) {
  return useQuery({
    queryKey: immersionKeys.immersion(id),
    queryFn: ({ signal }) =>
      call(routes.get, { params: { immersionId: id }, signal, redirectOnForbidden: false }),
    retry: false,
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
}

export function useImmersionLimits() {
  return useQuery({
    queryKey: immersionKeys.limits,
    queryFn: ({ signal }) => call(routes.limits, { signal }),
  });
}

export const createImmersion = (personId: string, content: ImmersionContentInput) =>
  call(routes.create, { params: { id: personId }, body: content });

export const updateImmersion = (d: ImmersionDetail, content: ImmersionContentInput) =>
  call(routes.update, { params: { immersionId: d.id }, body: { version: d.version, content } });

export type ImmersionMove = 'awaiting_signatures' | 'validated' | 'in_progress' | 'ended' | 'cancelled';
export const moveImmersion = (d: ImmersionDetail, to: ImmersionMove, reason: string | null = null) =>
  call(routes.transition, { params: { immersionId: d.id }, body: { to, version: d.version, reason } });

export const signOnScreen = (d: ImmersionDetail, party: ImmersionParty, signerName: string) =>
  call(routes.signOnScreen, {
    params: { immersionId: d.id },
    body: { party, signerName, version: d.version },
  });

export const sendSignLink = (d: ImmersionDetail, party: ImmersionParty, email: string) =>
  call(routes.sendSignLink, { params: { immersionId: d.id }, body: { party, email, version: d.version } });

export const renewImmersion = (d: ImmersionDetail, startDate: string, endDate: string) =>
  call(routes.renew, { params: { immersionId: d.id }, body: { version: d.version, startDate, endDate } });

export const assessImmersion = (d: ImmersionDetail, input: Omit<ImmersionAssessmentInput, 'version'>) =>
  call(routes.assess, { params: { immersionId: d.id }, body: { ...input, version: d.version } });

export const addImmersionLimits = (input: ImmersionLimitsInput) => call(routes.addLimits, { body: input });

export const immersionPdfHref = (id: string) => hrefOf(routes.pdf, { params: { immersionId: id } });

/** After a change: the page gets the answer at once, the person's list is read again. */
export async function immersionChanged(queryClient: QueryClient, detail: ImmersionDetail) {
  queryClient.setQueryData(immersionKeys.immersion(detail.id), detail);
  await queryClient.invalidateQueries({ queryKey: immersionKeys.person(detail.personId) });
}
