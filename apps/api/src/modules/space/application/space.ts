import type { AppointmentStatus, PersonAppointmentNotices, SpaceOverview } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { conflict, forbidden, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { signatureChannelsOf } from '../../access';
import { appointmentsOfPerson, currentReferentOf } from '../../accompaniment';
import { requirePerson } from '../../beneficiaries';
import { createAppointmentNoticeMessage } from '../../messaging';
import { spaceEvents } from '../domain/timeline-events';
import { insertNotice, latestNotices, lockPersonAppointment, noticesOfPerson } from '../infra/space-repo';

/** The person the space belongs to: the account's own, nobody else's. */
export function ownPersonId(actor: RequestActor): string {
  if (actor.role !== 'beneficiary' || !actor.personId) {
    throw forbidden('Cet espace est réservé aux personnes accompagnées, pour leur propre dossier.');
  }
  return actor.personId;
}

/** "Mon référent" and "Mes rendez-vous": the reading is audited as a reading of the file. */
export async function spaceOverview(
  ctx: AppContext,
  actor: RequestActor,
  request: RequestInfo,
): Promise<SpaceOverview> {
  if (actor.role === 'beneficiary' && !actor.personId) {
    // An account whose file is gone (purged, merged): an empty space that says so.
    return {
      personId: null,
      firstName: actor.displayName,
      displayName: actor.displayName,
      referent: null,
      appointments: [],
      signatureChannels: [],
    };
  }
  const personId = ownPersonId(actor);
  const person = await requirePerson(ctx, actor, personId, request);
  await ctx.audit.personRead(actor, personId, request, 'espace personnel');
  const dep = actor.departmentCode;
  const [referent, appointments, channels] = await Promise.all([
    currentReferentOf(ctx.db, dep, personId),
    appointmentsOfPerson(ctx.db, dep, personId, { limit: 20 }),
    signatureChannelsOf(ctx, actor),
  ]);
  const notices = await latestNotices(
    ctx.db,
    appointments.map((a) => a.id),
  );
  const s = person.summary;
  return {
    personId,
    firstName: s.firstName,
    displayName: `${s.firstName} ${s.usualName ?? s.birthName}`,
    referent: referent
      ? {
          name: referent.name,
          structureName: referent.structureName,
          phone: referent.phone,
          email: referent.email,
          since: referent.fromDate,
        }
      : null,
    appointments: appointments.map((a) => ({
      id: a.id,
      purpose: a.purpose,
      status: a.status,
      statusReason: a.statusReason,
      date: a.date,
      startTime: a.startTime,
      endTime: a.endTime,
      place: a.place,
      collective: a.slotKind === 'collective',
      structureName: a.structureName,
      hubName: a.hubName,
      notice: notices.get(a.id) ?? null,
    })),
    signatureChannels: channels,
  };
}

/**
 * "Je ne pourrai pas venir": the reason is kept with the appointment (which stays planned until
 * an agent reschedules it), written on the timeline, and the référent is told by e-mail.
 */
export async function reportAbsence(
  ctx: AppContext,
  actor: RequestActor,
  appointmentId: string,
  input: { reason: string },
  request: RequestInfo,
) {
  const personId = ownPersonId(actor);
  await requirePerson(ctx, actor, personId, request, 'act');
  const dep = actor.departmentCode;
  const referent = await currentReferentOf(ctx.db, dep, personId);
  return unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const appointment = await lockPersonAppointment(trx, dep, personId, appointmentId);
    if (!appointment) throw notFound('Rendez-vous');
    const startsAt = appointment.starts_at ? new Date(appointment.starts_at).toISOString() : null;
    const past = startsAt ? new Date(startsAt).getTime() <= Date.now() : appointment.on_date < parisToday();
    if (appointment.status !== 'planned' || past) {
      throw conflict(
        'Ce rendez-vous n’est plus à venir : il a eu lieu, a été annulé ou reporté. Contactez votre référent si besoin.',
      );
    }
    const notice = await insertNotice(trx, {
      departmentCode: dep,
      appointmentId,
      personId,
      reason: input.reason,
      accountId: actor.accountId,
    });
    await timeline(spaceEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'appointment_notice',
      data: { appointmentId, startsAt, onDate: appointment.on_date, reason: input.reason },
    });
    const messageId = referent?.email
      ? await createAppointmentNoticeMessage(trx, {
          departmentCode: dep,
          actorAccountId: actor.accountId,
          personId,
          appointmentId,
          referentEmail: referent.email,
          reason: input.reason,
          appointment: { startsAt, onDate: appointment.on_date, place: appointment.place },
        })
      : null;
    await audit({
      action: 'space.appointment_notice',
      personId,
      targetType: 'appointment',
      targetId: appointmentId,
      details: { referentNotified: Boolean(messageId) },
    });
    return {
      appointmentId,
      reason: notice.reason,
      recordedAt: new Date(notice.recorded_at).toISOString(),
    };
  });
}

/** The notices of a person, for the agents who may read the file (the reading is audited). */
export async function personAppointmentNotices(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<PersonAppointmentNotices> {
  await requirePerson(ctx, actor, personId, request);
  await ctx.audit.personRead(actor, personId, request, 'absences signalées');
  const rows = await noticesOfPerson(ctx.db, actor.departmentCode, personId);
  return {
    items: rows.map((r) => ({
      appointmentId: r.appointment_id,
      appointmentStatus: r.status as AppointmentStatus,
      appointmentStartsAt: r.starts_at ? new Date(r.starts_at).toISOString() : null,
      appointmentDate: r.on_date,
      reason: r.reason,
      recordedAt: new Date(r.recorded_at).toISOString(),
    })),
  };
}
