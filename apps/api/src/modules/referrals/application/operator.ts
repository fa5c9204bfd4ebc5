import {
  type AttendanceInput,
  exitLabel,
  type OperatorReferral,
  type OperatorReferralSummary,
  type ReferralExitInput,
  type ReferralStatus,
  referralWorkflow,
} from '@parcours/contracts';
import { sql } from 'kysely';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition } from '../../../platform/workflow/transition';
import { referralEvents } from '../domain/timeline-events';
import { operatedBy, type ReferralRow, referralQuery } from '../infra/referrals-repo';
import { referralDelayRules } from './delays';
import { operatorDetailView, operatorSummaryView } from './views';

const day = (v: unknown) => String(v).slice(0, 10);

/**
 * The operator portal: the referrals to the actions the operator's structure runs, with the
 * minimum data of the persons (never the file). Every list and every reading is traced.
 */
export async function listOperatorReferrals(
  ctx: AppContext,
  actor: RequestActor,
  query: { status?: ReferralStatus; actionId?: string; sessionId?: string },
  request: RequestInfo,
): Promise<{ items: OperatorReferralSummary[] }> {
  let q = referralQuery(ctx.db, actor.departmentCode)
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['p.title', 'p.first_name', 'p.birth_name', 'p.usual_name', 'p.birth_date'])
    .where(operatedBy(actor.structureId));
  if (query.status) q = q.where('r.status', '=', query.status);
  if (query.actionId) q = q.where('r.action_id', '=', query.actionId);
  if (query.sessionId) q = q.where('r.session_id', '=', query.sessionId);
  const rows = await q
    // Unanswered first, the oldest first among them; then the latest.
    .orderBy(sql`CASE WHEN r.status = 'sent' THEN 0 ELSE 1 END`)
    .orderBy(sql`CASE WHEN r.status = 'sent' THEN r.sent_on END`, 'asc')
    .orderBy('r.sent_on', 'desc')
    .limit(500)
    .execute();
  const rules = await referralDelayRules(ctx.db, actor.departmentCode);
  await recordPersonList(
    ctx,
    actor,
    request,
    'referrals.operator',
    query,
    rows.map((r) => r.person_id),
  );
  return {
    items: rows.map((r) =>
      operatorSummaryView(r, rules, {
        civility: r.title,
        firstName: r.first_name,
        lastName: r.usual_name || r.birth_name,
        birthDate: day(r.birth_date),
      }),
    ),
  };
}

/** The actions (and their sessions) the operator's structure runs: the list's filters. */
export async function listOperatorActions(ctx: AppContext, actor: RequestActor) {
  const actions = await ctx.db
    .selectFrom('insertion_action as a')
    .innerJoin('insertion_action_operator as o', 'o.action_id', 'a.id')
    .select(['a.id', 'a.code', 'a.title'])
    .where('a.department_code', '=', actor.departmentCode)
    .where('o.structure_id', '=', actor.structureId)
    .orderBy('a.code')
    .execute();
  const sessions = actions.length
    ? await ctx.db
        .selectFrom('action_session')
        .select(['id', 'action_id', 'label', 'starts_on'])
        .where(
          'action_id',
          'in',
          actions.map((a) => a.id),
        )
        .orderBy('starts_on')
        .execute()
    : [];
  return {
    items: actions.map((a) => ({
      ...a,
      sessions: sessions
        .filter((s) => s.action_id === a.id)
        .map((s) => ({ id: s.id, label: s.label, startsOn: day(s.starts_on) })),
    })),
  };
}

/**
 * A referral of this operator, or a refusal: 404 when unknown in the département, 403 (traced)
 * when it goes to another operator's action.
 */
async function operatorReferral(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<ReferralRow> {
  const row = await referralQuery(ctx.db, actor.departmentCode)
    .select(operatedBy(actor.structureId).as('mine'))
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Fiche de liaison');
  if (!row.mine) {
    await ctx.audit.record({
      actor,
      action: 'referral.denied',
      personId: row.person_id,
      targetType: 'referral',
      targetId: id,
      request,
    });
    throw forbidden('Cette fiche de liaison est adressée à un autre opérateur.');
  }
  return row;
}

async function detail(ctx: AppContext, actor: RequestActor, row: ReferralRow) {
  const rules = await referralDelayRules(ctx.db, actor.departmentCode);
  return operatorDetailView(ctx.db, row, rules);
}

async function reload(ctx: AppContext, actor: RequestActor, id: string) {
  return detail(
    ctx,
    actor,
    await referralQuery(ctx.db, actor.departmentCode).where('r.id', '=', id).executeTakeFirstOrThrow(),
  );
}

/** One referral with the minimum data of the person: a reading of the person, traced. */
export async function getOperatorReferral(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<OperatorReferral> {
  const row = await operatorReferral(ctx, actor, id, request);
  await ctx.audit.personRead(actor, row.person_id, request, 'Fiche de liaison reçue (opérateur)');
  return detail(ctx, actor, row);
}

type Move = 'accepted' | 'refused' | 'entered' | 'exited';

/** One operator move of the workflow table, with its trace and its timeline line. */
async function operatorMove(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
  move: {
    to: Move;
    version: number;
    occurredOn?: string;
    reason?: string | null;
    check?: (row: ReferralRow) => void;
    set: Record<string, unknown>;
    data?: Record<string, unknown>;
  },
): Promise<OperatorReferral> {
  const row = await operatorReferral(ctx, actor, id, request);
  move.check?.(row);
  const today = parisToday();
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    await transition(trx, {
      workflow: referralWorkflow,
      table: 'referral',
      id,
      to: move.to,
      actor,
      request,
      version: move.version,
      notFoundLabel: 'Fiche de liaison',
      set: () => move.set,
      audit: (before) => ({
        action: `referral.${move.to}`,
        personId: row.person_id,
        targetType: 'referral',
        targetId: id,
        reason: move.reason ?? null,
        details: { from: before.status, ...move.data },
      }),
      timeline: (before) => ({
        departmentCode: actor.departmentCode,
        personId: row.person_id,
        occurredOn: move.occurredOn ?? today,
        type: referralEvents.types.find((t) => t === `referral_${move.to}`)!,
        actorAccountId: actor.accountId,
        data: {
          referralId: id,
          actionCode: row.action_code,
          actionTitle: row.action_title,
          reason: move.reason ?? null,
          corrected: before.status === move.to,
          ...move.data,
        },
      }),
    });
  });
  return reload(ctx, actor, id);
}

