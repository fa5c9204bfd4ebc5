import {
  immersionAssessmentSchema,
  immersionContentSchema,
  immersionDetailSchema,
  immersionLimitsHistorySchema,
  immersionLimitsInputSchema,
  immersionLinkSentSchema,
  immersionParams,
  immersionPublicSignedSchema,
  immersionPublicSignSchema,
  immersionPublicSummarySchema,
  immersionRenewalSchema,
  immersionSignLinkSchema,
  immersionSignOnScreenSchema,
  immersionTokenSchema,
  immersionTransitionSchema,
  immersionUpdateSchema,
  personImmersionsSchema,
} from '../immersion';
import { binary, defineRoute } from '../route';
import { idParams } from '../scalars';
import { publicImmersionRoutePaths } from './public-paths';

const read = { permission: 'immersion.read' } as const;
const write = { permission: 'immersion.write' } as const;
const tags = ['immersions'];

/**
 * PMSMP immersions (issue 12, point 5): a person's conventions, the convention's content, workflow
 * moves, signatures (on screen, or a single-use link e-mailed to the party), renewal, assessment and
 * PDF. Routes on `/api/immersions/:immersionId` check the convention's person through the person
 * gate in the use case. The two public routes serve the holder of an e-mailed link (no account).
 */
export const immersionsApi = {
  listForPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/immersions',
    access: { ...read, scope: 'person' },
    tags,
    params: idParams,
    responses: { 200: personImmersionsSchema },
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/immersions',
    access: { ...write, scope: 'person' },
    tags,
    params: idParams,
    body: immersionContentSchema,
    responses: { 201: immersionDetailSchema },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/immersions/:immersionId',
    access: read,
    tags,
    params: immersionParams,
    responses: { 200: immersionDetailSchema },
  }),
  /** Changes the content (postponing included) before validation: the signatures are removed. */
  update: defineRoute({
    method: 'PUT',
    path: '/api/immersions/:immersionId',
    access: write,
    tags,
    params: immersionParams,
    body: immersionUpdateSchema,
    responses: { 200: immersionDetailSchema },
  }),
  transition: defineRoute({
    method: 'POST',
    path: '/api/immersions/:immersionId/transition',
    access: write,
    tags,
    params: immersionParams,
    body: immersionTransitionSchema,
    responses: { 200: immersionDetailSchema },
  }),
  /** An agent records a party present signing on screen. */
  signOnScreen: defineRoute({
    method: 'POST',
    path: '/api/immersions/:immersionId/signatures',
    access: write,
    tags,
    params: immersionParams,
    body: immersionSignOnScreenSchema,
    responses: { 200: immersionDetailSchema },
  }),
  /** Sends a party a single-use signing link by e-mail (the former link of the party stops working). */
  sendSignLink: defineRoute({
    method: 'POST',
    path: '/api/immersions/:immersionId/signature-links',
    access: write,
    tags,
    params: immersionParams,
    body: immersionSignLinkSchema,
    responses: { 202: immersionLinkSentSchema },
  }),
  /** A new convention with the same host following this one, within the limits (draft). */
  renew: defineRoute({
    method: 'POST',
    path: '/api/immersions/:immersionId/renewal',
    access: write,
    tags,
    params: immersionParams,
    body: immersionRenewalSchema,
    responses: { 201: immersionDetailSchema },
  }),
  assess: defineRoute({
    method: 'POST',
    path: '/api/immersions/:immersionId/assessment',
    access: write,
    tags,
    params: immersionParams,
    body: immersionAssessmentSchema,
    responses: { 200: immersionDetailSchema },
  }),
  pdf: defineRoute({
    method: 'GET',
    path: '/api/immersions/:immersionId/pdf',
    access: read,
    tags,
    params: immersionParams,
    responses: { 200: binary('application/pdf') },
  }),
  limits: defineRoute({
    method: 'GET',
    path: '/api/immersion-limits',
    access: { permission: 'reference.read' },
    tags,
    responses: { 200: immersionLimitsHistorySchema },
  }),
  addLimits: defineRoute({
    method: 'POST',
    path: '/api/immersion-limits',
    access: { permission: 'rules.manage' },
    tags,
    body: immersionLimitsInputSchema,
    responses: { 201: immersionLimitsHistorySchema },
  }),
  signatureSummary: defineRoute({
    ...publicImmersionRoutePaths.signatureSummary,
    access: {
      public:
        'convention PMSMP : le signataire (tuteur de la structure d’accueil…) n’a pas de compte ; le lien à usage unique reçu par e-mail est sa preuve',
    },
    tags,
    body: immersionTokenSchema,
    responses: { 200: immersionPublicSummarySchema },
  }),
  signWithLink: defineRoute({
    ...publicImmersionRoutePaths.signWithLink,
    access: {
      public:
        'convention PMSMP : signature par le lien à usage unique reçu par e-mail (signataire sans compte)',
    },
    tags,
    body: immersionPublicSignSchema,
    responses: { 200: immersionPublicSignedSchema },
  }),
};
