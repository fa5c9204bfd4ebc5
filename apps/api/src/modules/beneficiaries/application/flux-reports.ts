import type { FluxReport, FluxRun } from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { type FluxRunRow, latestRuns, runById } from '../infra/flux-run-repo';
import type { FluxUploads } from './flux-upload';

function toRun(r: FluxRunRow, uploads: FluxUploads): FluxRun {
  const report = r.report as Record<string, unknown> | null;
  return {
    id: r.id,
    fileName: r.file_name,
    status: r.status as FluxRun['status'],
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    actorName: r.display_name,
    progress: r.status === 'running' ? uploads.progressOfRun(r.id) : null,
    report: report && 'runId' in report ? (report as never) : null,
  };
}

/**
 * A report names persons (new entrants, identity conflicts): showing it is a bulk read of them.
 * Reports naming nobody (a run in progress, polled by the screen) leave no trace.
 */
async function auditFluxReports(ctx: AppContext, actor: RequestActor, request: RequestInfo, runs: FluxRun[]) {
  const ids = runs.flatMap((r) => {
    const report = r.report as FluxReport | null;
    return [
      ...(report?.newEntrantSamples ?? []).map((e) => e.personId),
      ...(report?.identityConflicts ?? []).map((c) => c.existing.personId),
    ];
  });
  if (ids.length === 0) return;
  await recordPersonList(
    ctx,
    actor,
    request,
    'flux.report',
    runs.length === 1 ? { runId: runs[0]!.id } : { reports: runs.length },
    ids,
  );
}

/** The latest flux runs of the département, with their reports. */
export async function listFluxRuns(
  ctx: AppContext,
  uploads: FluxUploads,
  actor: RequestActor,
  request: RequestInfo,
): Promise<FluxRun[]> {
  const items = (await latestRuns(ctx.db, actor.departmentCode)).map((r) => toRun(r, uploads));
  await auditFluxReports(ctx, actor, request, items);
  return items;
}

export async function getFluxRun(
  ctx: AppContext,
  uploads: FluxUploads,
  actor: RequestActor,
  request: RequestInfo,
  runId: string,
): Promise<FluxRun> {
  const row = await runById(ctx.db, actor.departmentCode, runId);
  if (!row) throw notFound('Import');
  const run = toRun(row, uploads);
  await auditFluxReports(ctx, actor, request, [run]);
  return run;
}