export const acceptReferral = (
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  body: { version: number },
  request: RequestInfo,
) =>
  operatorMove(ctx, actor, id, request, {
    to: 'accepted',
    version: body.version,
    set: { answered_at: new Date() },
  });

export const refuseReferral = (
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  body: { version: number; reason: string },
  request: RequestInfo,
) =>
  operatorMove(ctx, actor, id, request, {
    to: 'refused',
    version: body.version,
    reason: body.reason,
    set: { refusal_reason: body.reason, answered_at: new Date(), closed_at: new Date() },
  });

function notFuture(field: string, date: string, what: string) {
  if (date > parisToday()) throw invalid(field, `La date ${what} ne peut pas être dans le futur.`);
}

export const enterReferral = (
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  body: { version: number; enteredOn: string },
  request: RequestInfo,
) =>
  operatorMove(ctx, actor, id, request, {
    to: 'entered',
    version: body.version,
    occurredOn: body.enteredOn,
    check: (row) => {
      notFuture('enteredOn', body.enteredOn, 'd’entrée');
      if (body.enteredOn < day(row.sent_on))
        throw invalid('enteredOn', 'La date d’entrée ne peut pas précéder l’envoi de la fiche.');
    },
    set: { entered_on: body.enteredOn },
    data: { enteredOn: body.enteredOn },
  });

export const exitReferral = (
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  body: ReferralExitInput,
  request: RequestInfo,
) =>
  operatorMove(ctx, actor, id, request, {
    to: 'exited',
    version: body.version,
    occurredOn: body.exitedOn,
    check: (row) => {
      notFuture('exitedOn', body.exitedOn, 'de sortie');
      if (row.entered_on && body.exitedOn < day(row.entered_on))
        throw invalid('exitedOn', 'La date de sortie ne peut pas précéder la date d’entrée.');
    },
    set: {
      exited_on: body.exitedOn,
      exit_category: body.exitCategory,
      exit_type: body.exitType,
      exit_detail: body.detail?.trim() || null,
      closed_at: new Date(),
    },
    data: {
      exitedOn: body.exitedOn,
      exitCategory: body.exitCategory,
      exitType: body.exitType,
      exitLabel: exitLabelOf(body),
    },
  });

const exitLabelOf = (b: ReferralExitInput) => exitLabel(b.exitCategory, b.exitType);

/** A day of attendance (recorded again: corrected), between the entry and the exit, not in the future. */
export async function recordAttendance(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  body: AttendanceInput,
  request: RequestInfo,
): Promise<OperatorReferral> {
  const row = await operatorReferral(ctx, actor, id, request);
  if (row.status !== 'entered' && row.status !== 'exited')
    throw conflict('La présence se note une fois la personne entrée dans l’action.');
  notFuture('day', body.day, 'de présence');
  if (row.entered_on && body.day < day(row.entered_on))
    throw invalid('day', 'Ce jour précède l’entrée dans l’action.');
  if (row.exited_on && body.day > day(row.exited_on))
    throw invalid('day', 'Ce jour suit la sortie de l’action.');
  const values = {
    presence: body.presence,
    hours: body.presence === 'present' ? (body.hours ?? null) : null,
    half_days: body.presence === 'present' ? (body.halfDays ?? null) : null,
    note: body.note?.trim() || null,
    recorded_by: actor.accountId,
    recorded_at: new Date(),
  };
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await trx
      .insertInto('referral_attendance')
      .values({ department_code: actor.departmentCode, referral_id: id, day: body.day, ...values })
      .onConflict((oc) => oc.columns(['referral_id', 'day']).doUpdateSet(values))
      .execute();
    await audit({
      action: 'referral.attendance',
      personId: row.person_id,
      targetType: 'referral',
      targetId: id,
      details: { day: body.day, presence: body.presence },
    });
  });
  return reload(ctx, actor, id);
}
