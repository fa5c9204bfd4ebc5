import {
  type EpSessionStatus,
  epCancelInputSchema,
  epCloseInputSchema,
  epHoldInputSchema,
  epPostponeInputSchema,
  epSessionWorkflow,
} from '@parcours/contracts';
import type { Transaction, Updateable } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database, EpSessionTable } from '../../../platform/db/schema';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition, type WorkflowRow } from '../../../platform/workflow/transition';
import { day, frenchDay, guardSession, refuse } from './ep-session-scope';
import { getEpSession } from './ep-sessions';

/** The lifecycle of an EP session (held, closed, postponed, cancelled), one move of the workflow kit. */

type SessionWfRow = WorkflowRow<'ep_session'>;

async function moveSession(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  request: RequestInfo,
  m: {
    to: EpSessionStatus;
    version: number;
    check?: (row: SessionWfRow, trx: Transaction<Database>) => Promise<string | null> | string | null;
    set?: (row: SessionWfRow) => Updateable<EpSessionTable>;
    details: Record<string, unknown>;
  },
) {
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    await transition(trx, {
      workflow: epSessionWorkflow,
      table: 'ep_session',
      id: sessionId,
      to: m.to,
      actor,
      request,
      version: m.version,
      notFoundLabel: 'Séance de l’équipe pluridisciplinaire',
      guard: (row) => guardSession(actor, row),
      check: m.check ? (row) => m.check!(row, trx) : undefined,
      set: (row) => ({ ...m.set?.(row), updated_at: new Date() }),
      audit: (row) => ({
        action: 'ep.session_moved',
        targetType: 'ep_session',
        targetId: sessionId,
        details: { from: row.status, to: m.to, ...m.details },
      }),
    });
  });
  return getEpSession(ctx, actor, sessionId, request);
}

/** The session took place (on or after its date): presence and opinions may now be recorded. */
export function holdEpSession(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = epHoldInputSchema.parse(input);
  return moveSession(ctx, actor, sessionId, request, {
    to: 'held',
    version: b.version,
    check: (row) =>
      day(row.session_date) > parisToday()
        ? `Une séance ne peut être tenue avant sa date (${frenchDay(day(row.session_date))}).`
        : null,
    details: {},
  });
}

/** The minutes are signed: every case of the agenda has its opinion (or was adjourned). */
export function closeEpSession(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = epCloseInputSchema.parse(input);
  return moveSession(ctx, actor, sessionId, request, {
    to: 'closed',
    version: b.version,
    check: async (row, trx) => {
      if (b.signedOn > parisToday())
        return 'La date de signature ne peut pas être postérieure à aujourd’hui.';
      if (b.signedOn < day(row.session_date)) return 'Le procès-verbal ne peut être signé avant la séance.';
      const open = await trx
        .selectFrom('ep_agenda_item')
        .select('id')
        .where('session_id', '=', sessionId)
        .where('opinion', 'is', null)
        .executeTakeFirst();
      return open
        ? 'Chaque dossier de l’ordre du jour doit avoir son avis (ou être ajourné) avant la signature du procès-verbal.'
        : null;
    },
    set: () => ({ signed_on: b.signedOn }),
    details: { signedOn: b.signedOn },
  });
}

/** A new date (and time) for a session that has not taken place; its agenda follows it. */
export function postponeEpSession(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = epPostponeInputSchema.parse(input);
  if (b.sessionDate < parisToday())
    throw refuse('sessionDate', 'past', 'La nouvelle date ne peut pas être passée.');
  return moveSession(ctx, actor, sessionId, request, {
    to: 'postponed',
    version: b.version,
    check: (row) =>
      day(row.session_date) === b.sessionDate && (b.startTime === null || b.startTime === row.start_time)
        ? 'La nouvelle date est celle de la séance : choisissez une autre date ou une autre heure.'
        : null,
    set: (row) => ({
      postponed_from: row.postponed_from ?? day(row.session_date),
      session_date: b.sessionDate,
      start_time: b.startTime ?? row.start_time,
      status_reason: b.reason,
    }),
    details: { sessionDate: b.sessionDate, startTime: b.startTime, reason: b.reason },
  });
}

/** A cancelled session gives no opinion: its cases may be put on another session's agenda. */
export function cancelEpSession(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = epCancelInputSchema.parse(input);
  return moveSession(ctx, actor, sessionId, request, {
    to: 'cancelled',
    version: b.version,
    set: () => ({ status_reason: b.reason }),
    details: { reason: b.reason },
  });
}
