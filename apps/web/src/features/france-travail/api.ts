import { api, type FtBatch, type FtRegistration, type ResponseOf } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call, hrefOf, upload } from '../../lib/client';

export type FtState = FtRegistration['state'];
export const ftStates: FtState[] = ['pending', 'exported', 'registered', 'rejected'];

export type { FtRegistration };

export type FtCounts = Record<FtState, number>;

/** What the acknowledgement file did (a file with errors is refused: the error lists its lines). */
export type FtAcknowledgementResult = ResponseOf<typeof api.persons.importFtAcknowledgement>;

export const ftKeys = {
  all: ['france-travail'] as const,
  registrations: (state: FtState) => ['france-travail', 'registrations', state] as const,
  batches: ['france-travail', 'batches'] as const,
};

export function useRegistrations(state: FtState) {
  return useQuery({
    queryKey: ftKeys.registrations(state),
    queryFn: ({ signal }) => call(api.persons.listFtRegistrations, { signal, query: { state } }),
  });
}

async function fetchBatches(signal: AbortSignal): Promise<FtBatch[]> {
  const answer = await call(api.persons.listFtBatches, { signal });
  return answer.items;
}

export function useBatches() {
  return useQuery({ queryKey: ftKeys.batches, queryFn: ({ signal }) => fetchBatches(signal) });
}

export function createBatch(): Promise<FtBatch> {
  return call(api.persons.createFtBatch);
}

export function batchExportUrl(id: string): string {
  return hrefOf(api.persons.exportFtBatch, { params: { id } });
}

export function uploadAcknowledgement(
  file: File,
  onUploadProgress: (loaded: number, total: number) => void,
  signal: AbortSignal,
): Promise<FtAcknowledgementResult> {
  return upload(api.persons.importFtAcknowledgement, {
    body: file,
    contentType: 'text/csv',
    onUploadProgress,
    signal,
  });
}
