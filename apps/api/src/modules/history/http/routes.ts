import { Transform, type TransformCallback } from 'node:stream';
import { api } from '@parcours/contracts';
import { errorCodes } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context';
import { DomainError } from '../../../platform/errors';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { listHistoryRuns } from '../application/history-runs';
import { importHistory } from '../application/import-history';

/** A history file of a whole département runs to a few hundred megabytes. */
export const HISTORY_BODY_LIMIT = 200 * 1024 * 1024;

const routes = api.history;

/** Passes the body through, failing as Fastify does once more than `limit` bytes have come. */
class LimitedBody extends Transform {
  private received = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    this.received += chunk.length;
    if (this.received > this.limit) return cb(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    cb(null, chunk);
  }
}

export async function registerHistoryModule(app: TypedApp, ctx: AppContext) {
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The body is streamed to the import, never buffered: a 200 MB file stays out of memory.
    scope.addContentTypeParser(['application/x-ndjson', 'text/plain'], (req, payload, done) => {
      const limit = req.routeOptions.bodyLimit ?? HISTORY_BODY_LIMIT;
      if (Number(req.headers['content-length']) > limit) {
        done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
        return;
      }
      done(null, payload.pipe(new LimitedBody(limit)));
    });

    registerRoute(
      scope,
      routes.importFile,
      async ({ actor, query, request, req, reply }) => {
        // Only the raw file (a stream): a JSON body (a number, an object…) is not an NDJSON file.
        const body = req.body as (NodeJS.ReadableStream & AsyncIterable<Buffer>) | undefined;
        if (!body || typeof body.pipe !== 'function') {
          throw new DomainError(
            'invalid',
            'VALIDATION_ERROR',
            'Envoyez le fichier NDJSON dans le corps de la requête.',
          );
        }
        const report = await importHistory(ctx, body, {
          fileName: query.fileName ?? 'historique.ndjson',
          actor: { accountId: actor.accountId, role: actor.role, departmentCode: actor.departmentCode },
          applyValidLines: query.applyValid === 'true',
          request,
        });
        // A rejected file answers 400 with its report (the route's declared second answer).
        return reply.status(report.status === 'rejected' ? 400 : 200).send(report);
      },
      { bodyLimit: HISTORY_BODY_LIMIT },
    );

    registerRoute(scope, routes.listRuns, async ({ actor }) => ({
      items: await listHistoryRuns(ctx, actor.departmentCode),
    }));
  });
}
