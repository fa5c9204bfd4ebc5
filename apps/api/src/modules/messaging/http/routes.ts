import {
  messageTemplateSchema,
  messageTemplateUpdateSchema,
  personMessageSchema,
  smsDeliveryCallbackSchema,
  templatePreviewInputSchema,
  templatePreviewSchema,
} from '@parcours/contracts';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { DomainError, notFound } from '../../../platform/errors';
import { actorOf, requestOf } from '../../../platform/http/request';
import type { TypedApp } from '../../../platform/http/types';
import { loadLetters } from '../application/letters';
import {
  listPersonMessages,
  recordSmsCallback,
  requirePerson,
  retryMessage,
  secretMatches,
} from '../application/messages';
import { getTemplate, listTemplates, previewTemplate, updateTemplate } from '../application/templates';
import { lettersPdf } from '../infra/pdf/letters-pdf';

const idParams = z.object({ id: z.uuid({ message: 'Identifiant invalide.' }) });

function sendPdf(reply: import('fastify').FastifyReply, pdf: Buffer, fileName: string) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}

/** Templates, messages, letters and provider delivery callbacks. */
export async function registerMessagingModule(app: TypedApp, ctx: AppContext) {
  // ---- Templates (administrators) ----------------------------------------------------------------
  const manage = { access: { permission: 'templates.manage' as const } };
  app.get(
    '/api/messaging/templates',
    {
      config: manage,
      schema: { tags: ['messaging'], response: { 200: z.object({ items: z.array(messageTemplateSchema) }) } },
    },
    async (req) => ({ items: await listTemplates(ctx, actorOf(req)) }),
  );

  app.get(
    '/api/messaging/templates/:id',
    {
      config: manage,
      schema: { tags: ['messaging'], params: idParams, response: { 200: messageTemplateSchema } },
    },
    async (req) => getTemplate(ctx, actorOf(req), req.params.id),
  );

  app.put(
    '/api/messaging/templates/:id',
    {
      config: manage,
      schema: {
        tags: ['messaging'],
        params: idParams,
        body: messageTemplateUpdateSchema,
        response: { 200: messageTemplateSchema },
      },
    },
    async (req) => updateTemplate(ctx, actorOf(req), req.params.id, req.body, requestOf(req)),
  );

  app.post(
    '/api/messaging/templates/:id/preview',
    {
      config: manage,
      schema: {
        tags: ['messaging'],
        params: idParams,
        body: templatePreviewInputSchema,
        response: { 200: templatePreviewSchema },
      },
    },
    async (req) => previewTemplate(ctx, actorOf(req), req.params.id, req.body),
  );

  // ---- Letters ----------------------------------------------------------------------------------------
  app.get(
    '/api/messaging/batches/:id/letters.pdf',
    {
      config: { access: { permission: 'convocation.send' } },
      schema: { tags: ['messaging'], params: idParams },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { letters, personIds } = await loadLetters(ctx, actor, { batchId: req.params.id });
      for (const personId of personIds) {
        await ctx.audit.personRead(actor, personId, requestOf(req), 'impression des courriers');
      }
      return sendPdf(
        reply,
        await lettersPdf(letters, 'Courriers'),
        `courriers-${req.params.id.slice(0, 8)}.pdf`,
      );
    },
  );

  app.get(
    '/api/messaging/messages/:id/letter.pdf',
    {
      config: { access: { permission: 'person.read' } },
      schema: { tags: ['messaging'], params: idParams },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const m = await ctx.db
        .selectFrom('message')
        .select(['id', 'person_id'])
        .where('id', '=', req.params.id)
        .where('department_code', '=', actor.departmentCode)
        .where('channel', '=', 'letter')
        .executeTakeFirst();
      if (!m) throw notFound('Courrier');
      await requirePerson(ctx, actor, m.person_id, requestOf(req));
      const { letters } = await loadLetters(ctx, actor, { messageIds: [m.id] });
      await ctx.audit.personRead(actor, m.person_id, requestOf(req), 'courrier');
      return sendPdf(reply, await lettersPdf(letters, 'Courrier'), `courrier-${m.id.slice(0, 8)}.pdf`);
    },
  );

  // ---- A person's messages ----------------------------------------------------------------------
  app.get(
    '/api/persons/:id/messages',
    {
      config: { access: { permission: 'person.read' } },
      schema: {
        tags: ['messaging'],
        params: idParams,
        response: { 200: z.object({ items: z.array(personMessageSchema) }) },
      },
    },
    async (req) => ({ items: await listPersonMessages(ctx, actorOf(req), req.params.id, requestOf(req)) }),
  );

  app.post(
    '/api/messaging/messages/:id/retry',
    {
      config: { access: { permission: 'convocation.send' } },
      schema: {
        tags: ['messaging'],
        params: idParams,
        response: { 200: z.object({ id: z.uuid(), status: z.literal('pending') }) },
      },
    },
    async (req) => retryMessage(ctx, actorOf(req), req.params.id, requestOf(req)),
  );

  // ---- Delivery reports of the SMS provider ---------------------------------------------------------
  app.post(
    '/api/messaging/callbacks/sms',
    {
      config: {
        access: {
          public: true,
          reason: 'accusés de réception du fournisseur de SMS, authentifiés par un secret partagé',
        },
        rateLimit: { max: 1200, timeWindow: '1 minute' },
      },
      // The secret is checked before the body: a caller without it learns nothing, not even the format.
      preValidation: async (req) => {
        const header = req.headers.authorization ?? '';
        const given = header.startsWith('Bearer ') ? header.slice(7) : undefined;
        if (!secretMatches(given, ctx.config.smsCallbackSecret)) {
          throw new DomainError(
            'unauthenticated',
            'UNAUTHENTICATED',
            'Authentification du fournisseur invalide.',
          );
        }
      },
      schema: { tags: ['messaging'], body: smsDeliveryCallbackSchema },
    },
    async (req, reply) => {
      try {
        await recordSmsCallback(ctx, req.body);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'NOT_FOUND') throw notFound();
        throw err;
      }
      return reply.status(204).send();
    },
  );
}
