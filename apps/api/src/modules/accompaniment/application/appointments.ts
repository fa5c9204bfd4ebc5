import {
  type Appointment,
  type AppointmentCancel,
  type AppointmentOutcomeInput,
  type AppointmentReschedule,
  roleScopeKind,
} from '@parcours/contracts';
import { sql, type Transaction } from 'kysely';
import { AuditTrail } from '../../../platform/audit/audit';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { DomainError, forbidden, invalid, notFound, versionConflict } from '../../../platform/errors';
import { personScope, requirePerson } from '../../beneficiaries';
import { frenchRange, hasStarted, outcomeRefusal, parisDate, placeHoldingStatuses } from '../domain/agenda';
import { type AppointmentRow, appointmentQuery, loadAppointment, toAppointment } from '../infra/agenda-repo';
import { inAgendaScope } from '../infra/agenda-scope';

export interface BookedAppointment {
  id: string;
  personId: string;
  slotId: string;
  purpose: 'orientation' | 'accompaniment' | 'contract' | 'other';
  startsAt: Date;
  endsAt: Date;
  place: string;
  hubId: string | null;
  structureId: string | null;
}

type Request = { ip: string; id: string };
type Purpose = BookedAppointment['purpose'];

const conflict = (message: string) => new DomainError('conflict', 'CONFLICT', message);

/** Timeline event and audit trace of an appointment change, in the caller's transaction. */
export async function recordAppointmentChange(
  trx: Transaction<Database>,
  actor: RequestActor,
  input: {
    personId: string;
    appointmentId: string;
    occurredOn: string;
    data: Record<string, unknown>;
    action: string;
    reason?: string | null;
    details?: Record<string, unknown>;
    request?: Request | null;
  },
) {
  await trx
    .insertInto('timeline_event')
    .values({
      department_code: actor.departmentCode,
      person_id: input.personId,
      occurred_on: input.occurredOn,
      type: 'appointment',
      data: JSON.stringify({ appointmentId: input.appointmentId, ...input.data }),
      actor_account_id: actor.accountId,
      source: 'parcours',
    })
    .execute();
  // The trail writes through the transaction it is given: the trace commits with the fact.
  await new AuditTrail(trx).record(
    {
      actor,
      action: input.action,
      personId: input.personId,
      targetType: 'appointment',
      targetId: input.appointmentId,
      reason: input.reason ?? null,
      details: input.details,
      request: input.request ?? null,
    },
    trx,
  );
}

