import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database';

/** A referral with its action, session, referring agent and structure (both sides' lists). */
export function referralQuery(db: Db, departmentCode: string) {
  return db
    .selectFrom('referral as r')
    .innerJoin('insertion_action as a', 'a.id', 'r.action_id')
    .leftJoin('action_session as s', 's.id', 'r.session_id')
    .leftJoin('commune as sc', 'sc.insee_code', 's.commune_code')
    .leftJoin('account as ra', 'ra.id', 'r.referred_by')
    .leftJoin('structure as rs', 'rs.id', 'r.referring_structure_id')
    .where('r.department_code', '=', departmentCode)
    .select([
      'r.id',
      'r.person_id',
      'r.status',
      'r.message',
      'r.weekly_hours',
      'r.sent_on',
      'r.answered_at',
      'r.refusal_reason',
      'r.cancel_reason',
      'r.entered_on',
      'r.exited_on',
      'r.exit_category',
      'r.exit_type',
      'r.exit_detail',
      'r.contract_id',
      'r.version',
      'a.id as action_id',
      'a.code as action_code',
      'a.title as action_title',
      's.id as session_id',
      's.label as session_label',
      's.starts_on as session_starts_on',
      's.ends_on as session_ends_on',
      's.place as session_place',
      'sc.name as session_commune',
      'ra.display_name as referrer_name',
      'rs.name as referring_structure_name',
    ]);
}
export type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralQuery>['executeTakeFirstOrThrow']>>;

/** The structures running each action (names), for the référent's list. */
export async function operatorNamesOf(db: Db, actionIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (actionIds.length === 0) return out;
  const rows = await db
    .selectFrom('insertion_action_operator as o')
    .innerJoin('structure as st', 'st.id', 'o.structure_id')
    .select(['o.action_id', 'st.name'])
    .where('o.action_id', 'in', [...new Set(actionIds)])
    .orderBy('st.name')
    .execute();
  for (const r of rows) out.set(r.action_id, [...(out.get(r.action_id) ?? []), r.name]);
  return out;
}

/** The condition "the operator's structure runs the referral's action". */
export const operatedBy = (structureId: string | null) =>
  sql<boolean>`EXISTS (SELECT 1 FROM insertion_action_operator io
    WHERE io.action_id = r.action_id AND io.structure_id = ${structureId})`;

/** The minimum data of the referred person: names, birth date, commune, consented contacts. */
export async function referredPerson(db: Db, personId: string) {
  const p = await db
    .selectFrom('person as p')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .leftJoin('commune as c', 'c.insee_code', 'h.commune_code')
    .select([
      'p.title',
      'p.first_name',
      'p.birth_name',
      'p.usual_name',
      'p.birth_date',
      'p.household_id',
      'c.name as commune_name',
    ])
    .where('p.id', '=', personId)
    .executeTakeFirstOrThrow();
  const contacts = p.household_id
    ? await db
        .selectFrom('contact')
        .select(['kind', 'value'])
        .where('household_id', '=', p.household_id)
        .where('consent', '=', 'A')
        .execute()
    : [];
  return {
    civility: p.title,
    firstName: p.first_name,
    lastName: p.usual_name || p.birth_name,
    birthDate: String(p.birth_date).slice(0, 10),
    communeName: p.commune_name,
    phone: contacts.find((c) => c.kind === 'phone')?.value ?? null,
    email: contacts.find((c) => c.kind === 'email')?.value ?? null,
  };
}

export async function attendanceOf(db: Db, referralId: string) {
  const rows = await db
    .selectFrom('referral_attendance')
    .select(['day', 'presence', 'hours', 'half_days', 'note'])
    .where('referral_id', '=', referralId)
    .orderBy('day', 'desc')
    .execute();
  return rows.map((r) => ({
    day: String(r.day).slice(0, 10),
    presence: r.presence as 'present' | 'absent' | 'excused',
    hours: r.hours == null ? null : Number(r.hours),
    halfDays: r.half_days,
    note: r.note,
  }));
}

/** The action and session referred to, with their weekly hours (default of the referral). */
export async function actionAndSession(
  db: Db,
  departmentCode: string,
  actionId: string,
  sessionId: string | null,
) {
  const action = await db
    .selectFrom('insertion_action')
    .select(['id', 'code', 'title', 'status', 'weekly_hours'])
    .where('id', '=', actionId)
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();
  const session = sessionId
    ? await db
        .selectFrom('action_session')
        .select(['id', 'action_id', 'label', 'weekly_hours'])
        .where('id', '=', sessionId)
        .where('department_code', '=', departmentCode)
        .executeTakeFirst()
    : null;
  return { action, session };
}
