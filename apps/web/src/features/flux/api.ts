import { api, type FluxProgress, type FluxRun, type ResponseOf } from '@parcours/contracts';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, upload } from '../../lib/client';

export const fluxKeys = {
  all: ['flux'] as const,
  runs: ['flux', 'runs'] as const,
  run: (id: string) => ['flux', 'run', id] as const,
};

export type FluxStatus = FluxRun['status'];

export const fluxStatusLabels: Record<FluxStatus, string> = {
  running: 'En cours',
  applied: 'Appliqué',
  rejected: 'Rejeté',
  duplicate: 'Déjà importé',
  interrupted: 'Interrompu',
};

export const fluxStatusTones: Record<FluxStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  running: 'warning',
  applied: 'success',
  rejected: 'danger',
  duplicate: 'neutral',
  interrupted: 'danger',
};

export function useFluxRuns() {
  return useQuery({
    queryKey: fluxKeys.runs,
    queryFn: ({ signal }) => call(api.persons.listFluxRuns, { signal }).then((r) => r.items),
    // While a file is being processed, keep the list fresh.
    refetchInterval: (query) => (query.state.data?.some((run) => run.status === 'running') ? 5000 : false),
  });
}

/**
 * The report is the authority on its run: the row of the list shows what the report shows, at
 * once. The list is another query, refreshed by its own poll; on the embedded database that poll
 * waits for the end of the file and may answer « En cours » from just before the run was closed,
 * and nothing told the list when the report was opened on a run that had already ended (a file
 * sent from another screen or by the command line): the row stayed « En cours » under a report
 * saying « appliqué ». A run that ended also refreshes the list (a late answer is dropped).
 */
export function syncRunIntoList(queryClient: QueryClient, run: FluxRun): void {
  let changed = false;
  queryClient.setQueryData<FluxRun[]>(fluxKeys.runs, (rows) => {
    if (!rows) return rows;
    const known = rows.find((r) => r.id === run.id);
    if (known?.status === run.status) return rows;
    changed = true;
    return known ? rows.map((r) => (r.id === run.id ? run : r)) : [run, ...rows];
  });
  if (changed && run.status !== 'running') void queryClient.invalidateQueries({ queryKey: fluxKeys.runs });
}

export function useFluxRun(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: fluxKeys.run(id),
    queryFn: async ({ signal }) => {
      const run = await call(api.persons.getFluxRun, { params: { id }, signal });
      syncRunIntoList(queryClient, run);
      return run;
    },
    // Every second while the file is processed.
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}

export type { FluxProgress };

/** The token that ends the capability URL the upload answered (`…/progress/<token>`). */
const progressToken = (progressUrl: string) => progressUrl.slice(progressUrl.lastIndexOf('/') + 1);

/** The progress of a run this screen started, polled on its capability URL until it ends. */
export function useFluxProgress(progressUrl: string | null) {
  return useQuery({
    queryKey: ['flux', 'progress', progressUrl],
    enabled: progressUrl !== null,
    queryFn: ({ signal }) =>
      call(api.persons.fluxProgress, { params: { token: progressToken(progressUrl!) }, signal }),
    refetchInterval: (query) => (query.state.data?.running === false || query.state.error ? false : 500),
    refetchIntervalInBackground: true,
    retry: false,
    staleTime: 0,
  });
}

export interface FluxUploadParams {
  file: File;
  format: 'xml' | 'csv';
  /** CSV only. */
  natFlux?: 'D' | 'I';
  typeFlux?: 'I' | 'M' | 'R';
  createdOn?: string;
  /** 'apply-valid': apply the valid households, refuse the others. */
  policy?: 'apply-valid';
  onUploadProgress: (loaded: number, total: number) => void;
  onUploaded: () => void;
  signal: AbortSignal;
}

/** The run started: its id, the progress URL (answered from memory), whether the database is embedded. */
export type FluxStarted = ResponseOf<typeof api.persons.importFlux>;

export function uploadFlux(params: FluxUploadParams): Promise<FluxStarted> {
  const csv = params.format === 'csv';
  return upload(api.persons.importFlux, {
    body: params.file,
    contentType: 'application/octet-stream',
    query: {
      fileName: params.file.name,
      format: params.format,
      natFlux: csv ? params.natFlux : undefined,
      typeFlux: csv ? params.typeFlux : undefined,
      createdOn: csv ? params.createdOn : undefined,
      policy: params.policy,
    },
    onUploadProgress: params.onUploadProgress,
    onUploaded: params.onUploaded,
    signal: params.signal,
  });
}

export const natFluxLabels: Record<string, string> = {
  D: 'Bénéficiaires (VRSB)',
  I: 'Instruction (VIRS)',
};

export const typeFluxLabels: Record<string, string> = {
  I: 'Quotidien',
  M: 'Mensuel',
  R: 'Reprise',
};

export const applicationLabels: Record<string, string> = {
  CRI: 'Cristal (CNAF)',
  NRA: 'NRA',
  AGO: 'Agora (MSA)',
};
