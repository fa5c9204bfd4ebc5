import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { IMMERSION_DAILY_QUEUE, runImmersionDailyMoves } from './application/daily';
import { sendSignLinkMail } from './application/signatures';
import { SIGN_LINK_QUEUE } from './domain/sign-link';

/** The e-mailed signing links (the secret is made by the job) and the daily moves by dates. */
export function registerImmersionJobs(ctx: AppContext) {
  ctx.jobs.register(SIGN_LINK_QUEUE, async (payload) => {
    const { tokenId } = z.object({ tokenId: z.uuid() }).parse(payload);
    await sendSignLinkMail(ctx, tokenId);
  });
  ctx.jobs.register(
    IMMERSION_DAILY_QUEUE,
    async (_payload, job) => {
      await runImmersionDailyMoves(ctx, job.departmentCode);
    },
    { maxAttempts: 3 },
  );
}
