import {
  batchConvocationResultSchema,
  batchConvocationSchema,
  orientationQueueQuerySchema,
  orientationQueueSchema,
} from '@parcours/contracts';
import { auditPersonList } from '../../../platform/audit/list-read';
import type { AppContext } from '../../../platform/context';
import { actorOf, requestOf } from '../../../platform/http/request';
import type { TypedApp } from '../../../platform/http/types';
import { getOrientationQueue } from '../application/queue';
import { convokeBatch } from '../application/queue-convocation';
import { exportOrientationQueue } from '../application/queue-export';

/** The orientation queue of a pôle, its export and the batch convocation. */
export async function registerOrientationQueueRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/orientation/queue',
    {
      config: { access: { permission: 'orientation.queue' } },
      schema: {
        tags: ['orientation'],
        querystring: orientationQueueQuerySchema,
        response: { 200: orientationQueueSchema },
      },
    },
    async (req) => {
      const queue = await getOrientationQueue(ctx, actorOf(req), req.query);
      await auditPersonList(
        ctx,
        req,
        'orientation.queue',
        { ...req.query, hubId: queue.hub?.id ?? req.query.hubId },
        queue.entries.map((e) => e.person.id),
      );
      return queue;
    },
  );

  app.get(
    '/api/orientation/queue.xlsx',
    {
      config: { access: { permission: 'orientation.queue' } },
      schema: { tags: ['orientation'], querystring: orientationQueueQuerySchema },
    },
    async (req, reply) => {
      const { fileName, content } = await exportOrientationQueue(
        ctx,
        actorOf(req),
        req.query,
        requestOf(req),
      );
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename="${fileName}"`)
        .header('Cache-Control', 'no-store')
        .send(content);
    },
  );

  app.post(
    '/api/orientation/convocations',
    {
      config: { access: { permission: 'convocation.send' } },
      schema: {
        tags: ['orientation'],
        body: batchConvocationSchema,
        response: { 201: batchConvocationResultSchema },
      },
    },
    async (req, reply) => {
      const result = await convokeBatch(ctx, actorOf(req), req.body, requestOf(req));
      return reply.status(201).send(result);
    },
  );
}
