import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { previewConvocation } from '../application/convocation-preview';
import { getOrientationQueue } from '../application/queue';
import { convokeBatch } from '../application/queue-convocation';
import { exportOrientationQueue } from '../application/queue-export';

const routes = api.orientation;

/** The orientation queue of a pôle, its export and the batch convocation. */
export async function registerOrientationQueueRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.queue, ({ actor, query, request }) =>
    getOrientationQueue(ctx, actor, query, request),
  );

  registerRoute(app, routes.queueExport, async ({ actor, query, request, reply }) => {
    const { fileName, content } = await exportOrientationQueue(ctx, actor, query, request);
    return reply
      .header('Content-Type', routes.queueExport.responses[200].contentType)
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(content);
  });

  registerRoute(app, routes.previewConvocation, ({ actor, body, request }) =>
    previewConvocation(ctx, actor, body, request),
  );
  registerRoute(app, routes.convokeBatch, ({ actor, body, request }) =>
    convokeBatch(ctx, actor, body, request),
  );
}
