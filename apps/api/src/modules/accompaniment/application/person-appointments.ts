import type { AppointmentPurpose, AppointmentStatus, SlotKind } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { parisDate, parisTime } from '../domain/agenda';

/** One of a person's upcoming appointments, as the person is told of it (beneficiary space). */
export interface PersonAppointment {
  id: string;
  purpose: AppointmentPurpose;
  /** planned, or cancelled (the person is told too); outcomes come once it has begun. */
  status: AppointmentStatus;
  statusReason: string | null;
  /** Paris calendar date; times null for appointments taken over from the history. */
  date: string;
  startTime: string | null;
  endTime: string | null;
  startsAt: string | null;
  endsAt: string | null;
  place: string | null;
  slotKind: SlotKind | null;
  structureName: string | null;
  hubName: string | null;
  advisorName: string | null;
  /** Row version, for a later move (the person says they cannot come). */
  version: number;
}

/**
 * The upcoming appointments of a person, soonest first: those starting at or after `from`
 * (default now; history appointments without a time: from that Paris day on). Rescheduled ones
 * are left out (their replacement is listed). No gate and no audit here: the caller (the
 * beneficiary space, for the person signed in) has checked who reads and records the reading.
 */
export async function appointmentsOfPerson(
  db: Kysely<Database>,
  departmentCode: string,
  personId: string,
  options: { from?: Date; limit?: number } = {},
): Promise<PersonAppointment[]> {
  const from = options.from ?? new Date();
  const rows = await db
    .selectFrom('appointment as a')
    .leftJoin('agenda_slot as s', 's.id', 'a.slot_id')
    .leftJoin('account as adv', 'adv.id', 's.advisor_account_id')
    .leftJoin('structure as st', 'st.id', 'a.structure_id')
    .leftJoin('insertion_hub as h', 'h.id', 'a.hub_id')
    .select([
      'a.id',
      'a.purpose',
      'a.status',
      'a.status_reason',
      'a.on_date',
      'a.starts_at',
      'a.ends_at',
      'a.place',
      'a.version',
      's.kind as slot_kind',
      'st.name as structure_name',
      'h.name as hub_name',
      'adv.display_name as advisor_name',
    ])
    .where('a.department_code', '=', departmentCode)
    .where('a.person_id', '=', personId)
    .where('a.status', '!=', 'rescheduled')
    .where((eb) =>
      eb.or([
        eb('a.starts_at', '>=', from),
        eb.and([eb('a.starts_at', 'is', null), eb('a.on_date', '>=', parisDate(from))]),
      ]),
    )
    .orderBy('a.on_date')
    .orderBy('a.starts_at', (ob) => ob.asc().nullsLast())
    .limit(options.limit ?? 50)
    .execute();
  return rows.map((r) => {
    const startsAt = r.starts_at ? new Date(r.starts_at) : null;
    const endsAt = r.ends_at ? new Date(r.ends_at) : null;
    return {
      id: r.id,
      purpose: r.purpose as AppointmentPurpose,
      status: r.status as AppointmentStatus,
      statusReason: r.status_reason,
      date: r.on_date,
      startTime: startsAt ? parisTime(startsAt) : null,
      endTime: endsAt ? parisTime(endsAt) : null,
      startsAt: startsAt ? startsAt.toISOString() : null,
      endsAt: endsAt ? endsAt.toISOString() : null,
      place: r.place,
      slotKind: r.slot_kind ?? null,
      structureName: r.structure_name,
      hubName: r.hub_name,
      advisorName: r.advisor_name,
      version: r.version,
    };
  });
}
