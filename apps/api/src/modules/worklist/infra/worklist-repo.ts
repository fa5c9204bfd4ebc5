import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';

type Db = Kysely<Database>;
const holding = sql.join(['planned', 'seen', 'noshow', 'excused'].map((s) => sql.lit(s)));

/**
 * Counts of the home page's worklist. Each takes the scope condition of its caller (the agenda's
 * or the persons'), so no count reaches beyond what the actor's screens would list.
 */
export async function countAppointmentsBetween(
  db: Db,
  slotScope: Expression<SqlBool>,
  start: Date,
  end: Date,
): Promise<number> {
  const r = await db
    .selectFrom('appointment as a')
    .innerJoin('agenda_slot as s', 's.id', 'a.slot_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(slotScope)
    .where('s.status', '=', 'open')
    .where('s.starts_at', '>=', start)
    .where('s.starts_at', '<', end)
    .where(sql<SqlBool>`a.status IN (${holding})`)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Appointments begun (since `since`) still « prévu »: their presence is to record. And the oldest day. */
export async function outcomesToRecord(
  db: Db,
  slotScope: Expression<SqlBool>,
  since: Date,
  now: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const r = await db
    .selectFrom('appointment as a')
    .innerJoin('agenda_slot as s', 's.id', 'a.slot_id')
    .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`min(s.starts_at)`.as('oldest')])
    .where(slotScope)
    .where('a.status', '=', 'planned')
    .where('s.starts_at', '>=', since)
    .where('s.starts_at', '<=', now)
    .executeTakeFirst();
  return { count: Number(r?.n ?? 0), oldest: r?.oldest ? new Date(r.oldest) : null };
}

/** Medical referrals of a pôle waiting for the team's recommendation. */
export async function countOpenMedicalReferrals(db: Db, departmentCode: string, hubId: string | null) {
  const r = await db
    .selectFrom('medical_referral')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('department_code', '=', departmentCode)
    .where('hub_id', '=', hubId ?? '00000000-0000-0000-0000-000000000000')
    .where('status', 'in', ['requested', 'in_progress'])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Open duplicate suspicions with at least one of the two persons in scope (as the duplicates screen). */
export async function countOpenDuplicates(db: Db, departmentCode: string, personScope: Expression<SqlBool>) {
  const r = await db
    .selectFrom('duplicate_suspect as d')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('d.department_code', '=', departmentCode)
    .where('d.status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('person as p').select('p.id').whereRef('p.id', '=', 'd.person_id').where(personScope),
        ),
        eb.exists(
          eb
            .selectFrom('person as p')
            .select('p.id')
            .whereRef('p.id', '=', 'd.other_person_id')
            .where(personScope),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function countFtPending(db: Db, departmentCode: string) {
  const r = await db
    .selectFrom('ft_registration')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('department_code', '=', departmentCode)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** France Travail batches sent, no acknowledgement imported yet. */
export async function countFtUnacknowledged(db: Db, departmentCode: string) {
  const r = await db
    .selectFrom('ft_batch')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('department_code', '=', departmentCode)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** CAF flux runs rejected or interrupted since a date. */
export async function countFluxProblems(db: Db, departmentCode: string, since: Date) {
  const r = await db
    .selectFrom('flux_run')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('department_code', '=', departmentCode)
    .where('status', 'in', ['rejected', 'interrupted'])
    .where('started_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function countFailedJobs(db: Db, departmentCode: string) {
  const r = await db
    .selectFrom('job')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('department_code', '=', departmentCode)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** « pôle Marseille 2/3 », « MDS Marseille 2/3 ». */
export async function scopeName(db: Db, hubId: string | null, structureId: string | null) {
  if (hubId) {
    const h = await db.selectFrom('insertion_hub').select('name').where('id', '=', hubId).executeTakeFirst();
    return h ? `pôle ${h.name}` : null;
  }
  if (structureId) {
    const s = await db
      .selectFrom('structure')
      .select('name')
      .where('id', '=', structureId)
      .executeTakeFirst();
    return s?.name ?? null;
  }
  return null;
}
