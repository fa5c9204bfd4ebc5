import { z } from 'zod';
import { convocationPreviewInputSchema, convocationPreviewSchema } from '../convocation';
import {
  diagnosisInputSchema,
  diagnosisSchema,
  diagnosticReferentialSchema,
  medicalRecommendationInputSchema,
  medicalRecommendationSchema,
  medicalRecordInputSchema,
  medicalReferralDetailSchema,
  medicalReferralInputSchema,
  medicalReferralListQuerySchema,
  medicalReferralSummarySchema,
  orientationDecisionInputSchema,
  orientationDecisionResultSchema,
  orientationWorkspaceSchema,
} from '../orientation';
import {
  batchConvocationResultSchema,
  batchConvocationSchema,
  orientationQueueQuerySchema,
  orientationQueueSchema,
} from '../orientation-queue';
import { binary, defineRoute } from '../route';
import { idParams } from '../scalars';

const tags = ['orientation'];
const medicalTags = ['medical'];
/** The `:id` of these routes is a person: the person gate runs before the handler. */
const onPerson = 'person' as const;

/**
 * Orientation: diagnostic reference, diagnoses, workspace, decisions and their letter, the queue of
 * a pôle (export, batch convocation), the medical team's referrals.
 */
export const orientationApi = {
  diagnosticReference: defineRoute({
    method: 'GET',
    path: '/api/reference/diagnostic',
    access: { permission: 'reference.read' },
    tags,
    responses: { 200: diagnosticReferentialSchema },
  }),

  // ---- Diagnosis ----------------------------------------------------------------------------------
  createDiagnosis: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/diagnoses',
    access: { permission: 'diagnosis.write', scope: onPerson },
    tags,
    params: idParams,
    body: diagnosisInputSchema,
    responses: { 201: diagnosisSchema },
  }),
  listDiagnoses: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/diagnoses',
    access: { permission: 'diagnosis.read', scope: onPerson },
    tags,
    params: idParams,
    responses: { 200: z.object({ items: z.array(diagnosisSchema) }) },
  }),

  // ---- Orientation --------------------------------------------------------------------------------
  workspace: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/orientation',
    access: { permission: 'diagnosis.read', scope: onPerson },
    tags,
    params: idParams,
    responses: { 200: orientationWorkspaceSchema },
  }),
  decide: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/orientations',
    access: { permission: 'orientation.decide', scope: onPerson },
    tags,
    params: idParams,
    body: orientationDecisionInputSchema,
    responses: { 201: orientationDecisionResultSchema },
  }),
  /** The notification letter of an orientation (`:id` is the orientation). */
  letter: defineRoute({
    method: 'GET',
    path: '/api/orientations/:id/letter.pdf',
    access: { permission: 'person.read' },
    tags,
    params: idParams,
    responses: { 200: binary('application/pdf') },
  }),

  // ---- Queue of a pôle ----------------------------------------------------------------------------
  queue: defineRoute({
    method: 'GET',
    path: '/api/orientation/queue',
    access: { permission: 'orientation.queue' },
    tags,
    query: orientationQueueQuerySchema,
    responses: { 200: orientationQueueSchema },
  }),
  queueExport: defineRoute({
    method: 'GET',
    path: '/api/orientation/queue.xlsx',
    access: { permission: 'orientation.queue' },
    tags,
    query: orientationQueueQuerySchema,
    responses: { 200: binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
  }),
  /** Who of a selection can be reached by which channel, and from when (minimum delays). */
  previewConvocation: defineRoute({
    method: 'POST',
    path: '/api/orientation/convocations/preview',
    access: { permission: 'convocation.send' },
    tags,
    body: convocationPreviewInputSchema,
    responses: { 200: convocationPreviewSchema },
  }),
  convokeBatch: defineRoute({
    method: 'POST',
    path: '/api/orientation/convocations',
    access: { permission: 'convocation.send' },
    tags,
    body: batchConvocationSchema,
    responses: { 201: batchConvocationResultSchema },
  }),

  // ---- Medical team -------------------------------------------------------------------------------
  requestMedicalReferral: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/medical-referrals',
    access: { permission: 'medical.refer', scope: onPerson },
    tags: medicalTags,
    params: idParams,
    body: medicalReferralInputSchema,
    responses: { 201: medicalRecommendationSchema },
  }),
  listMedicalReferrals: defineRoute({
    method: 'GET',
    path: '/api/medical/referrals',
    access: { permission: 'medical.read' },
    tags: medicalTags,
    query: medicalReferralListQuerySchema,
    responses: { 200: z.object({ items: z.array(medicalReferralSummarySchema) }) },
  }),
  getMedicalReferral: defineRoute({
    method: 'GET',
    path: '/api/medical/referrals/:id',
    access: { permission: 'medical.read' },
    tags: medicalTags,
    params: idParams,
    responses: { 200: medicalReferralDetailSchema },
  }),
  addMedicalRecord: defineRoute({
    method: 'POST',
    path: '/api/medical/referrals/:id/records',
    access: { permission: 'medical.write' },
    tags: medicalTags,
    params: idParams,
    body: medicalRecordInputSchema,
    responses: { 201: medicalReferralDetailSchema },
  }),
  recommend: defineRoute({
    method: 'POST',
    path: '/api/medical/referrals/:id/recommendation',
    access: { permission: 'medical.write' },
    tags: medicalTags,
    params: idParams,
    body: medicalRecommendationInputSchema,
    responses: { 200: medicalReferralDetailSchema },
  }),
};
