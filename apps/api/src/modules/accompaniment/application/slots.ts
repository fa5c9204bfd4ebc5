import {
  type AgendaAdvisor,
  type AgendaSlot,
  type AgendaSlotCancel,
  type AgendaSlotDetail,
  type AgendaSlotQuery,
  type agendaSlotCreateSchema,
  type Role,
  rolePermissions,
  roleScopeKind,
  roles,
  slotKindLabels,
} from '@parcours/contracts';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { DomainError, forbidden, invalid, notFound, versionConflict } from '../../../platform/errors';
import { unitOfWork } from '../../../platform/use-case';
import { personScope, personSummaryQuery, toPersonSummary } from '../../beneficiaries';
import {
  addCalendarDays,
  frenchRange,
  overlaps,
  parisDate,
  parisInstant,
  placeHoldingStatuses,
  type TimeRange,
  weeklyOccurrences,
} from '../domain/agenda';
import { openingHoursRefusal } from '../domain/opening-hours';
import { appointmentQuery, type SlotRow, slotQuery, toAppointment, toSlot } from '../infra/agenda-repo';
import { inAgendaScope, scopedSlotsBetween, slotOwner } from '../infra/agenda-scope';
import { agendaOpeningHours } from '../infra/opening-hours-repo';
import { recordAppointmentChange } from './appointments';

type Request = { ip: string; id: string };
type SlotCreate = z.output<typeof agendaSlotCreateSchema>;

const conflict = (message: string) => new DomainError('conflict', 'CONFLICT', message);
const MAX_RANGE_DAYS = 92;

/** Roles that keep an agenda (slots are theirs). */
const agendaRoles = roles.filter((r) => rolePermissions[r].includes('agenda.manage'));

/** Slots of the actor's agendas over a period of Paris days. */
export async function listSlots(
  ctx: AppContext,
  actor: RequestActor,
  query: AgendaSlotQuery,
): Promise<AgendaSlot[]> {
  const now = new Date();
  const from = query.from ?? parisDate(now);
  const to = query.to ?? addCalendarDays(from, 6);
  if (addCalendarDays(from, MAX_RANGE_DAYS) < to)
    throw invalid('to', `La période affichée ne peut pas dépasser ${MAX_RANGE_DAYS} jours.`);
  const start = parisInstant(from, '00:00');
  const end = parisInstant(addCalendarDays(to, 1), '00:00');
  if (!start || !end) throw invalid('from', 'Période invalide.');
  let q = scopedSlotsBetween(ctx.db, actor, { start, end, hubId: query.hubId });
  if (query.purpose) q = q.where('s.purpose', '=', query.purpose);
  if (query.available === 'true') {
    q = q
      .where('s.status', '=', 'open')
      .where('s.starts_at', '>', now)
      .where(
        sql<boolean>`(SELECT count(*) FROM appointment ap WHERE ap.slot_id = s.id AND ap.status IN (${sql.join(
          placeHoldingStatuses.map((s) => sql.lit(s)),
        )})) < s.capacity`,
      );
  }
  const rows = await q.orderBy('s.starts_at').orderBy('s.id').limit(2000).execute();
  return rows.map((r) => toSlot(r, now));
}

