import {
  type Appointment,
  type AppointmentCancel,
  type AppointmentOutcomeInput,
  type AppointmentReschedule,
  type AppointmentStatus,
  appointmentWorkflow,
  roleScopeKind,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { forbidden, invalid, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import type { TimelineInput } from '../../../platform/timeline/registry';
import { unitOfWork } from '../../../platform/use-case';
import { type TransitionSpec, transition, type WorkflowRow } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { hasStarted, outcomeCheck, parisDate } from '../domain/agenda';
import { appointmentChanged } from '../domain/events';
import { type AppointmentRow, appointmentQuery, toAppointment } from '../infra/agenda-repo';
import { inAgendaScope } from '../infra/agenda-scope';
import { bookAppointment, fetchAppointment } from './booking';

export {
  type BookedAppointment,
  bookAppointment,
  bookFromRequest,
  recordAppointmentChange,
} from './booking';

type Row = WorkflowRow<'appointment'>;
type Spec<R = undefined> = TransitionSpec<AppointmentStatus, 'appointment', R>;

/**
 * The part of a move every appointment action shares: the person (404/403, refusal audited) is
 * gated before the transaction; the locked appointment must be in the actor's agenda (slot of
 * their pôle or structure), at the version the agent saw.
 */
async function appointmentMove(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  version: number,
  request: RequestInfo,
) {
  const found = await ctx.db
    .selectFrom('appointment')
    .select('person_id')
    .where('id', '=', id)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!found) throw notFound('Rendez-vous');
  await requirePerson(ctx, actor, found.person_id, request, 'act');
  return {
    workflow: appointmentWorkflow,
    table: 'appointment',
    id,
    version,
    actor,
    request,
    notFoundLabel: 'Rendez-vous',
    guard: (row: Row) => {
      const inScope = row.slot_id
        ? inAgendaScope(actor, row)
        : // Taken over from the history (no slot): a structure keeps to its own appointments.
          roleScopeKind[actor.role] !== 'structure' ||
          row.structure_id == null ||
          row.structure_id === actor.structureId;
      if (!inScope) throw forbidden('Ce rendez-vous ne relève pas de votre agenda.');
    },
  } satisfies Partial<Spec>;
}

/** Moved or cancelled only before it begins; the table has already said "only when planned". */
function notStarted(row: Row, verb: 'reporté' | 'annulé', now: Date): string | null {
  return hasStarted({ startsAt: row.starts_at ? new Date(row.starts_at) : null, onDate: row.on_date }, now)
    ? `Ce rendez-vous a déjà commencé : il ne peut plus être ${verb}. Enregistrez plutôt la présence, l’absence ou l’excuse.`
    : null;
}

/** The fact read models react to (entry-spell read model), in the move's transaction. */
const changed = (row: Row, status: AppointmentStatus) => [
  appointmentChanged.of({ personId: row.person_id, appointmentId: row.id, purpose: row.purpose, status }),
];

const appointmentTimeline = (
  actor: RequestActor,
  row: Row,
  occurredOn: string,
  data: Record<string, unknown>,
): TimelineInput<'appointment'> => ({
  departmentCode: actor.departmentCode,
  personId: row.person_id,
  occurredOn,
  type: 'appointment',
  data: { appointmentId: row.id, purpose: row.purpose, ...data },
  actorAccountId: actor.accountId,
  source: 'parcours',
});

/** The old appointment becomes "reporté"; a new one on the chosen slot points back to it. */
export async function rescheduleAppointment(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: AppointmentReschedule,
  request: RequestInfo,
): Promise<{ previous: Appointment; appointment: Appointment }> {
  const now = new Date();
  const base = await appointmentMove(ctx, actor, id, input.version, request);
  let newId = '';
  await unitOfWork(ctx, actor, request, ({ trx }) =>
    transition(trx, {
      ...base,
      to: 'rescheduled',
      check: (row) => {
        const refusal = notStarted(row, 'reporté', now);
        if (!refusal && row.slot_id === input.slotId)
          throw invalid('slotId', 'Choisissez un autre créneau que celui du rendez-vous actuel.');
        return refusal;
      },
      set: () => ({ status_reason: input.reason, updated_at: now }),
      // After the update: the old time, freed, does not count as a clash with the new one.
      after: async (row) => {
        const booked = await bookAppointment(
          trx,
          actor,
          { personId: row.person_id, slotId: input.slotId, entrySpellId: row.entry_spell_id },
          { request, rescheduledFromId: row.id, now },
        );
        newId = booked.id;
        return booked;
      },
      audit: (row, booked) => ({
        action: 'appointment.reschedule',
        personId: row.person_id,
        targetType: 'appointment',
        targetId: row.id,
        reason: input.reason,
        details: { newAppointmentId: booked.id, slotId: input.slotId },
      }),
      timeline: (row, booked) =>
        appointmentTimeline(actor, row, parisDate(now), {
          status: 'rescheduled',
          rescheduledToId: booked.id,
        }),
      // The new appointment published its own booking.
      events: (row) => changed(row, 'rescheduled'),
    }),
  );
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
  request: RequestInfo,
): Promise<Appointment> {
  const now = new Date();
  const base = await appointmentMove(ctx, actor, id, input.version, request);
  await unitOfWork(ctx, actor, request, ({ trx }) =>
    transition(trx, {
      ...base,
      to: 'cancelled',
      check: (row) => notStarted(row, 'annulé', now),
      set: () => ({ status_reason: input.reason, updated_at: now }),
      audit: (row) => ({
        action: 'appointment.cancel',
        personId: row.person_id,
        targetType: 'appointment',
        targetId: row.id,
        reason: input.reason,
      }),
      timeline: (row) => appointmentTimeline(actor, row, parisDate(now), { status: 'cancelled' }),
      events: (row) => changed(row, 'cancelled'),
    }),
  );
  return fetchAppointment(ctx, actor, id);
}

/** Présent, absent or excusé, once the appointment has begun; a later correction is a new fact. */
export async function recordOutcome(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: AppointmentOutcomeInput,
  request: RequestInfo,
): Promise<Appointment> {
  const now = new Date();
  const reason = input.reason?.trim() || null;
  const base = await appointmentMove(ctx, actor, id, input.version, request);
  const correction = (row: Row) => row.status !== 'planned';
  await unitOfWork(ctx, actor, request, ({ trx }) =>
    transition(trx, {
      ...base,
      to: input.status,
      // Not started yet, or the same outcome again (the table refused cancelled and rescheduled).
      check: (row) =>
        outcomeCheck(
          {
            status: row.status,
            startsAt: row.starts_at ? new Date(row.starts_at) : null,
            onDate: row.on_date,
          },
          input.status,
          reason,
          row.status_reason,
          now,
        ),
      set: () => ({
        status_reason: reason,
        outcome_recorded_by: actor.accountId,
        outcome_recorded_at: now,
        updated_at: now,
      }),
      audit: (row) => ({
        action: correction(row) ? 'appointment.outcome_corrected' : 'appointment.outcome',
        personId: row.person_id,
        targetType: 'appointment',
        targetId: row.id,
        reason,
        details: { status: input.status, previousStatus: row.status },
      }),
      // The outcome belongs to the day of the appointment.
      timeline: (row) =>
        appointmentTimeline(actor, row, row.on_date, {
          status: input.status,
          ...(correction(row) ? { correctedFrom: row.status } : {}),
        }),
      events: (row) => changed(row, input.status),
    }),
  );
  return fetchAppointment(ctx, actor, id);
}

/** A person's appointments, newest first, including those taken over from the history. */
export async function listPersonAppointments(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
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
