import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { getIndicatorPersons, getPlanPauvreteIndicators } from '../application/indicators-query';

const routes = api.indicators;

/** The Plan Pauvreté indicators (INDICATORS.md's API contract) and the persons behind them. */
export async function registerIndicatorRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.planPauvrete, ({ actor, query }) => getPlanPauvreteIndicators(ctx, actor, query));
  registerRoute(app, routes.persons, ({ actor, query, request }) =>
    getIndicatorPersons(ctx, actor, query, request),
  );
}
