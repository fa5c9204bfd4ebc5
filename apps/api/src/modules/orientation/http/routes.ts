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
} from '@parcours/contracts';
import { z } from 'zod';
import { auditPersonList } from '../../../platform/audit/list-read';
import type { AppContext } from '../../../platform/context';
import { actorOf, requestOf } from '../../../platform/http/request';
import type { TypedApp } from '../../../platform/http/types';
import { decideOrientation, orientationLetter } from '../application/decision';
import { createDiagnosis, listDiagnoses } from '../application/diagnoses';
import {
  addMedicalRecord,
  getMedicalReferral,
  listMedicalReferrals,
  recommend,
  requestMedicalReferral,
} from '../application/medical';
import { getDiagnosticReferential } from '../application/referential';
import { getOrientationWorkspace } from '../application/workspace';

const idParams = z.object({ id: z.uuid({ message: 'Identifiant invalide.' }) });

/** Diagnosis, orientation proposal and decision, medical team. */
export async function registerOrientationModule(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/reference/diagnostic',
    {
      config: { access: { permission: 'reference.read' } },
      schema: { tags: ['orientation'], response: { 200: diagnosticReferentialSchema } },
    },
    async (req) => getDiagnosticReferential(ctx.db, actorOf(req).departmentCode),
  );

  // ---- Diagnosis ------------------------------------------------------------------------------------
  app.post(
    '/api/persons/:id/diagnoses',
    {
      config: { access: { permission: 'diagnosis.write' } },
      schema: {
        tags: ['orientation'],
        params: idParams,
        body: diagnosisInputSchema,
        response: { 201: diagnosisSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createDiagnosis(ctx, actorOf(req), req.params.id, req.body, requestOf(req))),
  );

  app.get(
    '/api/persons/:id/diagnoses',
    {
      config: { access: { permission: 'diagnosis.read' } },
      schema: {
        tags: ['orientation'],
        params: idParams,
        response: { 200: z.object({ items: z.array(diagnosisSchema) }) },
      },
    },
    async (req) => ({ items: await listDiagnoses(ctx, actorOf(req), req.params.id, requestOf(req)) }),
  );

  // ---- Orientation ----------------------------------------------------------------------------------
  app.get(
    '/api/persons/:id/orientation',
    {
      config: { access: { permission: 'diagnosis.read' } },
      schema: { tags: ['orientation'], params: idParams, response: { 200: orientationWorkspaceSchema } },
    },
    async (req) => getOrientationWorkspace(ctx, actorOf(req), req.params.id, requestOf(req)),
  );

  app.post(
    '/api/persons/:id/orientations',
    {
      config: { access: { permission: 'orientation.decide' } },
      schema: {
        tags: ['orientation'],
        params: idParams,
        body: orientationDecisionInputSchema,
        response: { 201: orientationDecisionResultSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await decideOrientation(ctx, actorOf(req), req.params.id, req.body, requestOf(req))),
  );

  app.get(
    '/api/orientations/:id/letter.pdf',
    {
      config: { access: { permission: 'person.read' } },
      schema: { tags: ['orientation'], params: idParams },
    },
    async (req, reply) => {
      const pdf = await orientationLetter(ctx, actorOf(req), req.params.id, requestOf(req));
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="notification-orientation-${req.params.id.slice(0, 8)}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  // ---- Medical team ---------------------------------------------------------------------------------
  app.post(
    '/api/persons/:id/medical-referrals',
    {
      config: { access: { permission: 'medical.refer' } },
      schema: {
        tags: ['medical'],
        params: idParams,
        body: medicalReferralInputSchema,
        response: { 201: medicalRecommendationSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await requestMedicalReferral(ctx, actorOf(req), req.params.id, req.body.reason, requestOf(req)),
        ),
  );

  app.get(
    '/api/medical/referrals',
    {
      config: { access: { permission: 'medical.read' } },
      schema: {
        tags: ['medical'],
        querystring: medicalReferralListQuerySchema,
        response: { 200: z.object({ items: z.array(medicalReferralSummarySchema) }) },
      },
    },
    async (req) => {
      const items = await listMedicalReferrals(ctx, actorOf(req), req.query);
      await auditPersonList(
        ctx,
        req,
        'medical.referrals',
        { ...req.query },
        items.map((r) => r.person.id),
      );
      return { items };
    },
  );

  app.get(
    '/api/medical/referrals/:id',
    {
      config: { access: { permission: 'medical.read' } },
      schema: { tags: ['medical'], params: idParams, response: { 200: medicalReferralDetailSchema } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return getMedicalReferral(ctx, actorOf(req), req.params.id, requestOf(req));
    },
  );

  app.post(
    '/api/medical/referrals/:id/records',
    {
      config: { access: { permission: 'medical.write' } },
      schema: {
        tags: ['medical'],
        params: idParams,
        body: medicalRecordInputSchema,
        response: { 201: medicalReferralDetailSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await addMedicalRecord(ctx, actorOf(req), req.params.id, req.body, requestOf(req))),
  );

  app.post(
    '/api/medical/referrals/:id/recommendation',
    {
      config: { access: { permission: 'medical.write' } },
      schema: {
        tags: ['medical'],
        params: idParams,
        body: medicalRecommendationInputSchema,
        response: { 200: medicalReferralDetailSchema },
      },
    },
    async (req) => recommend(ctx, actorOf(req), req.params.id, req.body, requestOf(req)),
  );
}
