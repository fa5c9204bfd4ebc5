import type { FluxRun } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch, apiUpload } from '../../lib/api';

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
    queryFn: ({ signal }) =>
      apiFetch<{ items: FluxRun[] }>('/api/flux/runs', { signal }).then((r) => r.items),
    // While a file is being processed, keep the list fresh.
    refetchInterval: (query) => (query.state.data?.some((run) => run.status === 'running') ? 5000 : false),
  });
}

export function useFluxRun(id: string) {
  return useQuery({
    queryKey: fluxKeys.run(id),
    queryFn: ({ signal }) => apiFetch<FluxRun>(`/api/flux/runs/${encodeURIComponent(id)}`, { signal }),
    // Every second while the file is processed.
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}

export interface FluxProgress {
  running: boolean;
  progress: { bytesRead: number; totalBytes: number; households: number } | null;
}

/** The progress of a run this screen started, polled on its capability URL until it ends. */
export function useFluxProgress(progressUrl: string | null) {
  return useQuery({
    queryKey: ['flux', 'progress', progressUrl],
    enabled: progressUrl !== null,
    queryFn: ({ signal }) => apiFetch<FluxProgress>(progressUrl!, { signal }),
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

export interface FluxStarted {
  runId: string;
  /** Answered from memory while the file is applied, even when the embedded database is busy. */
  progressUrl: string;
  /** Embedded database: other work waits until the file is applied. */
  embedded: boolean;
}

export function uploadFlux(params: FluxUploadParams): Promise<FluxStarted> {
  const csv = params.format === 'csv';
  return apiUpload<FluxStarted>('/api/flux/imports', {
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
