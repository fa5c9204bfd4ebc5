import { api, type DuplicateSuspect } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';

export type DuplicateStatus = DuplicateSuspect['status'];
export const duplicateStatuses: DuplicateStatus[] = ['open', 'linked', 'dismissed'];

export const duplicateKeys = {
  all: ['duplicates'] as const,
  list: (status: DuplicateStatus) => ['duplicates', status] as const,
};

async function fetchDuplicates(status: DuplicateStatus, signal: AbortSignal): Promise<DuplicateSuspect[]> {
  const answer = await call(api.persons.listDuplicates, { signal, query: { status } });
  return answer.items;
}

export function useDuplicates(status: DuplicateStatus) {
  return useQuery({
    queryKey: duplicateKeys.list(status),
    queryFn: ({ signal }) => fetchDuplicates(status, signal),
  });
}

export interface DecisionInput {
  decision: 'link' | 'dismiss';
  note: string | null;
  version: number;
}

export function postDecision(id: string, input: DecisionInput): Promise<DuplicateSuspect> {
  return call(api.persons.decideDuplicate, { params: { id }, body: input });
}
