import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';

export const EMAIL_QUEUE = 'email';
export const SMS_QUEUE = 'sms';
export const REMINDER_QUEUE = 'messaging.reminders';
/** Attempts of one sending job before the message is shown as failed. */
export const SEND_MAX_ATTEMPTS = 5;

/**
 * Enqueues the sending of a message in the caller's transaction (transactional outbox): the job
 * row commits or rolls back with the message. Same row as JobQueue.enqueue writes; the use cases
 * called by other modules only get the caller's transaction, not the queue object.
 */
export async function enqueueSend(
  exec: Kysely<Database>,
  departmentCode: string,
  message: { id: string; channel: 'email' | 'sms' },
): Promise<void> {
  await exec
    .insertInto('job')
    .values({
      department_code: departmentCode,
      queue: message.channel === 'email' ? EMAIL_QUEUE : SMS_QUEUE,
      payload: JSON.stringify({ messageId: message.id }),
      run_at: new Date(),
      max_attempts: SEND_MAX_ATTEMPTS,
      singleton_key: `message:${message.id}`,
    })
    .onConflict((oc) =>
      oc
        .columns(['queue', 'singleton_key'])
        .where('singleton_key', 'is not', null)
        .where('status', 'in', ['pending', 'running'])
        .doNothing(),
    )
    .execute();
}
