import { api } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../lib/api';
import { call, upload } from '../../lib/client';

/** One history import as listed by the API (the report's shape is read defensively: see normaliseReport). */
export interface HistoryImport {
  id: string;
  fileName: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  report: unknown;
}

export const historyKeys = {
  imports: ['history-imports'] as const,
};

async function fetchImports(signal: AbortSignal): Promise<HistoryImport[]> {
  const answer = await call(api.history.listRuns, { signal });
  return answer.items;
}

export function useHistoryImports() {
  return useQuery({ queryKey: historyKeys.imports, queryFn: ({ signal }) => fetchImports(signal) });
}

export function uploadHistory(options: {
  file: File;
  applyValid: boolean;
  onUploadProgress: (loaded: number, total: number) => void;
  onUploaded: () => void;
  signal: AbortSignal;
}): Promise<unknown> {
  return upload(api.history.importFile, {
    body: options.file,
    contentType: 'application/x-ndjson',
    query: { fileName: options.file.name, applyValid: options.applyValid ? 'true' : 'false' },
    onUploadProgress: options.onUploadProgress,
    onUploaded: options.onUploaded,
    signal: options.signal,
  }).catch((error: unknown) => {
    // A refused file answers 400 with its report: it is the outcome to show, not a failure.
    if (isApiError(error) && error.status === 400 && isRefusedReport(error.body)) return error.body;
    throw error;
  });
}

function isRefusedReport(body: unknown): boolean {
  return (
    isRecord(body) && body.status === 'rejected' && isRecord(body.counts) && Array.isArray(body.rejected)
  );
}

// --- The report, read defensively (its exact shape belongs to the API) ---

export interface RejectedLine {
  line: number | null;
  kind: string | null;
  /** The field at fault, when the report names one. */
  field: string | null;
  /** The line describes another person than the record it matches. */
  conflict: boolean;
  reason: string;
}

export interface HistoryReport {
  status: string;
  message: string | null;
  /** Kind → counter name (read, created, updated…) → number. */
  counts: { kind: string; values: Record<string, number> }[];
  /** Counter names found in `counts`, in display order. */
  counterNames: string[];
  rejected: RejectedLine[];
  /** Total of rejected lines (may exceed the lines kept in `rejected`). */
  rejectedCount: number;
  applyValid: boolean | null;
  durationMs: number | null;
  /** Other simple fields of the report, shown as they are. */
  extras: [string, string][];
}

const knownCounters = [
  'read',
  'created',
  'updated',
  'unchanged',
  'replaced',
  'skipped',
  'conflict',
  'rejected',
];
const knownKeys = new Set([
  'status',
  'message',
  'counts',
  'rejected',
  'rejectedCount',
  'rejectedTotal',
  'applyValid',
  'applyValidLines',
  'durationMs',
  'fileName',
  'id',
  'runId',
  'importId',
  'contentHash',
  'startedAt',
  'finishedAt',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function normaliseReport(raw: unknown, fallbackStatus = 'unknown'): HistoryReport {
  const source = isRecord(raw) ? raw : {};
  const counts: HistoryReport['counts'] = [];
  const names = new Set<string>();
  if (isRecord(source.counts)) {
    for (const [kind, value] of Object.entries(source.counts)) {
      if (isRecord(value)) {
        const values: Record<string, number> = {};
        for (const [name, n] of Object.entries(value)) {
          const number = asNumber(n);
          if (number !== null) {
            values[name] = number;
            names.add(name);
          }
        }
        counts.push({ kind, values });
      } else if (asNumber(value) !== null) {
        counts.push({ kind, values: { read: asNumber(value) ?? 0 } });
        names.add('read');
      }
    }
  }
  const counterNames = [
    ...knownCounters.filter((name) => names.has(name)),
    ...[...names].filter((name) => !knownCounters.includes(name)).sort(),
  ];

  const rejected: RejectedLine[] = [];
  if (Array.isArray(source.rejected)) {
    for (const item of source.rejected) {
      if (isRecord(item)) {
        rejected.push({
          line: asNumber(item.line),
          kind: typeof item.kind === 'string' ? item.kind : null,
          field: typeof item.field === 'string' && item.field ? item.field : null,
          conflict: item.code === 'conflict',
          reason:
            typeof item.reason === 'string'
              ? item.reason
              : typeof item.message === 'string'
                ? item.message
                : 'Motif non précisé',
        });
      } else if (typeof item === 'string') {
        rejected.push({ line: null, kind: null, field: null, conflict: false, reason: item });
      }
    }
  }
  const rejectedCount = Math.max(
    asNumber(source.rejectedCount) ??
      asNumber(source.rejectedTotal) ??
      (typeof source.rejected === 'number' ? source.rejected : 0),
    rejected.length,
  );

  const extras: [string, string][] = [];
  for (const [key, value] of Object.entries(source)) {
    if (knownKeys.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      extras.push([key, String(value)]);
    }
  }

  return {
    status: typeof source.status === 'string' ? source.status : fallbackStatus,
    message: typeof source.message === 'string' && source.message ? source.message : null,
    counts,
    counterNames,
    rejected,
    rejectedCount,
    applyValid:
      typeof source.applyValid === 'boolean'
        ? source.applyValid
        : typeof source.applyValidLines === 'boolean'
          ? source.applyValidLines
          : null,
    durationMs: asNumber(source.durationMs),
    extras,
  };
}

export function readTotal(report: HistoryReport): number {
  return report.counts.reduce((sum, c) => sum + (c.values.read ?? 0), 0);
}
