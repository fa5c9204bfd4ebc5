import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import {
  ALERT_DIGEST_MAIL_QUEUE,
  ALERT_DIGEST_QUEUE,
  enqueueAlertDigests,
  sendAlertDigestOf,
} from './application/digest';

const mailPayload = z.object({ accountId: z.uuid(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/**
 * The daily e-mail digest of the accompaniment alerts (its schedule is installed at start): the
 * morning job queues one e-mail job per agent, each retried on its own.
 */
export function registerAlertJobs(ctx: AppContext) {
  ctx.jobs.register(
    ALERT_DIGEST_QUEUE,
    async (_payload, job) => {
      await enqueueAlertDigests(ctx, job.departmentCode);
    },
    { maxAttempts: 3 },
  );
  ctx.jobs.register(
    ALERT_DIGEST_MAIL_QUEUE,
    async (payload, job) => {
      const { accountId, date } = mailPayload.parse(payload);
      await sendAlertDigestOf(ctx, job.departmentCode, accountId, date);
    },
    { maxAttempts: 5 },
  );
}
