import type { DecisionKind } from '@parcours/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../../platform/db/database';

/** SQL of the EP sessions (issue 14 point 4): sessions, members, agenda, referrals awaiting an opinion. */

const day = (v: unknown) => String(v).slice(0, 10);

/** A referral still waits for an opinion: none given yet, and not on a session that may still give one. */
const awaitingOpinion = sql<SqlBool>`NOT EXISTS (
  SELECT 1 FROM ep_agenda_item ai JOIN ep_session es ON es.id = ai.session_id
  WHERE ai.referral_id = r.id
    AND (ai.opinion IN ('favourable', 'unfavourable')
         OR (ai.opinion IS NULL AND es.status IN ('planned', 'postponed', 'held'))))`;

/** The case statuses in which the EP's opinion is still useful (before the decision). */
export const caseStatusesAwaitingEp = ['notice_sent', 'observations_received'] as const;

export function sessionsQuery(db: Db, departmentCode: string) {
  return db
    .selectFrom('ep_session as s')
    .innerJoin('insertion_hub as h', 'h.id', 's.hub_id')
    .select([
      's.id',
      's.hub_id',
      'h.name as hub_name',
      's.session_date',
      's.start_time',
      's.place',
      's.status',
      's.postponed_from',
      's.status_reason',
      's.signed_on',
      's.version',
      sql<number>`(SELECT count(*) FROM ep_agenda_item ai WHERE ai.session_id = s.id)`.as('item_count'),
    ])
    .where('s.department_code', '=', departmentCode);
}
export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionsQuery>['executeTakeFirstOrThrow']>>;

export function toSession(r: SessionRow) {
  return {
    id: r.id,
    hubId: r.hub_id,
    hubName: r.hub_name,
    sessionDate: day(r.session_date),
    startTime: r.start_time,
    place: r.place,
    status: r.status as never,
    postponedFrom: r.postponed_from ? day(r.postponed_from) : null,
    statusReason: r.status_reason,
    signedOn: r.signed_on ? day(r.signed_on) : null,
    itemCount: Number(r.item_count),
    version: r.version,
  };
}

export function membersOf(db: Db, sessionId: string) {
  return db
    .selectFrom('ep_session_member')
    .select(['id', 'name', 'quality', 'detail', 'present'])
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The agenda with the case's proposal and, for the persons in scope, their name. */
export function agendaOf(db: Db, sessionId: string, scope: Expression<SqlBool>) {
  return db
    .selectFrom('ep_agenda_item as ai')
    .innerJoin('ep_referral as r', 'r.id', 'ai.referral_id')
    .innerJoin('sanction_case as c', 'c.id', 'r.case_id')
    .innerJoin('sanction_failure as f', 'f.id', 'c.failure_id')
    .innerJoin('person as p', 'p.id', 'ai.person_id')
    .select([
      'ai.id',
      'ai.referral_id',
      'r.case_id',
      'ai.person_id',
      'p.first_name',
      'p.birth_name',
      'p.usual_name',
      sql<boolean>`coalesce(${scope}, false)`.as('in_scope'),
      'r.proposed_outcome',
      'f.kind as failure_kind',
      'ai.invited_on',
      'ai.opinion',
      'ai.reasoning',
      'ai.hearing',
      'ai.represented_by',
    ])
    .where('ai.session_id', '=', sessionId)
    .orderBy('p.birth_name')
    .orderBy('p.first_name')
    .orderBy('ai.id')
    .execute();
}

/** The referrals of a pôle awaiting an opinion, of persons in the reader's scope, cases not decided. */
export function candidatesOf(db: Db, departmentCode: string, hubId: string, scope: Expression<SqlBool>) {
  return db
    .selectFrom('ep_referral as r')
    .innerJoin('sanction_case as c', 'c.id', 'r.case_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.case_id',
      'r.person_id',
      'p.first_name',
      'p.birth_name',
      'p.usual_name',
      'r.proposed_outcome',
      'r.submitted_on',
    ])
    .where('r.department_code', '=', departmentCode)
    .where('r.hub_id', '=', hubId)
    .where('c.status', 'in', [...caseStatusesAwaitingEp])
    .where(awaitingOpinion)
    .where(scope)
    .orderBy('r.submitted_on')
    .orderBy('r.id')
    .limit(500)
    .execute();
}

/** The referral with its case's status, and whether it waits for an opinion (locked by the caller). */
export function referralForAgenda(db: Db, departmentCode: string, referralId: string) {
  return db
    .selectFrom('ep_referral as r')
    .innerJoin('sanction_case as c', 'c.id', 'r.case_id')
    .select([
      'r.id',
      'r.hub_id',
      'r.person_id',
      'r.case_id',
      'r.proposed_outcome',
      'c.status as case_status',
      sql<boolean>`${awaitingOpinion}`.as('awaiting'),
    ])
    .where('r.id', '=', referralId)
    .where('r.department_code', '=', departmentCode)
    .executeTakeFirst();
}

/** The other session whose agenda holds the referral without an opinion yet (its date, for the refusal). */
export function pendingSessionOf(db: Db, referralId: string) {
  return db
    .selectFrom('ep_agenda_item as ai')
    .innerJoin('ep_session as s', 's.id', 'ai.session_id')
    .select(['s.id', 's.session_date'])
    .where('ai.referral_id', '=', referralId)
    .where('ai.opinion', 'is', null)
    .where('s.status', 'in', ['planned', 'postponed', 'held'])
    .executeTakeFirst();
}

const outcomeOfDecision: Partial<Record<DecisionKind, string>> = {
  removal: 'removal',
  sanction: 'sanction',
  reorientation: 'reorientation',
};

/**
 * Whether the EP gave its opinion on this case (held session, favourable or unfavourable, not
 * adjourned) for a proposal matching the decision: a removal needs it on a proposed removal, the
 * earlier regime's sanction on a proposed sanction.
 */
export async function epOpinionGiven(db: Db, caseId: string, kind: DecisionKind): Promise<boolean> {
  const outcome = outcomeOfDecision[kind];
  if (!outcome) return false;
  const row = await db
    .selectFrom('ep_agenda_item as ai')
    .innerJoin('ep_referral as r', 'r.id', 'ai.referral_id')
    .innerJoin('ep_session as s', 's.id', 'ai.session_id')
    .select('ai.id')
    .where('r.case_id', '=', caseId)
    .where('r.proposed_outcome', '=', outcome)
    // The EP's opinion is consultative (avis simple): given either way, the president may decide.
    .where('ai.opinion', 'in', ['favourable', 'unfavourable'])
    .where('s.status', 'in', ['held', 'closed'])
    .executeTakeFirst();
  return row !== undefined;
}
