import { placeHoldingReferralStatuses } from '@parcours/contracts';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database';

/**
 * Places taken in sessions: their referrals holding a place (sent, accepted, entered). The one
 * count of the offer: the catalogue shows capacity − it, the referral refuses a session where it
 * reaches the capacity (`assertReferrable`).
 */
export async function sessionPlaces(db: Db, sessionIds: readonly string[]): Promise<Map<string, number>> {
  const taken = new Map<string, number>(sessionIds.map((id) => [id, 0]));
  if (sessionIds.length === 0) return taken;
  const rows = await db
    .selectFrom('referral')
    .select(['session_id', sql<number>`count(*)::int`.as('n')])
    .where('session_id', 'in', [...sessionIds])
    .where('status', 'in', [...placeHoldingReferralStatuses])
    .groupBy('session_id')
    .execute();
  for (const r of rows) if (r.session_id) taken.set(r.session_id, Number(r.n));
  return taken;
}
