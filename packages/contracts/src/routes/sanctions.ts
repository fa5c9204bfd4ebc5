import { binary, defineRoute } from '../route';
import {
  cancelInputSchema,
  decisionInputSchema,
  endInputSchema,
  noticeInputSchema,
  notificationInputSchema,
  observationsInputSchema,
  openCaseInputSchema,
  personSanctionsSchema,
  sanctionCaseParams,
  sanctionCaseSchema,
  sanctionStatisticsQuerySchema,
  sanctionStatisticsSchema,
} from '../sanction-cases';
import {
  failureDismissalSchema,
  failureInputSchema,
  failureParams,
  failureQueueQuerySchema,
  failureQueueSchema,
  failureSchema,
} from '../sanction-failures';
import {
  sanctionPracticeInputSchema,
  sanctionRegimeInputSchema,
  sanctionRulesSchema,
} from '../sanction-rules';
import { idParams } from '../scalars';

const tags = ['sanctions'];

/** Duties and sanctions (issue 14): the dated rule sets of the regimes and of the département's practice. */
export const sanctionsApi = {
  rules: defineRoute({
    method: 'GET',
    path: '/api/sanction-rules',
    access: { permission: 'reference.read' },
    tags,
    responses: { 200: sanctionRulesSchema },
  }),
  addRegime: defineRoute({
    method: 'POST',
    path: '/api/sanction-rules/regimes',
    access: { permission: 'rules.manage' },
    tags,
    body: sanctionRegimeInputSchema,
    responses: { 201: sanctionRulesSchema },
  }),
  addPractice: defineRoute({
    method: 'POST',
    path: '/api/sanction-rules/practice',
    access: { permission: 'rules.manage' },
    tags,
    body: sanctionPracticeInputSchema,
    responses: { 201: sanctionRulesSchema },
  }),
};

const read = { permission: 'sanction.read' } as const;
const report = { permission: 'sanction.report' } as const;
const manage = { permission: 'sanction.manage' } as const;

/**
 * Failures and sanction cases (issue 14, second slice). Every case route is under the person
 * (`scope: 'person'`): the person gate runs before the handler, the case is then looked up within
 * that person's cases.
 */
export const sanctionCasesApi = {
  /** Counts per month of opening, regime and outcome: aggregates only, for steering. */
  statistics: defineRoute({
    method: 'GET',
    path: '/api/sanctions/statistics',
    access: { permission: 'statistics.read' },
    tags,
    query: sanctionStatisticsQuerySchema,
    responses: { 200: sanctionStatisticsSchema },
  }),
  failureQueue: defineRoute({
    method: 'GET',
    path: '/api/sanctions/failures',
    access: read,
    tags,
    query: failureQueueQuerySchema,
    responses: { 200: failureQueueSchema },
  }),
  ofPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/sanctions',
    access: { ...read, scope: 'person' },
    tags,
    params: idParams,
    responses: { 200: personSanctionsSchema },
  }),
  recordFailure: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-failures',
    access: { ...report, scope: 'person' },
    tags,
    params: idParams,
    body: failureInputSchema,
    responses: { 201: failureSchema },
  }),
  /** A failure to examine classed without follow-up, with its reason (the case's `cancel` does it for a case). */
  dismissFailure: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-failures/:failureId/dismiss',
    access: { ...manage, scope: 'person' },
    tags,
    params: failureParams,
    body: failureDismissalSchema,
    responses: { 200: failureSchema },
  }),
  openCase: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-cases',
    access: { ...manage, scope: 'person' },
    tags,
    params: idParams,
    body: openCaseInputSchema,
    responses: { 201: sanctionCaseSchema },
  }),
  sendNotice: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-cases/:caseId/notice',
    access: { ...manage, scope: 'person' },
    tags,
    params: sanctionCaseParams,
    body: noticeInputSchema,
    responses: { 200: sanctionCaseSchema },
  }),
  recordObservations: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-cases/:caseId/observations',
    access: { ...manage, scope: 'person' },
    tags,
    params: sanctionCaseParams,
    body: observationsInputSchema,
    responses: { 200: sanctionCaseSchema },
  }),
  decide: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-cases/:caseId/decision',
    access: { ...manage, scope: 'person' },
    tags,
    params: sanctionCaseParams,
    body: decisionInputSchema,
    responses: { 200: sanctionCaseSchema },
  }),
  notify: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-cases/:caseId/notification',
    access: { ...manage, scope: 'person' },
    tags,
    params: sanctionCaseParams,
    body: notificationInputSchema,
    responses: { 200: sanctionCaseSchema },
  }),
  end: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-cases/:caseId/end',
    access: { ...manage, scope: 'person' },
    tags,
    params: sanctionCaseParams,
    body: endInputSchema,
    responses: { 200: sanctionCaseSchema },
  }),
  cancel: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/sanction-cases/:caseId/cancel',
    access: { ...manage, scope: 'person' },
    tags,
    params: sanctionCaseParams,
    body: cancelInputSchema,
    responses: { 200: sanctionCaseSchema },
  }),
  /** The letters the procedure sent (prior notice, decision…), in one PDF; the read is audited. */
  caseLettersPdf: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/sanction-cases/:caseId/letters.pdf',
    access: { ...read, scope: 'person' },
    tags,
    params: sanctionCaseParams,
    responses: { 200: binary('application/pdf') },
  }),
};
