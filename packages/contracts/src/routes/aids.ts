import { aidDecisionSchema, aidRequestSchema, aidSchema, aidWithdrawSchema, personAidsSchema } from '../aid';
import {
  aidCeilingInputSchema,
  aidCeilingsSchema,
  aidEnvelopeInputSchema,
  aidEnvelopesQuerySchema,
  aidEnvelopesSchema,
  aidQueueQuerySchema,
  aidQueueSchema,
  paymentOrderBuildSchema,
  paymentOrderDetailSchema,
  paymentOrderPaidSchema,
  paymentOrdersSchema,
} from '../aid-budget';
import { binary, defineRoute } from '../route';
import { idParams } from '../scalars';

const tags = ['aids'];
const manage = { permission: 'aid.manage' } as const;

/**
 * Individual aids within a contract (issue 12): a person's aids and the request (the `:id` is a
 * person), the aids manager's queue and decisions, the yearly envelopes per kind and pôle, the
 * ceilings per kind (dated rule set) and the payment orders with their CSV for the finance system.
 */
export const aidsApi = {
  listForPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/aids',
    access: { permission: 'aid.read', scope: 'person' },
    tags,
    params: idParams,
    responses: { 200: personAidsSchema },
  }),
  request: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/aids',
    access: { permission: 'aid.request', scope: 'person' },
    tags,
    params: idParams,
    body: aidRequestSchema,
    responses: { 201: aidSchema },
  }),
  /** The référent withdraws a request not decided yet (the `:id` is an aid). */
  withdraw: defineRoute({
    method: 'POST',
    path: '/api/aids/:id/withdraw',
    access: { permission: 'aid.request' },
    tags,
    params: idParams,
    body: aidWithdrawSchema,
    responses: { 200: aidSchema },
  }),
  queue: defineRoute({
    method: 'GET',
    path: '/api/aids',
    access: manage,
    tags,
    query: aidQueueQuerySchema,
    responses: { 200: aidQueueSchema },
  }),
  /** Validate, refuse or cancel (undo) an aid. */
  decide: defineRoute({
    method: 'POST',
    path: '/api/aids/:id/decision',
    access: manage,
    tags,
    params: idParams,
    body: aidDecisionSchema,
    responses: { 200: aidSchema },
  }),
  envelopes: defineRoute({
    method: 'GET',
    path: '/api/aids/envelopes',
    access: manage,
    tags,
    query: aidEnvelopesQuerySchema,
    responses: { 200: aidEnvelopesSchema },
  }),
  /** Opens or changes the envelope of a year, kind and pôle (audited with its reason). */
  setEnvelope: defineRoute({
    method: 'PUT',
    path: '/api/aids/envelopes',
    access: manage,
    tags,
    body: aidEnvelopeInputSchema,
    responses: { 200: aidEnvelopesSchema },
  }),
  ceilings: defineRoute({
    method: 'GET',
    path: '/api/aids/ceilings',
    access: { permission: 'aid.read' },
    tags,
    responses: { 200: aidCeilingsSchema },
  }),
  addCeilings: defineRoute({
    method: 'POST',
    path: '/api/aids/ceilings',
    access: manage,
    tags,
    body: aidCeilingInputSchema,
    responses: { 201: aidCeilingsSchema },
  }),
  paymentOrders: defineRoute({
    method: 'GET',
    path: '/api/aids/payment-orders',
    access: manage,
    tags,
    responses: { 200: paymentOrdersSchema },
  }),
  buildPaymentOrder: defineRoute({
    method: 'POST',
    path: '/api/aids/payment-orders',
    access: manage,
    tags,
    body: paymentOrderBuildSchema,
    responses: { 201: paymentOrderDetailSchema },
  }),
  paymentOrder: defineRoute({
    method: 'GET',
    path: '/api/aids/payment-orders/:id',
    access: manage,
    tags,
    params: idParams,
    responses: { 200: paymentOrderDetailSchema },
  }),
  /** The order for the finance system (layout: docs/formats/aid-payment-order.md). */
  paymentOrderCsv: defineRoute({
    method: 'GET',
    path: '/api/aids/payment-orders/:id/export.csv',
    access: manage,
    tags,
    params: idParams,
    responses: { 200: binary('text/csv; charset=utf-8') },
  }),
  markPaid: defineRoute({
    method: 'POST',
    path: '/api/aids/payment-orders/:id/paid',
    access: manage,
    tags,
    params: idParams,
    body: paymentOrderPaidSchema,
    responses: { 200: paymentOrderDetailSchema },
  }),
};

export type AidsApi = typeof aidsApi;
