import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { acknowledgeCafFile } from '../application/caf-acknowledgement';
import { cafLineQueue, downloadCafFile, generateCafFile, listCafFiles } from '../application/caf-files';

const routes = api.cafTransmission;

/** CAF transmission (issue 14 point 5): the queue, the daily files, the CAF's acknowledgements. */
export function registerCafRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.lines, ({ actor, query, request }) => cafLineQueue(ctx, actor, query, request));
  registerRoute(app, routes.files, ({ actor }) => listCafFiles(ctx, actor));
  registerRoute(app, routes.generateFile, ({ actor, body, request }) =>
    generateCafFile(ctx, actor, body, request),
  );
  registerRoute(app, routes.download, async ({ actor, params, request, reply }) => {
    const file = await downloadCafFile(ctx, actor, params.id, request);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.content);
  });
  // The CSV body is read by the `text/csv` parser of the beneficiaries module (a Buffer).
  registerRoute(app, routes.acknowledge, ({ actor, params, request, req }) =>
    acknowledgeCafFile(ctx, actor, params.id, req.body, request),
  );
}