async function slotInScope(ctx: AppContext | Transaction<Database>, actor: RequestActor, id: string) {
  const db = 'db' in ctx ? ctx.db : ctx;
  const row = await slotQuery(db)
    .where('s.id', '=', id)
    .where('s.department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!row) throw notFound('Créneau');
  if (!inAgendaScope(actor, row)) throw forbidden('Ce créneau ne relève pas de votre agenda.');
  return row;
}

/** A slot with the persons booked on it: a list of persons, audited as one bulk read. */
export async function getSlot(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: Request,
): Promise<AgendaSlotDetail> {
  const slot = await slotInScope(ctx, actor, id);
  const now = new Date();
  const appointments = await appointmentQuery(ctx.db)
    .where('a.slot_id', '=', id)
    .orderBy('a.recorded_at')
    .execute();
  const personIds = [...new Set(appointments.map((a) => a.person_id))];
  const persons = personIds.length
    ? await personSummaryQuery(ctx.db).where('p.id', 'in', personIds).where(personScope(actor)).execute()
    : [];
  const visible = new Map(persons.map((p) => [p.id, toPersonSummary(p, actor)]));
  await recordPersonList(ctx, actor, request, 'agenda.slot', { slotId: id }, visible.keys());
  const attendees = appointments
    .filter((a) => visible.has(a.person_id))
    .map((a) => ({ appointment: toAppointment(a, now), person: visible.get(a.person_id)! }));
  const hidden = appointments.filter(
    (a) => !visible.has(a.person_id) && (placeHoldingStatuses as readonly string[]).includes(a.status),
  ).length;
  return { ...toSlot(slot, now), attendees, hiddenAttendees: hidden };
}

/** Agents whose agenda the actor may fill: same pôle or same structure. */
export async function listAdvisors(ctx: AppContext, actor: RequestActor): Promise<AgendaAdvisor[]> {
  let q = ctx.db
    .selectFrom('account')
    .select(['id', 'display_name', 'hub_id', 'structure_id'])
    .where('department_code', '=', actor.departmentCode)
    .where('active', '=', true)
    .where('role', 'in', agendaRoles as Role[]);
  const kind = roleScopeKind[actor.role];
  if (kind === 'hub') q = q.where('hub_id', '=', actor.hubId ?? '00000000-0000-0000-0000-000000000000');
  else if (kind === 'structure')
    q = q.where('structure_id', '=', actor.structureId ?? '00000000-0000-0000-0000-000000000000');
  else if (kind !== 'department') return [];
  const rows = await q.orderBy('display_name').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    hubId: r.hub_id,
    structureId: r.structure_id,
  }));
}

/**
 * Creates a slot, or its weekly series, in the actor's pôle or structure. All or nothing: a slot in
 * the past or overlapping another slot of the same advisor refuses the whole series.
 */
export async function createSlots(
  ctx: AppContext,
  actor: RequestActor,
  input: SlotCreate,
  request: Request,
): Promise<AgendaSlot[]> {
  const owner = slotOwner(actor);
  if (!owner) throw forbidden("Les créneaux se créent depuis le compte d'un agent de pôle ou de structure.");
  const now = new Date();
  const advisorId = input.advisorAccountId ?? actor.accountId;
  const advisor = await ctx.db
    .selectFrom('account')
    .select(['id', 'display_name', 'hub_id', 'structure_id', 'role', 'active'])
    .where('id', '=', advisorId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  const sameAgenda =
    advisor?.active === true &&
    (agendaRoles as string[]).includes(advisor.role) &&
    (owner.hubId ? advisor.hub_id === owner.hubId : advisor.structure_id === owner.structureId);
  if (!advisor || !sameAgenda)
    throw invalid(
      'advisorAccountId',
      owner.hubId ? 'Choisissez un conseiller de votre pôle.' : 'Choisissez un agent de votre structure.',
    );

  const occurrences = weeklyOccurrences(input);
  if (!occurrences.ok) throw invalid(occurrences.path, occurrences.message);
  const past = occurrences.items.find((o) => o.startsAt.getTime() <= now.getTime());
  if (past) throw invalid('date', `Un créneau ne peut pas être créé dans le passé (${frenchRange(past)}).`);
  const opening = await agendaOpeningHours(ctx.db, actor.departmentCode, owner);
  const outside = occurrences.items
    .map((o) => openingHoursRefusal(opening.hours, o, opening.where))
    .find(Boolean);
  if (outside) throw invalid('startTime', outside);
  const capacity = input.kind === 'individual' ? 1 : (input.capacity ?? 0);

  const ids = await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    // Two agents filling the same agenda at once are taken one after the other.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`agenda:advisor:${advisor.id}`}))`.execute(trx);
    const first = occurrences.items[0]!.startsAt;
    const last = occurrences.items[occurrences.items.length - 1]!.endsAt;
    const existing = await trx
      .selectFrom('agenda_slot')
      .select(['id', 'starts_at', 'ends_at', 'kind', 'place'])
      .where('advisor_account_id', '=', advisor.id)
      .where('status', '=', 'open')
      .where('starts_at', '<', last)
      .where('ends_at', '>', first)
      .orderBy('starts_at')
      .execute();
    for (const occurrence of occurrences.items) {
      const clash = existing.find((e) =>
        overlaps(occurrence, { startsAt: new Date(e.starts_at), endsAt: new Date(e.ends_at) }),
      );
      if (clash) {
        const range: TimeRange = { startsAt: new Date(clash.starts_at), endsAt: new Date(clash.ends_at) };
        throw conflict(
          `${occurrences.items.length > 1 ? `Le créneau ${frenchRange(occurrence)}` : 'Ce créneau'} chevauche un créneau existant de ${advisor.display_name} : ${slotKindLabels[clash.kind].toLowerCase()} ${frenchRange(range)} (${clash.place}). Aucun créneau n’a été créé.`,
        );
      }
    }
    const rows = await trx
      .insertInto('agenda_slot')
      .values(
        occurrences.items.map((o) => ({
          department_code: actor.departmentCode,
          hub_id: owner.hubId,
          structure_id: owner.structureId,
          advisor_account_id: advisor.id,
          kind: input.kind,
          purpose: input.purpose,
          starts_at: o.startsAt,
          ends_at: o.endsAt,
          place: input.place,
          capacity,
          created_by: actor.accountId,
        })),
      )
      .returning('id')
      .execute();
    await audit({
      action: 'agenda_slot.create',
      targetType: 'agenda_slot',
      targetId: rows[0]!.id,
      details: {
        slotIds: rows.map((r) => r.id),
        kind: input.kind,
        purpose: input.purpose,
        advisorAccountId: advisor.id,
        firstStartsAt: first.toISOString(),
        weeks: input.weeks,
      },
    });
    return rows.map((r) => r.id);
  });
  const rows = await slotQuery(ctx.db).where('s.id', 'in', ids).orderBy('s.starts_at').execute();
  return rows.map((r) => toSlot(r, now));
}

