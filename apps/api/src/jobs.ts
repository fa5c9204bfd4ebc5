import { z } from 'zod';
import { PASSWORD_RESET_QUEUE, sendPasswordResetMail } from './modules/access/application/auth';
import { registerBeneficiaryLoginJobs } from './modules/access/application/beneficiary-login-jobs';
import { LOGIN_FAILURES_QUEUE, sendLoginFailuresMail } from './modules/access/application/login-throttle';
import { registerAlertJobs } from './modules/accompaniment/alert-jobs';
import { registerContractJobs } from './modules/accompaniment/contract-jobs';
import { registerImmersionJobs } from './modules/immersions';
import { registerMessagingJobs } from './modules/messaging/jobs';
import { registerSanctionJobs } from './modules/sanctions';
import type { AppContext } from './platform/context';

/** Every module's background work, registered once per process (server or CLI). */
export function registerJobHandlers(ctx: AppContext) {
  ctx.jobs.register(PASSWORD_RESET_QUEUE, async (payload) => {
    // No account: the job of a reset asked for an unknown e-mail, which sends nothing.
    const { accountId } = z.object({ accountId: z.uuid().nullable() }).parse(payload);
    if (accountId) await sendPasswordResetMail(ctx, accountId);
  });
  ctx.jobs.register(LOGIN_FAILURES_QUEUE, async (payload) => {
    const { accountId, since } = z.object({ accountId: z.uuid(), since: z.iso.datetime() }).parse(payload);
    await sendLoginFailuresMail(ctx, accountId, new Date(since));
  });
  registerMessagingJobs(ctx);
  registerBeneficiaryLoginJobs(ctx);
  registerAlertJobs(ctx);
  registerContractJobs(ctx);
  registerImmersionJobs(ctx);
  registerSanctionJobs(ctx);
}
