import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { conventionValueHistory, readConventionTable, setConventionValue } from '../application/convention';
import { exportConventionXlsx } from '../application/convention-export';

const routes = api.convention;

/** The convention's indicator table: read (with a year's computed column), edit a value, history, XLSX. */
export async function registerConventionRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.table, ({ actor, query }) =>
    readConventionTable(ctx, actor.departmentCode, query.year),
  );
  registerRoute(app, routes.tableXlsx, async ({ actor, query, reply }) => {
    const { fileName, content } = await exportConventionXlsx(ctx, actor.departmentCode, query.year);
    return reply
      .header('Content-Type', routes.tableXlsx.responses[200].contentType)
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(content);
  });
  registerRoute(app, routes.setValue, ({ actor, params, body, request }) =>
    setConventionValue(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.history, ({ actor, params }) =>
    conventionValueHistory(ctx, actor.departmentCode, params.id),
  );
}