async function assertPersonInScope(trx: Transaction<Database>, actor: RequestActor, personId: string) {
  const person = await trx
    .selectFrom('person as p')
    .select(['p.id', sql<boolean>`${personScope(actor)}`.as('visible')])
    .where('p.id', '=', personId)
    .where('p.department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!person) throw notFound('Personne');
  if (!person.visible) throw forbidden('Cette personne ne relève pas de votre périmètre.');
}

/**
 * Books a person on a slot inside the caller's transaction (used by the batch convocation).
 * Refuses with an DomainError: slot in the past, cancelled, full, person already booked at an
 * overlapping time, person out of the actor's scope. Writes the timeline event.
 */
export async function bookAppointment(
  trx: Transaction<Database>,
  actor: RequestActor,
  input: { personId: string; slotId: string; entrySpellId?: string | null },
  options: { request?: Request | null; rescheduledFromId?: string | null; now?: Date } = {},
): Promise<BookedAppointment> {
  const now = options.now ?? new Date();
  // The slot row is locked until the end of the transaction: concurrent bookings of the last
  // place wait here and then see it taken.
  const slot = await trx
    .selectFrom('agenda_slot')
    .selectAll()
    .where('id', '=', input.slotId)
    .where('department_code', '=', actor.departmentCode)
    .forUpdate()
    .executeTakeFirst();
  if (!slot) throw notFound('Créneau');
  if (!inAgendaScope(actor, slot)) throw forbidden('Ce créneau ne relève pas de votre agenda.');
  await assertPersonInScope(trx, actor, input.personId);
  if (slot.status === 'cancelled') throw conflict('Ce créneau a été annulé : choisissez un autre créneau.');
  const startsAt = new Date(slot.starts_at);
  const endsAt = new Date(slot.ends_at);
  if (startsAt.getTime() <= now.getTime())
    throw invalid('slotId', 'Ce créneau est déjà commencé ou passé : choisissez un créneau à venir.');

  // One booking at a time per person, so two agents cannot give them overlapping appointments.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`appointment:person:${input.personId}`}))`.execute(trx);
  const clash = await trx
    .selectFrom('appointment')
    .select(['id', 'slot_id', 'starts_at', 'ends_at', 'place'])
    .where('person_id', '=', input.personId)
    .where((eb) =>
      eb.or([
        eb('slot_id', '=', slot.id),
        eb.and([eb('starts_at', '<', endsAt), eb('ends_at', '>', startsAt)]),
      ]),
    )
    .where('status', 'in', [...placeHoldingStatuses])
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
  if (clash?.slot_id === slot.id) throw conflict('Cette personne est déjà inscrite sur ce créneau.');
  if (clash?.starts_at && clash.ends_at)
    throw conflict(
      `Cette personne a déjà un rendez-vous ${frenchRange({ startsAt: new Date(clash.starts_at), endsAt: new Date(clash.ends_at) })}${clash.place ? ` (${clash.place})` : ''} : choisissez un créneau qui ne le chevauche pas.`,
    );

  const taken = await trx
    .selectFrom('appointment')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('slot_id', '=', slot.id)
    .where('status', 'in', [...placeHoldingStatuses])
    .executeTakeFirstOrThrow();
  if (Number(taken.n) >= slot.capacity)
    throw conflict(
      slot.capacity === 1
        ? 'Ce créneau est déjà pris : choisissez un autre créneau.'
        : `Cette séance est complète (${slot.capacity} places) : choisissez un autre créneau.`,
    );

  let entrySpellId = input.entrySpellId ?? null;
  if (entrySpellId) {
    const spell = await trx
      .selectFrom('entry_spell')
      .select('id')
      .where('id', '=', entrySpellId)
      .where('person_id', '=', input.personId)
      .executeTakeFirst();
    if (!spell) throw invalid('entrySpellId', "Cette entrée dans le RSA n'est pas celle de la personne.");
  } else if (slot.purpose === 'orientation') {
    const latest = await trx
      .selectFrom('entry_spell')
      .select('id')
      .where('person_id', '=', input.personId)
      .orderBy('entry_date', 'desc')
      .limit(1)
      .executeTakeFirst();
    entrySpellId = latest?.id ?? null;
  }

  const created = await trx
    .insertInto('appointment')
    .values({
      department_code: actor.departmentCode,
      person_id: input.personId,
      on_date: parisDate(startsAt),
      structure_id: slot.structure_id,
      hub_id: slot.hub_id,
      purpose: slot.purpose,
      status: 'planned',
      source: 'parcours',
      slot_id: slot.id,
      entry_spell_id: entrySpellId,
      starts_at: startsAt,
      ends_at: endsAt,
      place: slot.place,
      booked_by: actor.accountId,
      rescheduled_from_id: options.rescheduledFromId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  await recordAppointmentChange(trx, actor, {
    personId: input.personId,
    appointmentId: created.id,
    occurredOn: parisDate(now),
    data: { purpose: slot.purpose, status: 'planned', startsAt: startsAt.toISOString() },
    action: 'appointment.book',
    details: {
      slotId: slot.id,
      startsAt: startsAt.toISOString(),
      ...(options.rescheduledFromId ? { rescheduledFromId: options.rescheduledFromId } : {}),
    },
    request: options.request,
  });

  return {
    id: created.id,
    personId: input.personId,
    slotId: slot.id,
    purpose: slot.purpose as Purpose,
    startsAt,
    endsAt,
    place: slot.place,
    hubId: slot.hub_id,
    structureId: slot.structure_id,
  };
}

async function fetchAppointment(ctx: AppContext, actor: RequestActor, id: string): Promise<Appointment> {
  const row = await loadAppointment(ctx.db, id, actor.departmentCode);
  if (!row) throw notFound('Rendez-vous');
  return toAppointment(row);
}

/** POST /api/appointments: one booking in its own transaction. */
export async function bookFromRequest(
  ctx: AppContext,
  actor: RequestActor,
  input: { personId: string; slotId: string },
  request: Request,
): Promise<Appointment> {
  const booked = await ctx.db.transaction().execute((trx) => bookAppointment(trx, actor, input, { request }));
  return fetchAppointment(ctx, actor, booked.id);
}

/**
 * An appointment the actor may change: the person is in their scope, and the appointment is in
 * their agenda (slot of their pôle or structure). Locked for the rest of the transaction.
 */
async function lockAppointment(trx: Transaction<Database>, actor: RequestActor, id: string, version: number) {
  const row = await trx
    .selectFrom('appointment')
    .selectAll()
    .where('id', '=', id)
    .where('department_code', '=', actor.departmentCode)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Rendez-vous');
  await assertPersonInScope(trx, actor, row.person_id);
  const inScope = row.slot_id
    ? inAgendaScope(actor, row)
    : // Taken over from the history (no slot): a structure keeps to its own appointments.
      roleScopeKind[actor.role] !== 'structure' ||
      row.structure_id == null ||
      row.structure_id === actor.structureId;
  if (!inScope) throw forbidden('Ce rendez-vous ne relève pas de votre agenda.');
  if (row.version !== version) throw versionConflict();
  return row;
}

type LockedAppointment = Awaited<ReturnType<typeof lockAppointment>>;

function assertMovable(row: LockedAppointment, verb: 'reporté' | 'annulé', now: Date) {
  if (row.status !== 'planned')
    throw conflict(`Seul un rendez-vous prévu peut être ${verb} (celui-ci ne l’est plus).`);
  if (hasStarted({ startsAt: row.starts_at ? new Date(row.starts_at) : null, onDate: row.on_date }, now))
    throw conflict(
      `Ce rendez-vous a déjà commencé : il ne peut plus être ${verb}. Enregistrez plutôt la présence, l’absence ou l’excuse.`,
    );
}

/** The old appointment becomes "reporté"; a new one on the chosen slot points back to it. */
export async function rescheduleAppointment(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: AppointmentReschedule,
  request: Request,
): Promise<{ previous: Appointment; appointment: Appointment }> {
  const now = new Date();
  const newId = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockAppointment(trx, actor, id, input.version);
    assertMovable(row, 'reporté', now);
    if (row.slot_id === input.slotId)
      throw invalid('slotId', 'Choisissez un autre créneau que celui du rendez-vous actuel.');
    // Freed first, so the old time does not count as a clash with the new one.
    await trx
      .updateTable('appointment')
      .set({
        status: 'rescheduled',
        status_reason: input.reason,
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    const booked = await bookAppointment(
      trx,
      actor,
      { personId: row.person_id, slotId: input.slotId, entrySpellId: row.entry_spell_id },
      { request, rescheduledFromId: row.id, now },
    );
    await recordAppointmentChange(trx, actor, {
      personId: row.person_id,
      appointmentId: row.id,
      occurredOn: parisDate(now),
      data: { purpose: row.purpose, status: 'rescheduled', rescheduledToId: booked.id },
      action: 'appointment.reschedule',
      reason: input.reason,
      details: { newAppointmentId: booked.id, slotId: input.slotId },
      request,
    });
    return booked.id;
  });
  const [previous, appointment] = await Promise.all([
    fetchAppointment(ctx, actor, id),
    fetchAppointment(ctx, actor, newId),
  ]);
  return { previous, appointment };
}

export async function cancelAppointment(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: AppointmentCancel,
  request: Request,
): Promise<Appointment> {
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockAppointment(trx, actor, id, input.version);
    assertMovable(row, 'annulé', now);
    await trx
      .updateTable('appointment')
      .set({ status: 'cancelled', status_reason: input.reason, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await recordAppointmentChange(trx, actor, {
      personId: row.person_id,
      appointmentId: row.id,
      occurredOn: parisDate(now),
      data: { purpose: row.purpose, status: 'cancelled' },
      action: 'appointment.cancel',
      reason: input.reason,
      request,
    });
  });
  return fetchAppointment(ctx, actor, id);
}

/** Présent, absent or excusé, once the appointment has begun; a later correction is a new fact. */
export async function recordOutcome(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: AppointmentOutcomeInput,
  request: Request,
): Promise<Appointment> {
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockAppointment(trx, actor, id, input.version);
    const reason = input.reason?.trim() || null;
    const refusal = outcomeRefusal(
      { status: row.status, startsAt: row.starts_at ? new Date(row.starts_at) : null, onDate: row.on_date },
      input.status,
      reason,
      row.status_reason,
      now,
    );
    if (refusal) throw conflict(refusal);
    const correction = row.status !== 'planned';
    await trx
      .updateTable('appointment')
      .set({
        status: input.status,
        status_reason: reason,
        outcome_recorded_by: actor.accountId,
        outcome_recorded_at: now,
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await recordAppointmentChange(trx, actor, {
      personId: row.person_id,
      appointmentId: row.id,
      // The outcome belongs to the day of the appointment.
      occurredOn: row.on_date,
      data: {
        purpose: row.purpose,
        status: input.status,
        ...(correction ? { correctedFrom: row.status } : {}),
      },
      action: correction ? 'appointment.outcome_corrected' : 'appointment.outcome',
      reason,
      details: { status: input.status, previousStatus: row.status },
      request,
    });
  });
  return fetchAppointment(ctx, actor, id);
}

/** A person's appointments, newest first, including those taken over from the history. */
export async function listPersonAppointments(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: Request,
): Promise<Appointment[]> {
  await requirePerson(ctx, actor, personId, request);
  await ctx.audit.personRead(actor, personId, request, 'Rendez-vous de la personne');
  const rows: AppointmentRow[] = await appointmentQuery(ctx.db)
    .where('a.person_id', '=', personId)
    .orderBy('a.on_date', 'desc')
    .orderBy('a.starts_at', (ob) => ob.desc().nullsLast())
    .orderBy('a.recorded_at', 'desc')
    .limit(500)
    .execute();
  const now = new Date();
  return rows.map((r) => toAppointment(r, now));
}
