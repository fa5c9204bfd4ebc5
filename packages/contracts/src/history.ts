import { z } from 'zod';

/** The kinds of line of a history file (shared/formats/history.md), in the order they apply. */
export const historyKinds = [
  'hub',
  'body',
  'referent',
  'person',
  'rights',
  'orientation',
  'referentAssignment',
  'appointment',
  'contract',
] as const;
export type HistoryKind = (typeof historyKinds)[number];

/**
 * The report of a history import: printed by the command line, returned by the API, stored in
 * `history_import_run.report`. JSON only (no Date), French texts.
 */

export const kindCountsSchema = z.object({
  /** Lines of this kind in the file. */
  read: z.number().int(),
  rejected: z.number().int(),
  /** Rows created. */
  created: z.number().int(),
  /** Rows that existed (same external id) and were changed by the file. */
  updated: z.number().int(),
  /** Rows that existed and already matched the file. */
  unchanged: z.number().int(),
  /** History rows (source 'history') of the same persons removed because the file replaces them. */
  replaced: z.number().int(),
  /**
   * Lines matched to an existing record (same external id or NIR) that describes someone else
   * (NIR, birth date, birth name or sex differ): never applied, counted in `rejected` too.
   */
  conflict: z.number().int().default(0),
});
export type KindCounts = z.infer<typeof kindCountsSchema>;

export const rejectedLineSchema = z.object({
  line: z.number().int(),
  kind: z.string().nullable(),
  /** The field at fault when one is (« birthDate »…), for the screen's "champ" column. */
  field: z.string().nullable().optional(),
  /** `conflict`: the line describes another person than the record it matches. */
  code: z.enum(['invalid', 'conflict']).optional(),
  reason: z.string(),
});
export type RejectedLine = z.infer<typeof rejectedLineSchema>;

export const historyReportStatuses = ['applied', 'rejected', 'already_imported'] as const;

export const historyReportSchema = z.object({
  runId: z.string().nullable(),
  fileName: z.string(),
  contentHash: z.string(),
  sizeBytes: z.number().int(),
  /** applied: written (possibly without its rejected lines); rejected: nothing written. */
  status: z.enum(historyReportStatuses),
  /** One French sentence for the screen and the terminal. */
  message: z.string(),
  applyValidLines: z.boolean(),
  /** Non-empty lines read. */
  lines: z.number().int(),
  counts: z.object(
    Object.fromEntries(historyKinds.map((k) => [k, kindCountsSchema])) as {
      [K in (typeof historyKinds)[number]]: typeof kindCountsSchema;
    },
  ),
  derived: z.object({
    householdsCreated: z.number().int(),
    householdsUpdated: z.number().int(),
    rightsPeriods: z.number().int(),
    entrySpells: z.number().int(),
    timelineEvents: z.number().int(),
  }),
  rejectedTotal: z.number().int(),
  /** The first rejected lines, in file order (at most REJECTED_LINES_KEPT). */
  rejected: z.array(rejectedLineSchema),
  warnings: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().int(),
  /** The run that already applied this file (status already_imported). */
  previousRun: z.object({ id: z.string(), startedAt: z.string() }).nullable(),
});
export type HistoryReport = z.infer<typeof historyReportSchema>;

export const historyRunSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentHash: z.string(),
  status: z.enum(['running', 'applied', 'rejected']),
  actorAccountId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  report: historyReportSchema.nullable(),
});
export type HistoryRun = z.infer<typeof historyRunSchema>;

/** The query of a history upload (the NDJSON file is the raw body). */
export const historyImportQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(255).optional(),
  applyValid: z.enum(['true', 'false']).optional(),
});
