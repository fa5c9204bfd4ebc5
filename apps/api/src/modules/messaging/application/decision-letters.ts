import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type { PublishedEvent } from '../../../platform/events';
import type { OrientationDecided } from '../../orientation';
import { createDecisionMessages } from './convocations';

/**
 * Reaction to `orientation.decided`, in the decision's transaction: the notification letter (and
 * the e-mail when consented). Its failure refuses the decision, as a decision is notified.
 */
export async function notifyOrientationDecision(
  trx: Transaction<Database>,
  event: PublishedEvent<OrientationDecided>,
): Promise<void> {
  if (!event.actor) throw new Error('orientation.decided without an agent: the letter has no signatory');
  await createDecisionMessages(trx, event.actor, {
    personId: event.payload.personId,
    orientationId: event.payload.orientationId,
  });
}

/** The notification letter of a decision (null when the person has no postal address). */
export async function decisionLetterId(
  exec: Kysely<Database>,
  orientationId: string,
): Promise<string | null> {
  const row = await exec
    .selectFrom('message')
    .select('id')
    .where('orientation_id', '=', orientationId)
    .where('kind', '=', 'decision')
    .where('channel', '=', 'letter')
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? null;
}
