import type { FtBatch } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch, apiUpload } from '../../lib/api';

export type FtState = 'pending' | 'exported' | 'registered' | 'rejected';
export const ftStates: FtState[] = ['pending', 'exported', 'registered', 'rejected'];

export interface FtRegistration {
  id: string;
  personId: string;
  name: string;
  birthDate: string;
  role: string | null;
  entryDate: string | null;
  state: FtState;
  ftIdentifier: string | null;
  reason: string | null;
  batchId: string | null;
}

export type FtCounts = Record<FtState, number>;

export interface FtAcknowledgementResult {
  lines?: number;
  registered: number;
  rejected: number;
  unknown: number;
  /** Lines saying what is already recorded (the same file again): nothing written. */
  unchanged?: number;
  /** The same line again in the file: applied once. */
  repeated?: number;
  errors: { line: number; field?: string | null; reason: string }[];
  message?: string;
}

export const ftKeys = {
  all: ['france-travail'] as const,
  registrations: (state: FtState) => ['france-travail', 'registrations', state] as const,
  batches: ['france-travail', 'batches'] as const,
};

async function fetchRegistrations(state: FtState, signal: AbortSignal) {
  return apiFetch<{ items: FtRegistration[]; counts: FtCounts }>('/api/france-travail/registrations', {
    signal,
    query: { state },
  });
}

export function useRegistrations(state: FtState) {
  return useQuery({
    queryKey: ftKeys.registrations(state),
    queryFn: ({ signal }) => fetchRegistrations(state, signal),
  });
}

async function fetchBatches(signal: AbortSignal): Promise<FtBatch[]> {
  const answer = await apiFetch<{ items: FtBatch[] }>('/api/france-travail/batches', { signal });
  return answer.items;
}

export function useBatches() {
  return useQuery({ queryKey: ftKeys.batches, queryFn: ({ signal }) => fetchBatches(signal) });
}

export function createBatch(): Promise<FtBatch> {
  return apiFetch<FtBatch>('/api/france-travail/batches', { method: 'POST' });
}

export function batchExportUrl(id: string): string {
  return `/api/france-travail/batches/${encodeURIComponent(id)}/export.csv`;
}

export function uploadAcknowledgement(
  file: File,
  onUploadProgress: (loaded: number, total: number) => void,
  signal: AbortSignal,
): Promise<FtAcknowledgementResult> {
  return apiUpload<FtAcknowledgementResult>('/api/france-travail/acknowledgements', {
    body: file,
    contentType: 'text/csv',
    onUploadProgress,
    signal,
  });
}
