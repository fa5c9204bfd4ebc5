import type { Account, AuditEvent, Job, Role } from '@parcours/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api';

export interface AccountFilters {
  q?: string | undefined;
  role?: Role | undefined;
  structureId?: string | undefined;
  hubId?: string | undefined;
}

export interface AuditFilters {
  personId?: string | undefined;
  actorAccountId?: string | undefined;
  action?: string | undefined;
}

export type JobStatus = Job['status'];
export interface JobCounts {
  pending: number;
  running: number;
  done: number;
  failed: number;
}

export const adminKeys = {
  accounts: (filters: AccountFilters) => ['admin', 'accounts', filters] as const,
  accountsAll: ['admin', 'accounts'] as const,
  account: (id: string) => ['admin', 'accounts', 'one', id] as const,
  audit: (filters: AuditFilters) => ['admin', 'audit', filters] as const,
  jobs: (status: JobStatus | undefined) => ['admin', 'jobs', status ?? 'all'] as const,
  jobsAll: ['admin', 'jobs'] as const,
};

export function useAccounts(filters: AccountFilters) {
  return useQuery({
    queryKey: adminKeys.accounts(filters),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Account[] }>('/api/admin/accounts', { signal, query: { ...filters } }).then((r) =>
        [...r.items].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr')),
      ),
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: adminKeys.account(id),
    queryFn: ({ signal }) => apiFetch<Account>(`/api/admin/accounts/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

export const auditPageSize = 50;

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(filters),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) =>
      apiFetch<{ items: AuditEvent[]; nextBefore: string | null }>('/api/admin/audit', {
        signal,
        query: { ...filters, before: pageParam, limit: auditPageSize },
      }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

export function useJobs(status: JobStatus | undefined) {
  return useQuery({
    queryKey: adminKeys.jobs(status),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Job[]; counts: JobCounts }>('/api/admin/jobs', { signal, query: { status } }),
  });
}
