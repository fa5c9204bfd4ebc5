import type { PlanPauvreteQuery, PlanPauvreteResponse } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { computePlanPauvreteIndicators } from './indicators';

/** `GET /api/indicators/plan-pauvrete`: the figures for the actor's département, one pôle or all. */
export async function getPlanPauvreteIndicators(
  ctx: AppContext,
  actor: RequestActor,
  query: PlanPauvreteQuery,
): Promise<PlanPauvreteResponse> {
  // Foundation stub: the indicators slice resolves the hub (code or uuid; unknown → 400).
  const indicators = await computePlanPauvreteIndicators(ctx.db, {
    departmentCode: actor.departmentCode,
    from: query.from,
    to: query.to,
    hubId: null,
  });
  return { from: query.from, to: query.to, hub: query.hub ?? null, indicators };
}
