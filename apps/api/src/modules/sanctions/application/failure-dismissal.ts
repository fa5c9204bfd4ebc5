import { type Failure, failureDismissalSchema, failureWorkflow } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { failureById, toFailure } from '../infra/sanction-repo';

/**
 * Classes a failure to examine without follow-up (an excuse produced late, a fact disproved), in the
 * caller's transaction: the workflow table, the reason, the audit trace and the timeline line.
 */
export async function dismissFailureIn(
  trx: Transaction<Database>,
  actor: RequestActor,
  request: RequestInfo | null,
  move: { personId: string; failureId: string; reason: string; version?: number },
) {
  const today = parisToday();
  await transition(trx, {
    workflow: failureWorkflow,
    table: 'sanction_failure',
    id: move.failureId,
    to: 'dismissed',
    actor,
    request,
    version: move.version,
    notFoundLabel: 'Manquement',
    guard: (row) => {
      if (row.person_id !== move.personId) throw notFound('Manquement');
    },
    set: () => ({
      dismissed_on: today,
      dismissed_reason: move.reason,
      dismissed_by: actor.accountId,
      updated_at: new Date(),
    }),
    audit: (row) => ({
      action: 'sanction.failure_dismissed',
      personId: move.personId,
      targetType: 'sanction_failure',
      targetId: row.id,
      reason: move.reason,
      details: { kind: row.kind, factsDate: String(row.facts_date).slice(0, 10) },
    }),
    timeline: (row) => ({
      departmentCode: row.department_code,
      personId: move.personId,
      occurredOn: today,
      type: 'sanction_failure_dismissed',
      data: { kind: row.kind, reason: move.reason },
      actorAccountId: actor.accountId,
    }),
  });
}

/** `POST …/sanction-failures/:failureId/dismiss`: a failure to examine classed without follow-up. */
export async function dismissFailure(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  failureId: string,
  input: unknown,
  request: RequestInfo,
): Promise<Failure> {
  const b = failureDismissalSchema.parse(input);
  await requirePerson(ctx, actor, personId, request, 'act');
  await unitOfWork(ctx, actor, request, ({ trx }) =>
    dismissFailureIn(trx, actor, request, { personId, failureId, reason: b.reason, version: b.version }),
  );
  const saved = await failureById(ctx.db, actor.departmentCode, personId, failureId);
  if (!saved) throw notFound('Manquement');
  return toFailure(saved);
}
