import { api, type CafLineStatus, type ResponseOf } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call, hrefOf, upload } from '../../../lib/client';

const routes = api.cafTransmission;

export type CafAckResult = ResponseOf<typeof routes.acknowledge>;

export const cafKeys = {
  all: ['caf-transmission'] as const,
  lines: (status: CafLineStatus | 'all') => ['caf-transmission', 'lines', status] as const,
  files: ['caf-transmission', 'files'] as const,
};

/** The lines for the CAF in the reader's scope (an audited list of persons). */
export function useCafLines(status: CafLineStatus | 'all') {
  return useQuery({
    queryKey: cafKeys.lines(status),
    queryFn: ({ signal }) => call(routes.lines, { query: { status }, signal }),
  });
}

/** The daily files of the département, the latest first. */
export function useCafFiles() {
  return useQuery({
    queryKey: cafKeys.files,
    queryFn: async ({ signal }) => (await call(routes.files, { signal })).items,
  });
}

export const generateCafFile = (date: string) => call(routes.generateFile, { body: { date } });

export const cafFileUrl = (id: string) => hrefOf(routes.download, { params: { id } });

export function uploadCafAcknowledgement(
  fileId: string,
  file: File,
  onUploadProgress: (loaded: number, total: number) => void,
  signal: AbortSignal,
): Promise<CafAckResult> {
  return upload(routes.acknowledge, {
    params: { id: fileId },
    body: file,
    contentType: 'text/csv',
    onUploadProgress,
    signal,
  });
}
