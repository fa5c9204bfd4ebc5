import type { Appointment, AuditAction } from '@parcours/contracts';
import { sql, type Transaction } from 'kysely';
import { AuditTrail } from '../../../platform/audit/audit';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import { publish } from '../../../platform/events';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';
import { assertPersonInScope } from '../../beneficiaries';
import { frenchRange, parisDate, placeHoldingStatuses } from '../domain/agenda';
import { appointmentChanged } from '../domain/events';
import { accompanimentEvents } from '../domain/timeline-events';
import { loadAppointment, toAppointment } from '../infra/agenda-repo';
import { inAgendaScope } from '../infra/agenda-scope';

/* Booking an appointment on a slot: one at a time per person, within the slot's capacity. */

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

type Request = RequestInfo;
type Purpose = BookedAppointment['purpose'];

/**
 * Timeline event, audit trace and `appointmentChanged` event (read models) of an appointment
 * change, in the caller's transaction.
 */
export async function recordAppointmentChange(
  trx: Transaction<Database>,
  actor: RequestActor,
  input: {
    personId: string;
    appointmentId: string;
    occurredOn: string;
    data: Record<string, unknown> & { purpose: string; status: string };
    action: AuditAction;
    reason?: string | null;
    details?: Record<string, unknown>;
    request?: Request | null;
  },
) {
  await accompanimentEvents.append(trx, {
    departmentCode: actor.departmentCode,
    personId: input.personId,
    occurredOn: input.occurredOn,
    type: 'appointment',
    data: { appointmentId: input.appointmentId, ...input.data },
    actorAccountId: actor.accountId,
    source: 'parcours',
  });
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
  await publish(
    trx,
    actor.departmentCode,
    appointmentChanged.of({
      personId: input.personId,
      appointmentId: input.appointmentId,
      purpose: input.data.purpose,
      status: input.data.status,
    }),
    { actor, request: input.request ?? null },
  );
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
  await assertPersonInScope(trx, actor, input.personId, 'act');
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

export async function fetchAppointment(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
): Promise<Appointment> {
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
  const booked = await unitOfWork(ctx, actor, request, ({ trx }) =>
    bookAppointment(trx, actor, input, { request }),
  );
  return fetchAppointment(ctx, actor, booked.id);
}
