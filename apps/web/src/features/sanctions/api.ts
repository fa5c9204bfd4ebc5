import { api, type SanctionPracticeInput, type SanctionRegimeInput } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
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
