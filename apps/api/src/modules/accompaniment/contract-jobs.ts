import type { AppContext } from '../../platform/context';
import { CONTRACT_DAILY_QUEUE, runContractDailyMoves } from './application/contract-jobs';

/** The contracts' daily moves (in force at their start, ended after their end); schedule installed at start. */
export function registerContractJobs(ctx: AppContext) {
  ctx.jobs.register(
    CONTRACT_DAILY_QUEUE,
    async (_payload, job) => {
      await runContractDailyMoves(ctx, job.departmentCode);
    },
    { maxAttempts: 3 },
  );
}
