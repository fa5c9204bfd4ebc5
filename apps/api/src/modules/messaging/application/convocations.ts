import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Database } from '../../../platform/db/schema';

export type MessageChannel = 'letter' | 'email' | 'sms';

/** A batch groups the messages of one convocation run (one PDF of letters per batch). */
export async function createMessageBatch(
  _trx: Transaction<Database>,
  _actor: RequestActor,
  _input: { kind: 'convocation' | 'decision'; personCount: number },
): Promise<string> {
  throw new Error('createMessageBatch: not implemented yet');
}

/**
 * Creates the convocation messages of a booked appointment inside the caller's transaction: a
 * letter when the postal address is known, an e-mail / SMS when the contact exists and consent
 * allows it. Sending is enqueued (outbox), never done here. Refuses (AppError 422
 * `NO_CHANNEL`) a person with no address and no usable contact. Writes the timeline event.
 */
export async function createConvocationMessages(
  _trx: Transaction<Database>,
  _actor: RequestActor,
  _input: { personId: string; appointmentId: string; batchId?: string | null },
): Promise<{ messageIds: string[]; channels: MessageChannel[] }> {
  throw new Error('createConvocationMessages: not implemented yet');
}

/** The notification letter of an orientation decision (and e-mail when possible), in the caller's transaction. */
export async function createDecisionMessages(
  _trx: Transaction<Database>,
  _actor: RequestActor,
  _input: { personId: string; orientationId: string },
): Promise<{ messageIds: string[]; letterMessageId: string | null }> {
  throw new Error('createDecisionMessages: not implemented yet');
}
