import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { getSteeringDashboard } from '../application/dashboard-query';

/** The steering dashboard's series (counts only). */
export async function registerDashboardRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, api.dashboards.steering, ({ actor, query }) => getSteeringDashboard(ctx, actor, query));
}
