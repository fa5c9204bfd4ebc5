import { Transform, type TransformCallback } from 'node:stream';
import { apiErrorSchema } from '@parcours/contracts';
import { errorCodes } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { DomainError } from '../../../platform/errors';
import { actorOf, requestOf } from '../../../platform/http/request';
import type { TypedApp } from '../../../platform/http/types';
import { listHistoryRuns } from '../application/history-runs';
import { importHistory } from '../application/import-history';
import { historyReportSchema, historyRunSchema } from '../domain/report';

/** A history file of a whole département runs to a few hundred megabytes. */
export const HISTORY_BODY_LIMIT = 200 * 1024 * 1024;

const admin = { access: { permission: 'history.import' as const } };

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

    scope.post(
      '/api/admin/history-imports',
      {
        config: admin,
        bodyLimit: HISTORY_BODY_LIMIT,
        schema: {
          tags: ['history'],
          summary: 'Importe un fichier d’historique (NDJSON brut, application/x-ndjson)',
          querystring: z.object({
            fileName: z.string().trim().min(1).max(255).optional(),
            applyValid: z.enum(['true', 'false']).optional(),
          }),
          // A rejected file answers 400 with its report; a malformed request, the usual error.
          response: { 200: historyReportSchema, 400: z.union([historyReportSchema, apiErrorSchema]) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // Only the raw file (a stream): a JSON body (a number, an object…) is not an NDJSON file.
        if (!req.body || typeof (req.body as { pipe?: unknown }).pipe !== 'function') {
          throw new DomainError(
            'invalid',
            'VALIDATION_ERROR',
            'Envoyez le fichier NDJSON dans le corps de la requête.',
          );
        }
        const report = await importHistory(ctx, req.body as NodeJS.ReadableStream & AsyncIterable<Buffer>, {
          fileName: req.query.fileName ?? 'historique.ndjson',
          actor: { accountId: actor.accountId, role: actor.role, departmentCode: actor.departmentCode },
          applyValidLines: req.query.applyValid === 'true',
          request: requestOf(req),
        });
        return reply.status(report.status === 'rejected' ? 400 : 200).send(report);
      },
    );

    scope.get(
      '/api/admin/history-imports',
      {
        config: admin,
        schema: { tags: ['history'], response: { 200: z.object({ items: z.array(historyRunSchema) }) } },
      },
      async (req) => ({ items: await listHistoryRuns(ctx, actorOf(req).departmentCode) }),
    );
  });
}
