import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { conflict, notFound } from '../../../platform/errors';
import { sessionPlaces } from '../infra/places-repo';

const refusal = (path: string, code: string, message: string) => conflict(message, [{ path, code, message }]);

export const referrableMessages = {
  cancelledAction: 'Cette action est annulée : elle ne reçoit plus d’orientation.',
  chooseSession: 'Cette action a des sessions : choisissez-en une.',
  cancelledSession: 'La session est annulée.',
  finished: 'La session est terminée.',
  full: 'La session est complète.',
} as const;

/**
 * Whether a person may be referred to this action (and session) on `onDate`, inside the referral's
 * transaction: the action exists and is not annulée; when it has sessions, one is chosen, planned,
 * not over and not full. The session row is locked (FOR UPDATE) before its places are counted, so
 * two référents cannot both take its last place: the second waits, then counts the first's referral.
 * Throws French domain errors (404, or 409 under `actionId` / `sessionId`).
 */
export async function assertReferrable(
  trx: Transaction<Database>,
  input: { actionId: string; sessionId: string | null; onDate: string; departmentCode?: string },
): Promise<{ actionId: string; sessionId: string | null; freePlacesBefore: number | null }> {
  let aq = trx.selectFrom('insertion_action').select(['id', 'status']).where('id', '=', input.actionId);
  if (input.departmentCode) aq = aq.where('department_code', '=', input.departmentCode);
  const action = await aq.forShare().executeTakeFirst();
  if (!action) throw notFound('Action');
  if (action.status === 'annulee')
    throw refusal('actionId', 'action_cancelled', referrableMessages.cancelledAction);
  if (!input.sessionId) {
    const open = await trx
      .selectFrom('action_session')
      .select('id')
      .where('action_id', '=', input.actionId)
      .where('status', '=', 'planned')
      .where('ends_on', '>=', input.onDate)
      .executeTakeFirst();
    if (open) throw refusal('sessionId', 'session_required', referrableMessages.chooseSession);
    return { actionId: input.actionId, sessionId: null, freePlacesBefore: null };
  }
  const session = await trx
    .selectFrom('action_session')
    .select(['id', 'status', 'ends_on', 'capacity'])
    .where('id', '=', input.sessionId)
    .where('action_id', '=', input.actionId)
    .forUpdate()
    .executeTakeFirst();
  if (!session) throw notFound('Session');
  if (session.status === 'cancelled')
    throw refusal('sessionId', 'session_cancelled', referrableMessages.cancelledSession);
  if (String(session.ends_on) < input.onDate)
    throw refusal('sessionId', 'session_finished', referrableMessages.finished);
  const taken = (await sessionPlaces(trx, [session.id])).get(session.id) ?? 0;
  if (taken >= session.capacity) throw refusal('sessionId', 'session_full', referrableMessages.full);
  return { actionId: input.actionId, sessionId: session.id, freePlacesBefore: session.capacity - taken };
}
