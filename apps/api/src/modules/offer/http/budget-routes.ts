import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { exportAnnexXlsx } from '../application/annex-export';
import { getAnnexInconsistencies, getOfferBudgets, setManualBudget } from '../application/budgets';
import { getBudgetConsumption } from '../application/consumption';

const routes = api.offerBudget;

/** Budgets of the offer (steering, administrators), the annex's inconsistencies and its XLSX. */
export async function registerBudgetRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.budgets, ({ actor, query }) => getOfferBudgets(ctx, actor, query));
  registerRoute(app, routes.consumption, ({ actor, query }) => getBudgetConsumption(ctx, actor, query));
  registerRoute(app, routes.inconsistencies, ({ actor, query }) =>
    getAnnexInconsistencies(ctx, actor, query),
  );
  registerRoute(app, routes.annexXlsx, async ({ actor, query, reply }) => {
    const { fileName, content } = await exportAnnexXlsx(ctx, actor.departmentCode, query.year);
    return reply
      .header('Content-Type', routes.annexXlsx.responses[200].contentType)
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(content);
  });
  registerRoute(app, routes.setManualBudget, ({ actor, params, body, request }) =>
    setManualBudget(ctx, actor, params, body, request),
  );
}
