import {
  type SasSession,
  sasMeetingCancelSchema,
  sasMeetingMoveSchema,
  sasSessionCancelSchema,
} from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, invalid, notFound, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';
import { moveRefusal } from '../domain/sas';
import { meetingsOf } from '../infra/sas-repo';
import { assertAnimatorFree, getSasSession, meetingInstants, sessionInScope } from './sas-sessions';

/* The changes of a session once planned: cancelled as a whole, a meeting moved or cancelled. */

/** Cancels a session not begun and without enrolled persons; its slots leave the agenda. */
export async function cancelSasSession(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: unknown,
  request: RequestInfo,
): Promise<SasSession> {
  const b = sasSessionCancelSchema.parse(input);
  const now = new Date();
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const session = await sessionInScope(trx, actor, id, true);
    if (session.version !== b.version) throw versionConflict();
    if (session.status === 'cancelled') throw conflict('Cette session est déjà annulée.');
    const meetings = await meetingsOf(trx, [id]);
    if (meetings.some((m) => m.status === 'planned' && new Date(m.starts_at).getTime() <= now.getTime()))
      throw conflict(
        'Cette session a commencé : elle ne peut plus être annulée (annulez plutôt ses séances à venir).',
      );
    const enrolled = await trx
      .selectFrom('sas_enrolment')
      .select('id')
      .where('session_id', '=', id)
      .where('status', '=', 'enrolled')
      .execute();
    if (enrolled.length)
      throw conflict(
        `${enrolled.length} personne(s) y sont inscrites : annulez d’abord leur inscription. Rien n’a été annulé.`,
      );
    await trx
      .updateTable('sas_session')
      .set({ status: 'cancelled', cancel_reason: b.reason, version: session.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('sas_meeting')
      .set((eb) => ({
        status: 'cancelled',
        cancel_reason: b.reason,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('session_id', '=', id)
      .where('status', '=', 'planned')
      .execute();
    const slotIds = meetings.map((m) => m.slot_id).filter((v): v is string => !!v);
    if (slotIds.length)
      await trx
        .updateTable('agenda_slot')
        .set((eb) => ({
          status: 'cancelled',
          cancel_reason: b.reason,
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where('id', 'in', slotIds)
        .where('status', '=', 'open')
        .execute();
    await audit({
      action: 'sas.session_cancelled',
      targetType: 'sas_session',
      targetId: id,
      reason: b.reason,
      details: { slotIds },
    });
  });
  return getSasSession(ctx, actor, id, request);
}

async function meetingForChange(
  trx: Transaction<Database>,
  actor: RequestActor,
  sessionId: string,
  meetingId: string,
  version: number,
  now: Date,
) {
  const session = await sessionInScope(trx, actor, sessionId, true);
  if (session.status === 'cancelled') throw conflict('Cette session est annulée.');
  const meeting = await trx
    .selectFrom('sas_meeting')
    .selectAll()
    .where('id', '=', meetingId)
    .where('session_id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst();
  if (!meeting) throw notFound('Séance du SAS');
  if (meeting.version !== version) throw versionConflict();
  if (meeting.status === 'cancelled') throw conflict('Cette séance est annulée.');
  if (new Date(meeting.starts_at).getTime() <= now.getTime())
    throw conflict('Cette séance a déjà commencé : elle ne peut plus être déplacée ni annulée.');
  return { session, meeting };
}

/** Moves a meeting not begun to another half-day (and its slot on the animator's agenda). */
export async function moveSasMeeting(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  meetingId: string,
  input: unknown,
  request: RequestInfo,
): Promise<SasSession> {
  const b = sasMeetingMoveSchema.parse(input);
  const refusal = moveRefusal(b.date);
  if (refusal) throw invalid('date', refusal);
  const target = meetingInstants(b.date, b.halfDay);
  const now = new Date();
  if (target.startsAt.getTime() <= now.getTime())
    throw invalid('date', 'Une séance ne peut être déplacée dans le passé.');
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const { session, meeting } = await meetingForChange(trx, actor, sessionId, meetingId, b.version, now);
    const twin = await trx
      .selectFrom('sas_meeting')
      .select('id')
      .where('session_id', '=', sessionId)
      .where('id', '<>', meetingId)
      .where('status', '=', 'planned')
      .where('starts_at', '=', target.startsAt)
      .executeTakeFirst();
    if (twin) throw conflict('Une autre séance de la session a lieu à cette demi-journée.');
    if (session.animator_account_id) {
      const animator = await trx
        .selectFrom('account')
        .select(['id', 'display_name'])
        .where('id', '=', session.animator_account_id)
        .executeTakeFirstOrThrow();
      await assertAnimatorFree(trx, animator, [{ date: b.date, ...target }], meeting.slot_id);
    }
    await trx
      .updateTable('sas_meeting')
      .set({
        on_date: b.date,
        half_day: b.halfDay,
        starts_at: target.startsAt,
        ends_at: target.endsAt,
        version: meeting.version + 1,
        updated_at: now,
      })
      .where('id', '=', meetingId)
      .execute();
    if (meeting.slot_id)
      await trx
        .updateTable('agenda_slot')
        .set((eb) => ({
          starts_at: target.startsAt,
          ends_at: target.endsAt,
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', meeting.slot_id)
        .execute();
    await audit({
      action: 'sas.meeting_moved',
      targetType: 'sas_meeting',
      targetId: meetingId,
      details: {
        sessionId,
        from: { date: String(meeting.on_date).slice(0, 10), halfDay: meeting.half_day },
        to: { date: b.date, halfDay: b.halfDay },
      },
    });
  });
  return getSasSession(ctx, actor, sessionId, request);
}

/** Cancels a meeting not begun: it no longer counts for the attendance; its slot is cancelled. */
export async function cancelSasMeeting(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  meetingId: string,
  input: unknown,
  request: RequestInfo,
): Promise<SasSession> {
  const b = sasMeetingCancelSchema.parse(input);
  const now = new Date();
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const { meeting } = await meetingForChange(trx, actor, sessionId, meetingId, b.version, now);
    await trx
      .updateTable('sas_meeting')
      .set({ status: 'cancelled', cancel_reason: b.reason, version: meeting.version + 1, updated_at: now })
      .where('id', '=', meetingId)
      .execute();
    if (meeting.slot_id)
      await trx
        .updateTable('agenda_slot')
        .set((eb) => ({
          status: 'cancelled',
          cancel_reason: b.reason,
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', meeting.slot_id)
        .where('status', '=', 'open')
        .execute();
    await audit({
      action: 'sas.meeting_cancelled',
      targetType: 'sas_meeting',
      targetId: meetingId,
      reason: b.reason,
      details: { sessionId, date: String(meeting.on_date).slice(0, 10), halfDay: meeting.half_day },
    });
  });
  return getSasSession(ctx, actor, sessionId, request);
}
