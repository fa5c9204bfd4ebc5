import type { AppContext } from '../../../platform/context';
import { type HistoryReport, type HistoryRun, historyReportSchema } from '../domain/report';
import { listRuns } from '../infra/history-repo';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The latest import runs of the département, newest first, with their reports. */
export async function listHistoryRuns(
  ctx: AppContext,
  departmentCode: string,
  limit = 50,
): Promise<HistoryRun[]> {
  const rows = await listRuns(ctx.db, departmentCode, limit);
  return rows.map((r) => {
    // A running (or interrupted) run has no report yet: '{}'.
    const parsed = historyReportSchema.safeParse(r.report);
    return {
      id: r.id,
      fileName: r.file_name,
      contentHash: r.content_hash,
      status: r.status as HistoryRun['status'],
      actorAccountId: r.actor_account_id,
      startedAt: iso(r.started_at) as string,
      finishedAt: iso(r.finished_at),
      report: parsed.success ? (parsed.data as HistoryReport) : null,
    };
  });
}
