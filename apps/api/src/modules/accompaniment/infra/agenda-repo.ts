import type { AgendaSlot, Appointment, AppointmentPurpose, AppointmentStatus } from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { freePlaces, hasStarted, parisDate, parisTime, placeHoldingStatuses } from '../domain/agenda';
import { firstAppointmentDelay } from '../domain/first-appointment';

type Db = Kysely<Database>;

const holding = sql.join(placeHoldingStatuses.map((s) => sql.lit(s)));

/** Slots with their pôle, structure, advisor and the number of places taken. */
export function slotQuery(db: Db) {
  return db
    .selectFrom('agenda_slot as s')
    .leftJoin('insertion_hub as h', 'h.id', 's.hub_id')
    .leftJoin('structure as st', 'st.id', 's.structure_id')
    .leftJoin('account as adv', 'adv.id', 's.advisor_account_id')
    .selectAll('s')
    .select([
      'h.name as hub_name',
      'st.name as structure_name',
      'adv.display_name as advisor_name',
      sql<number>`(SELECT count(*)::int FROM appointment ap WHERE ap.slot_id = s.id AND ap.status IN (${holding}))`.as(
        'booked',
      ),
    ]);
}
export type SlotRow = Awaited<ReturnType<ReturnType<typeof slotQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | string) => new Date(d).toISOString();

export function toSlot(r: SlotRow, now = new Date()): AgendaSlot {
  const startsAt = new Date(r.starts_at);
  const endsAt = new Date(r.ends_at);
  const booked = Number(r.booked);
  return {
    id: r.id,
    kind: r.kind,
    purpose: r.purpose as AppointmentPurpose,
    status: r.status,
    cancelReason: r.cancel_reason,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    date: parisDate(startsAt),
    startTime: parisTime(startsAt),
    endTime: parisTime(endsAt),
    place: r.place,
    capacity: r.capacity,
    booked,
    free: freePlaces(r.capacity, booked),
    past: startsAt.getTime() <= now.getTime(),
    hubId: r.hub_id,
    hubName: r.hub_name,
    structureId: r.structure_id,
    structureName: r.structure_name,
    advisorAccountId: r.advisor_account_id,
    advisorName: r.advisor_name,
    version: r.version,
  };
}

/** Appointments with the names shown beside them (advisor, pôle, structure, agents). */
export function appointmentQuery(db: Db) {
  return (
    db
      .selectFrom('appointment as a')
      .leftJoin('agenda_slot as s', 's.id', 'a.slot_id')
      .leftJoin('account as adv', 'adv.id', 's.advisor_account_id')
      .leftJoin('insertion_hub as h', 'h.id', 'a.hub_id')
      .leftJoin('structure as st', 'st.id', 'a.structure_id')
      .leftJoin('account as bk', 'bk.id', 'a.booked_by')
      .leftJoin('account as oc', 'oc.id', 'a.outcome_recorded_by')
      // The entry spell this appointment is the first accompaniment appointment of (read model; an
      // appointment lies within one spell only).
      .leftJoin('entry_spell as fs', 'fs.first_accompaniment_appointment_id', 'a.id')
      .selectAll('a')
      .select([
        's.kind as slot_kind',
        'adv.display_name as advisor_name',
        'h.name as hub_name',
        'st.name as structure_name',
        'bk.display_name as booked_by_name',
        'oc.display_name as outcome_by_name',
        'fs.oriented_on as first_of_spell_oriented_on',
        sql<
          string | null
        >`(SELECT n.id FROM appointment n WHERE n.rescheduled_from_id = a.id ORDER BY n.recorded_at DESC LIMIT 1)`.as(
          'rescheduled_to_id',
        ),
      ])
  );
}
export type AppointmentRow = Awaited<
  ReturnType<ReturnType<typeof appointmentQuery>['executeTakeFirstOrThrow']>
>;

export function toAppointment(r: AppointmentRow, now = new Date()): Appointment {
  const startsAt = r.starts_at ? new Date(r.starts_at) : null;
  return {
    id: r.id,
    personId: r.person_id,
    purpose: r.purpose as AppointmentPurpose,
    status: r.status as AppointmentStatus,
    statusReason: r.status_reason,
    onDate: r.on_date,
    startsAt: startsAt ? startsAt.toISOString() : null,
    endsAt: r.ends_at ? iso(r.ends_at) : null,
    place: r.place,
    slotId: r.slot_id,
    slotKind: r.slot_kind ?? null,
    hubName: r.hub_name,
    structureName: r.structure_name,
    advisorName: r.advisor_name,
    source: r.source,
    rescheduledFromId: r.rescheduled_from_id,
    rescheduledToId: r.rescheduled_to_id,
    bookedByName: r.booked_by_name,
    recordedAt: iso(r.recorded_at),
    outcomeRecordedAt: r.outcome_recorded_at ? iso(r.outcome_recorded_at) : null,
    outcomeRecordedByName: r.outcome_by_name,
    started: hasStarted({ startsAt, onDate: r.on_date }, now),
    firstAccompaniment: r.first_of_spell_oriented_on
      ? firstAppointmentDelay(String(r.first_of_spell_oriented_on), r.on_date)
      : null,
    version: r.version,
  };
}

export async function loadAppointment(db: Db, id: string, departmentCode: string) {
  return appointmentQuery(db)
    .where('a.id', '=', id)
    .where('a.department_code', '=', departmentCode)
    .executeTakeFirst();
}
