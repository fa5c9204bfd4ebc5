import {
  placeHoldingReferralStatuses,
  type Referral,
  type ReferralInput,
  type referralCancelSchema,
  referralWorkflow,
} from '@parcours/contracts';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { conflict, invalid, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { assertReferrable } from '../../offer';
import { referralEvents } from '../domain/timeline-events';
import { actionAndSession, operatorNamesOf, referralQuery } from '../infra/referrals-repo';
import { referralDelayRules } from './delays';
import { referralView } from './views';

const TWICE = 'Cette personne a déjà une fiche de liaison en cours pour cette session.';

const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === '23505';

async function loadReferrals(
  ctx: AppContext,
  departmentCode: string,
  where: { personId?: string; id?: string },
) {
  let q = referralQuery(ctx.db, departmentCode);
  if (where.personId) q = q.where('r.person_id', '=', where.personId);
  if (where.id) q = q.where('r.id', '=', where.id);
  const rows = await q.orderBy('r.sent_on', 'desc').orderBy('r.created_at', 'desc').execute();
  const [rules, names] = await Promise.all([
    referralDelayRules(ctx.db, departmentCode),
    operatorNamesOf(
      ctx.db,
      rows.map((r) => r.action_id),
    ),
  ]);
  return rows.map((r) => referralView(r, rules, names.get(r.action_id) ?? []));
}

/** A person's referrals, read through the person gate (a reading of the file). */
export async function listPersonReferrals(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<{ items: Referral[] }> {
  await requirePerson(ctx, actor, personId, request, 'read');
  await ctx.audit.personRead(actor, personId, request, 'Fiches de liaison de la personne');
  return { items: await loadReferrals(ctx, actor.departmentCode, { personId }) };
}

/**
 * A référent sends a fiche de liaison: the action (and its session when it has some), the message
 * and the weekly hours (the session's or the action's by default), optionally within a contract.
 * Refused with nothing written: an annulée action, a full, finished or cancelled session, the
 * same session twice while the first fiche holds its place.
 */
export async function createReferral(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: ReferralInput,
  request: RequestInfo,
): Promise<Referral> {
  await requirePerson(ctx, actor, personId, request, 'act');
  const dep = actor.departmentCode;
  const today = parisToday();
  const sessionId = input.sessionId ?? null;
  const { action, session } = await actionAndSession(ctx.db, dep, input.actionId, sessionId);
  if (!action) throw invalid('actionId', 'Cette action n’existe pas dans le catalogue.');
  if (sessionId && !session) throw invalid('sessionId', 'Cette session n’existe pas.');
  if (input.contractId) {
    const contract = await ctx.db
      .selectFrom('engagement_contract')
      .select('id')
      .where('id', '=', input.contractId)
      .where('person_id', '=', personId)
      .where('department_code', '=', dep)
      .executeTakeFirst();
    if (!contract) throw invalid('contractId', 'Ce contrat n’est pas un contrat de cette personne.');
  }
  if (input.planStepId) {
    const step = input.contractId
      ? await ctx.db
          .selectFrom('contract_plan_step')
          .select('id')
          .where('id', '=', input.planStepId)
          .where('contract_id', '=', input.contractId)
          .executeTakeFirst()
      : undefined;
    if (!step) throw invalid('planStepId', 'Cette étape n’appartient pas au contrat choisi.');
  }
  const hours = input.weeklyHours ?? session?.weekly_hours ?? action.weekly_hours ?? null;
  let id: string;
  try {
    id = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
      await assertReferrable(trx, { actionId: action.id, sessionId, onDate: today, departmentCode: dep });
      if (sessionId) {
        const holding = await trx
          .selectFrom('referral')
          .select('id')
          .where('person_id', '=', personId)
          .where('session_id', '=', sessionId)
          .where('status', 'in', [...placeHoldingReferralStatuses])
          .executeTakeFirst();
        if (holding) throw conflict(TWICE);
      }
      const row = await trx
        .insertInto('referral')
        .values({
          department_code: dep,
          person_id: personId,
          action_id: action.id,
          session_id: sessionId,
          status: 'sent',
          referring_structure_id: actor.structureId,
          referred_by: actor.accountId,
          contract_id: input.contractId ?? null,
          plan_step_id: input.planStepId ?? null,
          message: input.message?.trim() || null,
          weekly_hours: hours == null ? null : Number(hours),
          sent_on: today,
          cancel_reason: null,
          closed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit({
        action: 'referral.sent',
        personId,
        targetType: 'referral',
        targetId: row.id,
        details: { actionId: action.id, sessionId },
      });
      await timeline(referralEvents, {
        personId,
        occurredOn: today,
        type: 'referral_sent',
        data: {
          referralId: row.id,
          actionCode: action.code,
          actionTitle: action.title,
          sessionLabel: session?.label ?? null,
        },
      });
      return row.id;
    });
  } catch (e) {
    // Two référents sending at the same instant: the unique index keeps one.
    if (isUniqueViolation(e)) throw conflict(TWICE);
    throw e;
  }
  const [created] = await loadReferrals(ctx, dep, { id });
  return created!;
}

/** The person of a referral (for the gate), or 404 in the actor's département. */
async function personOfReferral(ctx: AppContext, actor: RequestActor, id: string) {
  const found = await ctx.db
    .selectFrom('referral')
    .select('person_id')
    .where('id', '=', id)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!found) throw notFound('Fiche de liaison');
  return found.person_id;
}

/** The référent withdraws a referral before the entry, with a reason (the place is freed). */
export async function cancelReferral(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: z.infer<typeof referralCancelSchema>,
  request: RequestInfo,
): Promise<Referral> {
  const personId = await personOfReferral(ctx, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  const today = parisToday();
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    const info = await referralQuery(trx, actor.departmentCode)
      .where('r.id', '=', id)
      .executeTakeFirstOrThrow();
    await transition(trx, {
      workflow: referralWorkflow,
      table: 'referral',
      id,
      to: 'cancelled',
      actor,
      request,
      version: input.version,
      notFoundLabel: 'Fiche de liaison',
      set: () => ({ cancel_reason: input.reason, closed_at: new Date() }),
      audit: () => ({
        action: 'referral.cancelled',
        personId,
        targetType: 'referral',
        targetId: id,
        reason: input.reason,
      }),
      timeline: () => ({
        departmentCode: actor.departmentCode,
        personId,
        occurredOn: today,
        type: 'referral_cancelled',
        actorAccountId: actor.accountId,
        data: {
          referralId: id,
          actionCode: info.action_code,
          actionTitle: info.action_title,
          reason: input.reason,
        },
      }),
    });
  });
  const [done] = await loadReferrals(ctx, actor.departmentCode, { id });
  return done!;
}
