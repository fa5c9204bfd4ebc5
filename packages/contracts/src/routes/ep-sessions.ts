import {
  epAgendaInputSchema,
  epCancelInputSchema,
  epCloseInputSchema,
  epHoldInputSchema,
  epInvitationInputSchema,
  epItemParams,
  epMemberInputSchema,
  epMemberParams,
  epOpinionInputSchema,
  epPostponeInputSchema,
  epPresenceInputSchema,
  epReferralInputSchema,
  epReferralSchema,
  epSessionDetailSchema,
  epSessionInputSchema,
  epSessionListQuerySchema,
  epSessionListSchema,
} from '../ep-sessions';
import { binary, defineRoute } from '../route';
import { sanctionCaseParams } from '../sanction-cases';
import { idParams } from '../scalars';

const tags = ['sanctions'];
const read = { permission: 'ep.read' } as const;
const manage = { permission: 'ep.manage' } as const;

/**
 * The EP sessions (issue 14 point 4). A pôle role sees and manages its pôle's sessions only (the
 * session's pôle is checked in the use case: 403 for another pôle's); the referral of a case is a
 * step of the sanction case, under the person (`scope: 'person'`).
 */
export const epSessionsApi = {
  list: defineRoute({
    method: 'GET',
    path: '/api/ep-sessions',
    access: read,
    tags,
    query: epSessionListQuerySchema,
    responses: { 200: epSessionListSchema },
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions',
    access: manage,
    tags,
    body: epSessionInputSchema,
    responses: { 201: epSessionDetailSchema },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/ep-sessions/:id',
    access: read,
    tags,
    params: idParams,
    responses: { 200: epSessionDetailSchema },
  }),
  addMember: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/members',
    access: manage,
    tags,
    params: idParams,
    body: epMemberInputSchema,
    responses: { 201: epSessionDetailSchema },
  }),
  setPresence: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/members/:memberId/presence',
    access: manage,
    tags,
    params: epMemberParams,
    body: epPresenceInputSchema,
    responses: { 200: epSessionDetailSchema },
  }),
  removeMember: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/members/:memberId/remove',
    access: manage,
    tags,
    params: epMemberParams,
    responses: { 200: epSessionDetailSchema },
  }),
  addToAgenda: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/agenda',
    access: manage,
    tags,
    params: idParams,
    body: epAgendaInputSchema,
    responses: { 201: epSessionDetailSchema },
  }),
  removeFromAgenda: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/agenda/:itemId/remove',
    access: manage,
    tags,
    params: epItemParams,
    responses: { 200: epSessionDetailSchema },
  }),
  invite: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/agenda/:itemId/invitation',
    access: manage,
    tags,
    params: epItemParams,
    body: epInvitationInputSchema,
    responses: { 200: epSessionDetailSchema },
  }),
  giveOpinion: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/agenda/:itemId/opinion',
    access: manage,
    tags,
    params: epItemParams,
    body: epOpinionInputSchema,
    responses: { 200: epSessionDetailSchema },
  }),
  hold: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/hold',
    access: manage,
    tags,
    params: idParams,
    body: epHoldInputSchema,
    responses: { 200: epSessionDetailSchema },
  }),
  close: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/close',
    access: manage,
    tags,
    params: idParams,
    body: epCloseInputSchema,
    responses: { 200: epSessionDetailSchema },
  }),
  postpone: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/postpone',
    access: manage,
    tags,
    params: idParams,
    body: epPostponeInputSchema,
    responses: { 200: epSessionDetailSchema },
  }),
  cancel: defineRoute({
    method: 'POST',
    path: '/api/ep-sessions/:id/cancel',
    access: manage,
    tags,
    params: idParams,
    body: epCancelInputSchema,
    responses: { 200: epSessionDetailSchema },
  }),
  /** The procès-verbal: members present, each case (name, proposal, opinion); minimal personal data. */
  minutes: defineRoute({
    method: 'GET',
    path: '/api/ep-sessions/:id/minutes.pdf',
    access: read,
    tags,
    params: idParams,
    responses: { 200: binary('application/pdf') },
  }),
  /** Submits a sanction case to the EP with the proposed outcome (a step of the case). */
  refer: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-cases/:caseId/ep-referral',
    access: { permission: 'sanction.manage', scope: 'person' },
    tags,
    params: sanctionCaseParams,
    body: epReferralInputSchema,
    responses: { 201: epReferralSchema },
  }),
};
