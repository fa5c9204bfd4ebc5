import { actionSessionWorkflow, type sessionInputSchema } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, invalid, notFound, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition } from '../../../platform/workflow/transition';
import { sessionById } from '../infra/catalogue-repo';
import { sessionPlaces } from '../infra/places-repo';

type SessionInput = z.output<typeof sessionInputSchema>;
type Trx = Transaction<Database>;

async function assertCommune(trx: Trx, dep: string, code: string | null) {
  if (!code) return;
  const c = await trx
    .selectFrom('commune')
    .select('insee_code')
    .where('department_code', '=', dep)
    .where('insee_code', '=', code)
    .executeTakeFirst();
  if (!c) throw invalid('communeCode', "Cette commune n'appartient pas au département.");
}

function columns(input: SessionInput) {
  return {
    label: input.label,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    place: input.place,
    commune_code: input.communeCode,
    capacity: input.capacity,
    weekly_hours: input.weeklyHours,
  };
}

async function readSession(ctx: AppContext, actor: RequestActor, id: string) {
  const s = await sessionById(ctx.db, actor.departmentCode, id, parisToday());
  if (!s) throw notFound('Session');
  return s;
}

/** A new session of an action (not of an annulée one). */
export async function createSession(
  ctx: AppContext,
  actor: RequestActor,
  actionId: string,
  input: SessionInput,
  request: RequestInfo,
) {
  const dep = actor.departmentCode;
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const action = await trx
      .selectFrom('insertion_action')
      .select(['id', 'status', 'code'])
      .where('id', '=', actionId)
      .where('department_code', '=', dep)
      .forShare()
      .executeTakeFirst();
    if (!action) throw notFound('Action');
    if (action.status === 'annulee')
      throw conflict('Cette action est annulée : elle ne reçoit pas de nouvelle session.');
    await assertCommune(trx, dep, input.communeCode);
    const row = await trx
      .insertInto('action_session')
      .values({ ...columns(input), department_code: dep, action_id: actionId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'catalogue.session_created',
      targetType: 'action_session',
      targetId: row.id,
      details: { actionCode: action.code, capacity: input.capacity },
    });
    return row.id;
  });
  return readSession(ctx, actor, id);
}

/** Edits a planned session; its capacity never goes below the places already taken. */
export async function updateSession(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: SessionInput & { version: number },
  request: RequestInfo,
) {
  const dep = actor.departmentCode;
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const row = await trx
      .selectFrom('action_session')
      .select(['id', 'status', 'version'])
      .where('id', '=', id)
      .where('department_code', '=', dep)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Session');
    if (row.version !== input.version) throw versionConflict();
    if (row.status === 'cancelled') throw conflict('Une session annulée ne peut plus être modifiée.');
    await assertCommune(trx, dep, input.communeCode);
    const taken = (await sessionPlaces(trx, [id])).get(id) ?? 0;
    if (input.capacity < taken)
      throw conflict(`La capacité ne peut pas être inférieure aux places déjà prises (${taken}).`, [
        {
          path: 'capacity',
          code: 'below_taken',
          message: `La capacité ne peut pas être inférieure aux places déjà prises (${taken}).`,
        },
      ]);
    await trx
      .updateTable('action_session')
      .set({ ...columns(input), version: input.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit({
      action: 'catalogue.session_updated',
      targetType: 'action_session',
      targetId: id,
      details: { capacity: input.capacity },
    });
  });
  return readSession(ctx, actor, id);
}

/** Cancels a planned session (workflow `action_session`); referrals already made keep their record. */
export async function cancelSession(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: { version: number },
  request: RequestInfo,
) {
  await ctx.db.transaction().execute((trx) =>
    transition(trx, {
      workflow: actionSessionWorkflow,
      table: 'action_session',
      id,
      to: 'cancelled',
      actor,
      request,
      version: input.version,
      notFoundLabel: 'Session',
      audit: (row) => ({
        action: 'catalogue.session_cancelled',
        targetType: 'action_session',
        targetId: row.id,
        details: { actionId: row.action_id },
      }),
    }),
  );
  return readSession(ctx, actor, id);
}
