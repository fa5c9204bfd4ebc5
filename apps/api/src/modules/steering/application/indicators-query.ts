import {
  type IndicatorPersonsQuery,
  type IndicatorPersonsResponse,
  type PlanPauvreteQuery,
  type PlanPauvreteResponse,
  planPauvreteQuerySchema,
} from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { invalid, invalidFields } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { personScope } from '../../beneficiaries';
import { findHub } from '../infra/hub-lookup';
import { indicatorPersonRows } from '../infra/indicator-queries';
import { computePlanPauvreteIndicators } from './indicators';

/** Persons per page of the drill-down. */
export const INDICATOR_PERSONS_PAGE_SIZE = 50;

/** The pôle filter as asked (code or uuid) → its uuid; unknown in the département → 400. */
async function resolveHub(ctx: AppContext, departmentCode: string, hub: string | undefined) {
  if (hub === undefined) return null;
  const found = await findHub(ctx.db, departmentCode, hub);
  if (!found) throw invalid('hub', 'Pôle d’insertion inconnu.');
  return found.id;
}

/**
 * The figures of a département (or one of its pôles) over a period: the API's answer and the
 * command line's output, the same object. `hub` echoes the filter as asked.
 */
export async function planPauvreteIndicatorsOf(
  ctx: AppContext,
  departmentCode: string,
  query: PlanPauvreteQuery,
  computedOn = parisToday(),
): Promise<PlanPauvreteResponse> {
  const hubId = await resolveHub(ctx, departmentCode, query.hub);
  const indicators = await computePlanPauvreteIndicators(ctx.db, {
    departmentCode,
    from: query.from,
    to: query.to,
    hubId,
    computedOn,
  });
  return { from: query.from, to: query.to, hub: query.hub ?? null, indicators };
}

/** `GET /api/indicators/plan-pauvrete`: the figures for the actor's département, one pôle or all. */
export async function getPlanPauvreteIndicators(
  ctx: AppContext,
  actor: RequestActor,
  query: PlanPauvreteQuery,
): Promise<PlanPauvreteResponse> {
  return planPauvreteIndicatorsOf(ctx, actor.departmentCode, query);
}

/** Input of the command line, checked like the API's query: French messages, one per field. */
export function parsePlanPauvreteQuery(input: {
  from?: string;
  to?: string;
  hub?: string;
}): PlanPauvreteQuery {
  const parsed = planPauvreteQuerySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidFields(
    parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: 'invalid', message: i.message })),
  );
}

/**
 * `GET /api/indicators/plan-pauvrete/persons`: the persons behind a figure (for the ratio and the
 * mean, those they are computed from), from the same SQL as the figure, within the actor's scope;
 * the page shown is an audited list.
 */
export async function getIndicatorPersons(
  ctx: AppContext,
  actor: RequestActor,
  query: IndicatorPersonsQuery,
  request: RequestInfo,
): Promise<IndicatorPersonsResponse> {
  const hubId = await resolveHub(ctx, actor.departmentCode, query.hub);
  const pageSize = INDICATOR_PERSONS_PAGE_SIZE;
  const { total, rows } = await indicatorPersonRows(
    ctx.db,
    { departmentCode: actor.departmentCode, from: query.from, to: query.to, hubId, computedOn: parisToday() },
    query.indicator,
    personScope(actor),
    { limit: pageSize, offset: (query.page - 1) * pageSize },
  );
  await recordPersonList(
    ctx,
    actor,
    request,
    'indicators.persons',
    { indicator: query.indicator, from: query.from, to: query.to, hub: query.hub, page: query.page },
    rows.map((r) => r.id),
  );
  return {
    indicator: query.indicator,
    from: query.from,
    to: query.to,
    hub: query.hub ?? null,
    total,
    page: query.page,
    pageSize,
    persons: rows,
  };
}
