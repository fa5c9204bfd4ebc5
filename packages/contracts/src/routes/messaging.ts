import { z } from 'zod';
import {
  convocationDelayRuleInputSchema,
  convocationDelaysSchema,
  markBatchPostedSchema,
  messageBatchDetailSchema,
  messageBatchListQuerySchema,
  messageBatchSchema,
} from '../convocation';
import {
  messageTemplateSchema,
  messageTemplateUpdateSchema,
  personMessageSchema,
  smsDeliveryCallbackSchema,
  templatePreviewInputSchema,
  templatePreviewSchema,
} from '../messaging';
import { binary, defineRoute, empty } from '../route';
import { idParams, rowVersion } from '../scalars';

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
  /** Every letter still to post in the actor's scope (all batches not posted yet), in one PDF. */
  lettersToPostPdf: defineRoute({
    method: 'GET',
    path: '/api/messaging/letters-to-post.pdf',
    access: { permission: 'convocation.send' },
    tags,
    responses: { 200: pdf },
  }),
  /** Convocation batches holding letters, in the actor's scope: to print, then to mark posted. */
  listBatches: defineRoute({
    method: 'GET',
    path: '/api/messaging/batches',
    access: { permission: 'convocation.send' },
    tags,
    query: messageBatchListQuerySchema,
    responses: { 200: z.object({ items: z.array(messageBatchSchema) }) },
  }),
  getBatch: defineRoute({
    method: 'GET',
    path: '/api/messaging/batches/:id',
    access: { permission: 'convocation.send' },
    tags,
    params: idParams,
    responses: { 200: messageBatchDetailSchema },
  }),
  /** The batch's letters were posted today: once, audited, on each person's timeline. */
  markBatchPosted: defineRoute({
    method: 'POST',
    path: '/api/messaging/batches/:id/posted',
    access: { permission: 'convocation.send' },
    tags,
    params: idParams,
    body: markBatchPostedSchema,
    responses: { 200: messageBatchDetailSchema },
  }),
  /** Withdraws a letter not posted yet (the `:id` is a message). */
  cancelLetter: defineRoute({
    method: 'POST',
    path: '/api/messaging/messages/:id/cancel',
    access: { permission: 'convocation.send' },
    tags,
    params: idParams,
    body: z.object({ version: rowVersion }),
    responses: { 200: z.object({ id: z.uuid(), status: z.literal('cancelled') }) },
  }),
  /** Minimum delays per channel before an appointment: in force today, and their dated history. */
  convocationDelays: defineRoute({
    method: 'GET',
    path: '/api/messaging/convocation-delays',
    access: { permission: 'reference.read' },
    tags,
    responses: { 200: convocationDelaysSchema },
  }),
  addConvocationDelays: defineRoute({
    method: 'POST',
    path: '/api/messaging/convocation-delays',
    access: { permission: 'rules.manage' },
    tags,
    body: convocationDelayRuleInputSchema,
    responses: { 201: convocationDelaysSchema },
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