/** Cancels a slot not yet begun and every planned appointment on it (the persons' timelines say so). */
export async function cancelSlot(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: AgendaSlotCancel,
  request: Request,
): Promise<AgendaSlot> {
  const now = new Date();
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const slot = await trx
      .selectFrom('agenda_slot')
      .selectAll()
      .where('id', '=', id)
      .where('department_code', '=', actor.departmentCode)
      .forUpdate()
      .executeTakeFirst();
    if (!slot) throw notFound('Créneau');
    if (!inAgendaScope(actor, slot)) throw forbidden('Ce créneau ne relève pas de votre agenda.');
    if (slot.version !== input.version) throw versionConflict();
    if (slot.status === 'cancelled') throw conflict('Ce créneau est déjà annulé.');
    if (new Date(slot.starts_at).getTime() <= now.getTime())
      throw conflict(
        'Ce créneau a déjà commencé : il ne peut plus être annulé. Enregistrez plutôt la présence ou l’absence des personnes.',
      );
    await trx
      .updateTable('agenda_slot')
      .set({ status: 'cancelled', cancel_reason: input.reason, version: slot.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    const cancelled = await trx
      .updateTable('appointment')
      .set((eb) => ({
        status: 'cancelled',
        status_reason: input.reason,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('slot_id', '=', id)
      .where('status', '=', 'planned')
      .returning(['id', 'person_id', 'purpose'])
      .execute();
    const today = parisDate(now);
    for (const a of cancelled) {
      await recordAppointmentChange(trx, actor, {
        personId: a.person_id,
        appointmentId: a.id,
        occurredOn: today,
        data: { purpose: a.purpose, status: 'cancelled' },
        action: 'appointment.cancel',
        reason: input.reason,
        details: { slotId: id, slotCancelled: true },
        request,
      });
    }
    await audit({
      action: 'agenda_slot.cancel',
      targetType: 'agenda_slot',
      targetId: id,
      reason: input.reason,
      details: { appointmentsCancelled: cancelled.length },
    });
  });
  const row = await slotQuery(ctx.db).where('s.id', '=', id).executeTakeFirstOrThrow();
  return toSlot(row satisfies SlotRow, now);
}
