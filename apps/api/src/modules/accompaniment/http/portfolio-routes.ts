import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { listAlerts } from '../application/alerts';
import { getDigestPreference, setDigestPreference } from '../application/digest';
import { getPortfolio } from '../application/portfolio';
import { exportPortfolio } from '../application/portfolio-export';

const routes = api.portfolio;

/** Portfolios, their export, the alerts and the agent's choice about the alerts' digest. */
export async function registerPortfolioRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.get, ({ actor, query, request }) => getPortfolio(ctx, actor, query, request));
  registerRoute(app, routes.export, async ({ actor, query, request, reply }) => {
    const { fileName, content } = await exportPortfolio(ctx, actor, query, request);
    return reply
      .header('Content-Type', routes.export.responses[200].contentType)
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(content);
  });
  registerRoute(app, routes.alerts, ({ actor, query, request }) => listAlerts(ctx, actor, query, request));
  registerRoute(app, routes.digestPreference, ({ actor }) => getDigestPreference(ctx, actor));
  registerRoute(app, routes.setDigestPreference, ({ actor, body, request }) =>
    setDigestPreference(ctx, actor, body, request),
  );
}
