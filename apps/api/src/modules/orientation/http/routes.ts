import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
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

const routes = api.orientation;

/** Diagnosis, orientation proposal and decision, medical team. */
export async function registerOrientationModule(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.diagnosticReference, ({ actor }) =>
    getDiagnosticReferential(ctx.db, actor.departmentCode),
  );

  // ---- Diagnosis ----------------------------------------------------------------------------------
  registerRoute(app, routes.createDiagnosis, ({ actor, params, body, request }) =>
    createDiagnosis(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.listDiagnoses, async ({ actor, params, request }) => ({
    items: await listDiagnoses(ctx, actor, params.id, request),
  }));

  // ---- Orientation --------------------------------------------------------------------------------
  registerRoute(app, routes.workspace, ({ actor, params, request }) =>
    getOrientationWorkspace(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.decide, ({ actor, params, body, request }) =>
    decideOrientation(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.letter, async ({ actor, params, request, reply }) => {
    const pdf = await orientationLetter(ctx, actor, params.id, request);
    return reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `attachment; filename="notification-orientation-${params.id.slice(0, 8)}.pdf"`,
      )
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  // ---- Medical team -------------------------------------------------------------------------------
  registerRoute(app, routes.requestMedicalReferral, ({ actor, params, body, request }) =>
    requestMedicalReferral(ctx, actor, params.id, body.reason, request),
  );
  registerRoute(app, routes.listMedicalReferrals, async ({ actor, query, request }) => ({
    items: await listMedicalReferrals(ctx, actor, query, request),
  }));
  registerRoute(app, routes.getMedicalReferral, ({ actor, params, request, reply }) => {
    reply.header('cache-control', 'no-store');
    return getMedicalReferral(ctx, actor, params.id, request);
  });
  registerRoute(app, routes.addMedicalRecord, ({ actor, params, body, request }) =>
    addMedicalRecord(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.recommend, ({ actor, params, body, request }) =>
    recommend(ctx, actor, params.id, body, request),
  );
}
