import type { AppContext } from '../../../platform/context';
import type { TypedApp } from '../../../platform/http/types';
import { registerConventionRoutes } from './convention-routes';
import { registerDashboardRoutes } from './dashboard-routes';
import { registerIndicatorRoutes } from './indicator-routes';
import { registerStatisticsRoutes } from './statistics-routes';

/** Steering: the Plan Pauvreté indicators, the convention table, DREES statistics, dashboards. */
export async function registerSteeringModule(app: TypedApp, ctx: AppContext) {
  await registerIndicatorRoutes(app, ctx);
  await registerConventionRoutes(app, ctx);
  await registerStatisticsRoutes(app, ctx);
  await registerDashboardRoutes(app, ctx);
}
