import type { Job, JobCounts } from '@parcours/contracts';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../platform/db/database';
import type { JobTable } from '../../../platform/db/schema';

export const toJob = (j: Selectable<JobTable>): Job => ({
  id: j.id,
  queue: j.queue,
  status: j.status as Job['status'],
  attempts: j.attempts,
  maxAttempts: j.max_attempts,
  runAt: new Date(j.run_at).toISOString(),
  lastError: j.last_error,
  createdAt: new Date(j.created_at).toISOString(),
  finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
});

/** The 200 latest jobs of a département (optionally of one status), and how many per status. */
export async function jobsOverview(db: Db, departmentCode: string, status: Job['status'] | undefined) {
  let q = db.selectFrom('job').selectAll().where('department_code', '=', departmentCode);
  if (status) q = q.where('status', '=', status);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
  const counts = await db
    .selectFrom('job')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('department_code', '=', departmentCode)
    .groupBy('status')
    .execute();
  const byStatus: JobCounts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const c of counts) byStatus[c.status as keyof JobCounts] = Number(c.n);
  return { items: rows.map(toJob), counts: byStatus };
}
