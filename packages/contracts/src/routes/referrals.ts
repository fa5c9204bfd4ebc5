import { z } from 'zod';
import {
  attendanceInputSchema,
  operatorActionSchema,
  operatorReferralQuerySchema,
  operatorReferralSchema,
  operatorReferralSummarySchema,
  referralAnswerSchema,
  referralCancelSchema,
  referralDelayInputSchema,
  referralDelaysSchema,
  referralEntrySchema,
  referralExitSchema,
  referralInputSchema,
  referralRefuseSchema,
  referralSchema,
} from '../referral';
import { defineRoute } from '../route';
import { idParams } from '../scalars';

const tags = ['referrals'];
const operate = { permission: 'referral.operate' } as const;

/** Referrals (fiches de liaison) and the operator portal (issue 12). */
export const referralsApi = {
  /** A person's referrals (référent side, through the person gate). */
  listForPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/referrals',
    access: { permission: 'referral.read', scope: 'person' },
    tags,
    params: idParams,
    responses: { 200: z.object({ items: z.array(referralSchema) }) },
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/referrals',
    access: { permission: 'referral.write', scope: 'person' },
    tags,
    params: idParams,
    body: referralInputSchema,
    responses: { 201: referralSchema },
  }),
  /** The référent withdraws a referral before the entry (the `:id` is a referral). */
  cancel: defineRoute({
    method: 'POST',
    path: '/api/referrals/:id/cancel',
    access: { permission: 'referral.write' },
    tags,
    params: idParams,
    body: referralCancelSchema,
    responses: { 200: referralSchema },
  }),
  /** Delay before an unanswered referral is flagged: in force today, and its dated history. */
  delays: defineRoute({
    method: 'GET',
    path: '/api/referrals/delays',
    access: { permission: 'reference.read' },
    tags,
    responses: { 200: referralDelaysSchema },
  }),
  addDelays: defineRoute({
    method: 'POST',
    path: '/api/referrals/delays',
    access: { permission: 'rules.manage' },
    tags,
    body: referralDelayInputSchema,
    responses: { 201: referralDelaysSchema },
  }),
  /** Operator portal: the referrals to the actions the operator's structure runs. */
  operatorList: defineRoute({
    method: 'GET',
    path: '/api/operator/referrals',
    access: operate,
    tags,
    query: operatorReferralQuerySchema,
    responses: { 200: z.object({ items: z.array(operatorReferralSummarySchema) }) },
  }),
  operatorActions: defineRoute({
    method: 'GET',
    path: '/api/operator/actions',
    access: operate,
    tags,
    summary: 'The actions (and sessions) the operator’s structure runs, for the filters',
    responses: { 200: z.object({ items: z.array(operatorActionSchema) }) },
  }),
  operatorGet: defineRoute({
    method: 'GET',
    path: '/api/operator/referrals/:id',
    access: operate,
    tags,
    params: idParams,
    responses: { 200: operatorReferralSchema },
  }),
  accept: defineRoute({
    method: 'POST',
    path: '/api/operator/referrals/:id/accept',
    access: operate,
    tags,
    params: idParams,
    body: referralAnswerSchema,
    responses: { 200: operatorReferralSchema },
  }),
  refuse: defineRoute({
    method: 'POST',
    path: '/api/operator/referrals/:id/refuse',
    access: operate,
    tags,
    params: idParams,
    body: referralRefuseSchema,
    responses: { 200: operatorReferralSchema },
  }),
  enter: defineRoute({
    method: 'POST',
    path: '/api/operator/referrals/:id/entry',
    access: operate,
    tags,
    params: idParams,
    body: referralEntrySchema,
    responses: { 200: operatorReferralSchema },
  }),
  exit: defineRoute({
    method: 'POST',
    path: '/api/operator/referrals/:id/exit',
    access: operate,
    tags,
    params: idParams,
    body: referralExitSchema,
    responses: { 200: operatorReferralSchema },
  }),
  recordAttendance: defineRoute({
    method: 'POST',
    path: '/api/operator/referrals/:id/attendance',
    access: operate,
    tags,
    params: idParams,
    body: attendanceInputSchema,
    responses: { 200: operatorReferralSchema },
  }),
};
