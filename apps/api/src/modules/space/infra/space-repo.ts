import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';

type Exec = Kysely<Database>;

/** The latest notice the person gave on each of these appointments. */
export async function latestNotices(
  db: Exec,
  appointmentIds: string[],
): Promise<Map<string, { reason: string; recordedAt: string }>> {
  if (!appointmentIds.length) return new Map();
  const rows = await db
    .selectFrom('appointment_notice')
    .select(['appointment_id', 'reason', 'recorded_at'])
    .where('appointment_id', 'in', appointmentIds)
    .orderBy('recorded_at', 'asc')
    .execute();
  const out = new Map<string, { reason: string; recordedAt: string }>();
  for (const r of rows) {
    out.set(r.appointment_id, { reason: r.reason, recordedAt: new Date(r.recorded_at).toISOString() });
  }
  return out;
}

/** One appointment, locked, when it is this person's (else undefined: not theirs to speak of). */
export const lockPersonAppointment = (trx: Exec, departmentCode: string, personId: string, id: string) =>
  trx
    .selectFrom('appointment')
    .select(['id', 'person_id', 'status', 'starts_at', 'on_date', 'place'])
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('department_code', '=', departmentCode)
    .forUpdate()
    .executeTakeFirst();

export async function insertNotice(
  trx: Exec,
  row: { departmentCode: string; appointmentId: string; personId: string; reason: string; accountId: string },
) {
  return trx
    .insertInto('appointment_notice')
    .values({
      department_code: row.departmentCode,
      appointment_id: row.appointmentId,
      person_id: row.personId,
      kind: 'cannot_attend',
      reason: row.reason,
      account_id: row.accountId,
    })
    .returning(['appointment_id', 'reason', 'recorded_at'])
    .executeTakeFirstOrThrow();
}

/** Every notice of a person, newest first, with the appointment as it is now. */
export function noticesOfPerson(db: Exec, departmentCode: string, personId: string) {
  return db
    .selectFrom('appointment_notice as n')
    .innerJoin('appointment as a', 'a.id', 'n.appointment_id')
    .select(['n.appointment_id', 'n.reason', 'n.recorded_at', 'a.status', 'a.starts_at', 'a.on_date'])
    .where('n.person_id', '=', personId)
    .where('n.department_code', '=', departmentCode)
    .orderBy('n.recorded_at', 'desc')
    .limit(100)
    .execute();
}
