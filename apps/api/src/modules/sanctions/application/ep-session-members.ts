import { type EpSessionStatus, epMemberInputSchema, epPresenceInputSchema } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';

import { lockSession } from './ep-session-scope';
import { getEpSession } from './ep-sessions';

/** The members of an EP session and their presence. */

const membersFrozen = (status: EpSessionStatus) =>
  status === 'cancelled'
    ? 'Cette séance a été annulée : ses membres ne se modifient plus.'
    : 'Le procès-verbal de cette séance est signé : ses membres ne se modifient plus.';
const openStatuses: readonly EpSessionStatus[] = ['planned', 'postponed', 'held'];

export async function addEpMember(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = epMemberInputSchema.parse(input);
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await lockSession(trx, actor, sessionId, openStatuses, membersFrozen);
    const m = await trx
      .insertInto('ep_session_member')
      .values({
        department_code: actor.departmentCode,
        session_id: sessionId,
        name: b.name,
        quality: b.quality,
        detail: b.detail,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'ep.member_changed',
      targetType: 'ep_session',
      targetId: sessionId,
      details: { added: m.id, quality: b.quality },
    });
  });
  return getEpSession(ctx, actor, sessionId, request);
}

async function memberOf(trx: Transaction<Database>, sessionId: string, memberId: string) {
  const m = await trx
    .selectFrom('ep_session_member')
    .select('id')
    .where('id', '=', memberId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  if (!m) throw notFound('Membre de la séance');
}

export async function setEpPresence(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  memberId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = epPresenceInputSchema.parse(input);
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await lockSession(trx, actor, sessionId, openStatuses, membersFrozen);
    await memberOf(trx, sessionId, memberId);
    await trx
      .updateTable('ep_session_member')
      .set({ present: b.present })
      .where('id', '=', memberId)
      .execute();
    await audit({
      action: 'ep.member_changed',
      targetType: 'ep_session',
      targetId: sessionId,
      details: { member: memberId, present: b.present },
    });
  });
  return getEpSession(ctx, actor, sessionId, request);
}

export async function removeEpMember(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  memberId: string,
  request: RequestInfo,
) {
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await lockSession(trx, actor, sessionId, openStatuses, membersFrozen);
    await memberOf(trx, sessionId, memberId);
    await trx.deleteFrom('ep_session_member').where('id', '=', memberId).execute();
    await audit({
      action: 'ep.member_changed',
      targetType: 'ep_session',
      targetId: sessionId,
      details: { removed: memberId },
    });
  });
  return getEpSession(ctx, actor, sessionId, request);
}
