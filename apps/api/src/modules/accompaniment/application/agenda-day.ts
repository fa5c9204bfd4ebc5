import { type AgendaDay, type AgendaDayQuery, type AgendaSlotDetail, lastNameOf } from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { invalid } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { personScope, personSummaryQuery, toPersonSummary } from '../../beneficiaries';
import { addCalendarDays, frenchDate, parisInstant, placeHoldingStatuses } from '../domain/agenda';
import { appointmentQuery, toAppointment, toSlot } from '../infra/agenda-repo';
import { scopedSlotsBetween } from '../infra/agenda-scope';
import { type AttendanceSheet, attendanceSheetPdf, departmentName } from '../infra/attendance-sheet-pdf';

/**
 * The slots of one Paris day in the actor's agendas, with the persons booked (places held: planned
 * or with an outcome). Persons outside the reader's scope are counted, never shown.
 */
async function loadDay(ctx: AppContext, actor: RequestActor, query: AgendaDayQuery, now: Date) {
  const start = parisInstant(query.date, '00:00');
  const end = parisInstant(addCalendarDays(query.date, 1), '00:00');
  if (!start || !end) throw invalid('date', 'Date invalide.');
  let q = scopedSlotsBetween(ctx.db, actor, { start, end, hubId: query.hubId });
  if (query.slotId) q = q.where('s.id', '=', query.slotId);
  const slots = await q.orderBy('s.starts_at').orderBy('s.id').limit(500).execute();
  const slotIds = slots.map((s) => s.id);
  const appointments = slotIds.length
    ? await appointmentQuery(ctx.db)
        .where('a.slot_id', 'in', slotIds)
        .where('a.status', 'in', [...placeHoldingStatuses])
        .orderBy('a.recorded_at')
        .execute()
    : [];
  const personIds = [...new Set(appointments.map((a) => a.person_id))];
  const persons = personIds.length
    ? await personSummaryQuery(ctx.db).where('p.id', 'in', personIds).where(personScope(actor)).execute()
    : [];
  const visible = new Map(persons.map((p) => [p.id, toPersonSummary(p, actor)]));
  const details: AgendaSlotDetail[] = slots.map((slot) => {
    const own = appointments.filter((a) => a.slot_id === slot.id);
    const shown = own.filter((a) => visible.has(a.person_id));
    return {
      ...toSlot(slot, now),
      attendees: shown.map((a) => ({
        appointment: toAppointment(a, now),
        person: visible.get(a.person_id)!,
      })),
      hiddenAttendees: own.length - shown.length,
    };
  });
  return { slots: details, personIds: [...visible.keys()] };
}

/** The day list (agenda day view, home page): one audited list read of the persons shown. */
export async function getAgendaDay(
  ctx: AppContext,
  actor: RequestActor,
  query: AgendaDayQuery,
  request: RequestInfo,
): Promise<AgendaDay> {
  const day = await loadDay(ctx, actor, query, new Date());
  await recordPersonList(ctx, actor, request, 'agenda.day', { ...query }, day.personIds);
  return { date: query.date, slots: day.slots };
}

/** The attendance sheet of a day, printed: names, time, slot and an empty signature column. */
export async function getAttendanceSheet(
  ctx: AppContext,
  actor: RequestActor,
  query: AgendaDayQuery,
  request: RequestInfo,
): Promise<{ pdf: Buffer; fileName: string }> {
  const day = await loadDay(ctx, actor, query, new Date());
  await recordPersonList(ctx, actor, request, 'agenda.attendance_sheet', { ...query }, day.personIds);
  const department = await departmentName(ctx.db, actor.departmentCode);
  const sheet: AttendanceSheet = {
    title: `Feuille d'émargement du ${frenchDate(query.date)}`,
    departmentName: department,
    date: query.date,
    slots: day.slots
      .filter((s) => s.status === 'open')
      .map((s) => ({
        title: `${s.kind === 'collective' ? 'Séance collective' : 'Entretien individuel'}, ${s.startTime} – ${s.endTime}`,
        place: s.place,
        advisorName: s.advisorName,
        owner: s.structureName ?? (s.hubName ? `Pôle d'insertion ${s.hubName}` : null),
        hiddenAttendees: s.hiddenAttendees,
        rows: s.attendees
          .map((a) => ({
            lastName: lastNameOf(a.person),
            firstName: a.person.firstName,
            birthDate: a.person.birthDate,
            claimNumber: a.person.claimNumber,
          }))
          .sort(
            (x, y) =>
              x.lastName.localeCompare(y.lastName, 'fr') || x.firstName.localeCompare(y.firstName, 'fr'),
          ),
      })),
  };
  return { pdf: await attendanceSheetPdf(sheet), fileName: `emargement-${query.date}.pdf` };
}
