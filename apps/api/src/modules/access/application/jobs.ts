import type { Job } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { jobsOverview, toJob } from '../infra/jobs-repo';

export const listJobs = (ctx: AppContext, actor: RequestActor, status: Job['status'] | undefined) =>
  jobsOverview(ctx.db, actor.departmentCode, status);

/** Gives a failed job its full number of attempts again. */
export async function retryJob(ctx: AppContext, actor: RequestActor, id: string, request: RequestInfo) {
  const job = await ctx.jobs.retry(id, actor.departmentCode);
  if (!job) throw notFound('Tâche en échec');
  await ctx.audit.record({ actor, action: 'job.retried', targetType: 'job', targetId: job.id, request });
  return toJob(job);
}
