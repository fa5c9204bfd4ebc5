import { api, type BodyOf, type ReferralDelayInput } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

const routes = api.referrals;

export const referralKeys = {
  person: (personId: string) => ['referrals', 'person', personId] as const,
  delays: ['referrals', 'delays'] as const,
};

/** The person's fiches de liaison (référent side). */
export function usePersonReferrals(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: referralKeys.person(personId),
    queryFn: async ({ signal }) =>
      (await call(routes.listForPerson, { params: { id: personId }, signal })).items,
    enabled,
  });
}

export const sendReferral = (personId: string, body: BodyOf<typeof routes.create>) =>
  call(routes.create, { params: { id: personId }, body });

export const cancelReferral = (id: string, body: BodyOf<typeof routes.cancel>) =>
  call(routes.cancel, { params: { id }, body });

export function useReferralDelays() {
  return useQuery({
    queryKey: referralKeys.delays,
    queryFn: ({ signal }) => call(routes.delays, { signal }),
  });
}

export const addReferralDelays = (body: ReferralDelayInput) => call(routes.addDelays, { body });
