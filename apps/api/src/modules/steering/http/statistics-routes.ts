import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { exportDreesStatistics, getDreesStatistics } from '../application/statistics-query';

const routes = api.statistics;

/** DREES statistics: masked tables as JSON and as XLSX. */
export async function registerStatisticsRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.drees, ({ actor, query }) => getDreesStatistics(ctx, actor, query));
  registerRoute(app, routes.dreesExport, async ({ actor, query, reply }) => {
    const { fileName, content } = await exportDreesStatistics(ctx, actor, query);
    return reply
      .header('Content-Type', routes.dreesExport.responses[200].contentType)
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(content);
  });
}
