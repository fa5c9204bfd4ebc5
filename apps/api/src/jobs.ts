import { z } from 'zod';
import { PASSWORD_RESET_QUEUE, sendPasswordResetMail } from './modules/access/application/auth';
import { registerMessagingJobs } from './modules/messaging/jobs';
import type { AppContext } from './platform/context';

/** Every module's background work, registered once per process (server or CLI). */
export function registerJobHandlers(ctx: AppContext) {
  ctx.jobs.register(PASSWORD_RESET_QUEUE, async (payload) => {
    const { accountId } = z.object({ accountId: z.uuid() }).parse(payload);
    await sendPasswordResetMail(ctx, accountId);
  });
  registerMessagingJobs(ctx);
}
