import { z } from 'zod';
import {
  messageTemplateSchema,
  messageTemplateUpdateSchema,
  personMessageSchema,
  smsDeliveryCallbackSchema,
  templatePreviewInputSchema,
  templatePreviewSchema,
} from '../messaging';
import { binary, defineRoute, empty } from '../route';
import { idParams } from '../scalars';

const manage = { permission: 'templates.manage' } as const;
const tags = ['messaging'];
const pdf = binary('application/pdf');

/** Templates, messages, letters and the SMS provider's delivery reports. */
export const messagingApi = {
  listTemplates: defineRoute({
    method: 'GET',
    path: '/api/messaging/templates',
    access: manage,
    tags,
    responses: { 200: z.object({ items: z.array(messageTemplateSchema) }) },
  }),
  getTemplate: defineRoute({
    method: 'GET',
    path: '/api/messaging/templates/:id',
    access: manage,
    tags,
    params: idParams,
    responses: { 200: messageTemplateSchema },
  }),
  updateTemplate: defineRoute({
    method: 'PUT',
    path: '/api/messaging/templates/:id',
    access: manage,
    tags,
    params: idParams,
    body: messageTemplateUpdateSchema,
    responses: { 200: messageTemplateSchema },
  }),
  previewTemplate: defineRoute({
    method: 'POST',
    path: '/api/messaging/templates/:id/preview',
    access: manage,
    tags,
    params: idParams,
    body: templatePreviewInputSchema,
    responses: { 200: templatePreviewSchema },
  }),
  /** Every letter of a convocation batch, in one PDF. */
  batchLettersPdf: defineRoute({
    method: 'GET',
    path: '/api/messaging/batches/:id/letters.pdf',
    access: { permission: 'convocation.send' },
    tags,
    params: idParams,
    responses: { 200: pdf },
  }),
  /** One letter (the `:id` is a message). */
  letterPdf: defineRoute({
    method: 'GET',
    path: '/api/messaging/messages/:id/letter.pdf',
    access: { permission: 'person.read' },
    tags,
    params: idParams,
    responses: { 200: pdf },
  }),
  /** A person's messages: the `:id` is a person, gated before the handler. */
  listPersonMessages: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/messages',
    access: { permission: 'person.read', scope: 'person' },
    tags,
    params: idParams,
    responses: { 200: z.object({ items: z.array(personMessageSchema) }) },
  }),
  retryMessage: defineRoute({
    method: 'POST',
    path: '/api/messaging/messages/:id/retry',
    access: { permission: 'convocation.send' },
    tags,
    params: idParams,
    responses: { 200: z.object({ id: z.uuid(), status: z.literal('pending') }) },
  }),
  /** Delivery reports of the SMS provider: authenticated by a shared secret, not a session. */
  smsCallback: defineRoute({
    method: 'POST',
    path: '/api/messaging/callbacks/sms',
    access: { public: 'accusés de réception du fournisseur de SMS, authentifiés par un secret partagé' },
    tags,
    body: smsDeliveryCallbackSchema,
    responses: { 204: empty },
  }),
};
