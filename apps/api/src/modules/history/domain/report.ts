import type { HistoryReport } from '@parcours/contracts';
import { historyKinds } from './lines';

/** The report's schemas are shared with the web: they live in the contracts. */
export {
  type HistoryReport,
  type HistoryRun,
  historyReportSchema,
  historyReportStatuses,
  historyRunSchema,
  type KindCounts,
  type RejectedLine,
  rejectedLineSchema,
} from '@parcours/contracts';

/** A report stays readable (and its jsonb small) even when a whole file is wrong. */
export const REJECTED_LINES_KEPT = 1000;

export function emptyCounts(): HistoryReport['counts'] {
  return Object.fromEntries(
    historyKinds.map((k) => [
      k,
      { read: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, replaced: 0, conflict: 0 },
    ]),
  ) as HistoryReport['counts'];
}
