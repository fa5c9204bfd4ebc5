import type { AppContext } from '../../../platform/context';
import type { TypedApp } from '../../../platform/http/types';
import { registerBudgetRoutes } from './budget-routes';
import { registerCatalogueRoutes } from './catalogue-routes';
import { registerOpenDataRoutes } from './open-data-routes';

/** The insertion offer: catalogue and sessions, budgets and the annex, the open-data export. */
export async function registerOfferModule(app: TypedApp, ctx: AppContext) {
  await registerCatalogueRoutes(app, ctx);
  await registerBudgetRoutes(app, ctx);
  await registerOpenDataRoutes(app, ctx);
}
