import { type AuditFilter, api, type Job, type Role } from '@parcours/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

export interface AccountFilters {
  q?: string | undefined;
  role?: Role | undefined;
  structureId?: string | undefined;
  hubId?: string | undefined;
}

/** The journal's filters: person, agent, action, period. */
export type AuditFilters = AuditFilter;

export type JobStatus = Job['status'];
export type { JobCounts } from '@parcours/contracts';

export const adminKeys = {
  accounts: (filters: AccountFilters) => ['admin', 'accounts', filters] as const,
  accountsAll: ['admin', 'accounts'] as const,
  account: (id: string) => ['admin', 'accounts', 'one', id] as const,
  audit: (filters: AuditFilters) => ['admin', 'audit', filters] as const,
  personAudit: (personId: string) => ['admin', 'audit', 'person', personId] as const,
  jobs: (status: JobStatus | undefined) => ['admin', 'jobs', status ?? 'all'] as const,
  jobsAll: ['admin', 'jobs'] as const,
};

export function useAccounts(filters: AccountFilters) {
  return useQuery({
    queryKey: adminKeys.accounts(filters),
    queryFn: ({ signal }) =>
      call(api.access.listAccounts, { signal, query: { ...filters } }).then((r) =>
        [...r.items].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr')),
      ),
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: adminKeys.account(id),
    queryFn: ({ signal }) => call(api.access.getAccount, { params: { id }, signal }),
    retry: false,
  });
}

export const auditPageSize = 50;

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(filters),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) =>
      call(api.access.listAudit, {
        signal,
        query: { ...filters, before: pageParam ?? undefined, limit: auditPageSize },
      }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** « Qui a consulté ce dossier », loaded on demand (reading it is itself traced). */
export function usePersonAudit(personId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: adminKeys.personAudit(personId),
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) =>
      call(api.access.personAudit, {
        signal,
        params: { id: personId },
        query: { before: pageParam ?? undefined, limit: auditPageSize },
      }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** The CSV of the filtered journal (the download is traced by the API). */
export const auditExportUrl = (filters: AuditFilters) => hrefOf(api.access.exportAudit, { query: filters });

export function useJobs(status: JobStatus | undefined) {
  return useQuery({
    queryKey: adminKeys.jobs(status),
    queryFn: ({ signal }) => call(api.access.listJobs, { signal, query: { status } }),
  });
}
