import type { AppContext } from '../../platform/context';
import { runSanctionTermEnds, SANCTION_DAILY_QUEUE } from './application/daily';

/** The daily end of the suspensions that reach their term. */
export function registerSanctionJobs(ctx: AppContext) {
  ctx.jobs.register(
    SANCTION_DAILY_QUEUE,
    async (_payload, job) => {
      await runSanctionTermEnds(ctx, job.departmentCode);
    },
    { maxAttempts: 3 },
  );
}
