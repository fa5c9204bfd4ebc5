import os from 'node:os';
import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context';

/** A run never locked by its transaction this long after it started is dead (another host). */
const UNLOCKED_GRACE_MINUTES = 10;

interface Candidate {
  id: string;
  department_code: string;
  runner_host: string | null;
  runner_pid: number | null;
  started_at: Date;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * At start: flux runs left "running" by a process that died (killed, crash, power cut) are marked
 * `interrupted`. Their transaction was rolled back with the process, so nothing of them is
 * applied; the file can be imported again.
 *
 * Embedded engine: one process owns the data directory, so every "running" run is stale. PostgreSQL
 * (several instances, CLI beside the server): a live import holds its run row locked in its
 * transaction, so only rows nobody locks are candidates (SKIP LOCKED), and of those only the ones
 * whose process is gone (same host) or that never got locked within the grace period (other host).
 */
export async function markInterruptedFluxRuns(ctx: AppContext): Promise<number> {
  const host = os.hostname();
  const stale = await ctx.db.transaction().execute(async (trx) => {
    const candidates =
      ctx.engine === 'pglite'
        ? (
            await sql<Candidate>`
              SELECT id, department_code, runner_host, runner_pid, started_at FROM flux_run
              WHERE status = 'running'`.execute(trx)
          ).rows
        : (
            await sql<Candidate>`
              SELECT id, department_code, runner_host, runner_pid, started_at FROM flux_run
              WHERE status = 'running' FOR UPDATE SKIP LOCKED`.execute(trx)
          ).rows;
    const graceLimit = Date.now() - UNLOCKED_GRACE_MINUTES * 60_000;
    const stale = candidates.filter((r) => {
      if (ctx.engine === 'pglite') return true;
      if (r.runner_host === host && r.runner_pid != null) return !processAlive(r.runner_pid);
      return new Date(r.started_at).getTime() < graceLimit;
    });
    if (stale.length === 0) return [];
    const message =
      "Import interrompu (arrêt du serveur ou de la commande pendant l'import) : rien n'a été appliqué. Importez le fichier à nouveau.";
    await trx
      .updateTable('flux_run')
      .set({
        status: 'interrupted',
        finished_at: new Date(),
        report: JSON.stringify({ message, interrupted: true }),
      })
      .where(
        'id',
        'in',
        stale.map((r) => r.id),
      )
      .execute();
    ctx.log.warn({ runs: stale.map((r) => r.id) }, 'flux runs interrupted by a previous stop');
    return stale;
  });
  for (const r of stale) {
    await ctx.audit.record({
      actor: null,
      departmentCode: r.department_code,
      action: 'flux.interrupted',
      targetType: 'flux_run',
      targetId: r.id,
      details: {},
      request: null,
    });
  }
  return stale.length;
}
