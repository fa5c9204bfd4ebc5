import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { sendMessage } from './application/messages';
import { createDueReminders } from './application/reminders';
import { EMAIL_QUEUE, REMINDER_QUEUE, SEND_MAX_ATTEMPTS, SMS_QUEUE } from './infra/outbox';
import { createSmsSender } from './infra/sms';

const sendPayload = z.object({ messageId: z.uuid() });

/** Sending of e-mails and SMS, reminders, retries: the messaging module's background work. */
export function registerMessagingJobs(ctx: AppContext) {
  const sms = createSmsSender(ctx.config);
  const send = async (payload: unknown, job: { id: string; attempts: number }) =>
    sendMessage(ctx, sms, sendPayload.parse(payload).messageId, job);
  ctx.jobs.register(EMAIL_QUEUE, send, { maxAttempts: SEND_MAX_ATTEMPTS });
  ctx.jobs.register(SMS_QUEUE, send, { maxAttempts: SEND_MAX_ATTEMPTS });
  // The schedule itself is installed at start (ensureMessageTemplates).
  ctx.jobs.register(
    REMINDER_QUEUE,
    async (_payload, job) => {
      await createDueReminders(ctx, job.departmentCode);
    },
    { maxAttempts: 3 },
  );
}
