import { api } from '@parcours/contracts';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../../platform/context';
import { DomainError, notFound } from '../../../platform/errors';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { addConvocationDelays, getConvocationDelays } from '../application/convocation-delays';
import { batchLettersPdf, type LetterFile, letterPdf, lettersToPostPdf } from '../application/letters';
import { listPersonMessages, recordSmsCallback, retryMessage, secretMatches } from '../application/messages';
import { cancelLetter, getBatch, listBatches, markBatchPosted } from '../application/postal-batches';
import { getTemplate, listTemplates, previewTemplate, updateTemplate } from '../application/templates';

const routes = api.messaging;

function sendPdf(reply: FastifyReply, { pdf, fileName }: LetterFile) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}

/** Templates, messages, letters and provider delivery callbacks. */
export async function registerMessagingModule(app: TypedApp, ctx: AppContext) {
  // ---- Templates (administrators) ----------------------------------------------------------------
  registerRoute(app, routes.listTemplates, async ({ actor }) => ({ items: await listTemplates(ctx, actor) }));
  registerRoute(app, routes.getTemplate, ({ actor, params }) => getTemplate(ctx, actor, params.id));
  registerRoute(app, routes.updateTemplate, ({ actor, params, body, request }) =>
    updateTemplate(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.previewTemplate, ({ actor, params, body }) =>
    previewTemplate(ctx, actor, params.id, body),
  );

  // ---- Letters ----------------------------------------------------------------------------------------
  registerRoute(app, routes.batchLettersPdf, async ({ actor, params, request, reply }) =>
    sendPdf(reply, await batchLettersPdf(ctx, actor, params.id, request)),
  );
  registerRoute(app, routes.lettersToPostPdf, async ({ actor, request, reply }) =>
    sendPdf(reply, await lettersToPostPdf(ctx, actor, request)),
  );
  registerRoute(app, routes.letterPdf, async ({ actor, params, request, reply }) =>
    sendPdf(reply, await letterPdf(ctx, actor, params.id, request)),
  );

  // ---- Postal batches and minimum delays per channel ----------------------------------------------
  registerRoute(app, routes.listBatches, async ({ actor, query }) => ({
    items: await listBatches(ctx, actor, query),
  }));
  registerRoute(app, routes.getBatch, ({ actor, params, request }) =>
    getBatch(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.markBatchPosted, ({ actor, params, body, request }) =>
    markBatchPosted(ctx, actor, params.id, body.version, request),
  );
  registerRoute(app, routes.cancelLetter, ({ actor, params, body, request }) =>
    cancelLetter(ctx, actor, params.id, body.version, request),
  );
  registerRoute(app, routes.convocationDelays, ({ actor }) => getConvocationDelays(ctx, actor));
  registerRoute(app, routes.addConvocationDelays, ({ actor, body, request }) =>
    addConvocationDelays(ctx, actor, body, request),
  );

  // ---- A person's messages ----------------------------------------------------------------------
  registerRoute(app, routes.listPersonMessages, async ({ actor, params, request }) => ({
    items: await listPersonMessages(ctx, actor, params.id, request),
  }));
  registerRoute(app, routes.retryMessage, ({ actor, params, request }) =>
    retryMessage(ctx, actor, params.id, request),
  );

  // ---- Delivery reports of the SMS provider ---------------------------------------------------------
  // A scope of its own so that the secret hook applies to this route only.
  await app.register(async (scope: TypedApp) => {
    // The secret is checked before the body: a caller without it learns nothing, not even the format.
    scope.addHook('preValidation', async (req) => {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (!secretMatches(given, ctx.config.smsCallbackSecret)) {
        throw new DomainError(
          'unauthenticated',
          'UNAUTHENTICATED',
          'Authentification du fournisseur invalide.',
        );
      }
    });
    registerRoute(
      scope,
      routes.smsCallback,
      async ({ body }) => {
        try {
          await recordSmsCallback(ctx, body);
        } catch (err) {
          if (err instanceof DomainError && err.code === 'NOT_FOUND') throw notFound();
          throw err;
        }
        return undefined;
      },
      { config: { rateLimit: { max: 1200, timeWindow: '1 minute' } } },
    );
  });
}
