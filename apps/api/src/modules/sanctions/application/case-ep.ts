import type { SanctionCase } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';

type Ep = NonNullable<SanctionCase['ep']>;
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

/** Adds to each case its submission to the EP, with the latest session it was put on. */
export async function withEp<C extends { id: string }>(
  db: Kysely<Database>,
  cases: C[],
): Promise<(C & { ep: Ep | null })[]> {
  if (cases.length === 0) return [];
  const rows = await db
    .selectFrom('ep_referral as r')
    .leftJoin('ep_agenda_item as ai', 'ai.referral_id', 'r.id')
    .leftJoin('ep_session as s', 's.id', 'ai.session_id')
    .select([
      'r.case_id',
      'r.proposed_outcome',
      'r.submitted_on',
      's.id as session_id',
      's.session_date',
      's.status as session_status',
      'ai.invited_on',
      'ai.opinion',
    ])
    .where(
      'r.case_id',
      'in',
      cases.map((c) => c.id),
    )
    // The latest session last: it wins below.
    .orderBy('s.session_date', (o) => o.asc().nullsFirst())
    .execute();
  const byCase = new Map<string, Ep>();
  for (const r of rows)
    byCase.set(r.case_id, {
      proposedOutcome: r.proposed_outcome as Ep['proposedOutcome'],
      submittedOn: day(r.submitted_on)!,
      sessionId: r.session_id,
      sessionDate: day(r.session_date),
      sessionStatus: (r.session_status as Ep['sessionStatus']) ?? null,
      invitedOn: day(r.invited_on),
      opinion: (r.opinion as Ep['opinion']) ?? null,
    });
  return cases.map((c) => ({ ...c, ep: byCase.get(c.id) ?? null }));
}
