import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { DomainError } from '../../../platform/errors';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { decideCoordinateConflict } from '../application/coordinate-conflicts';
import { getCoordinates, updateCoordinates } from '../application/coordinates';
import { decideDuplicate, reviewDuplicates } from '../application/duplicates';
import { getFluxRun, listFluxRuns } from '../application/flux-reports';
import { FluxUploads } from '../application/flux-upload';
import { acknowledgeRegistrations } from '../application/france-travail-acknowledgement';
import { batchCsv, createBatch, listBatches, toBatch } from '../application/france-travail-batches';
import { listRegistrations } from '../application/france-travail-registrations';
import { getPersonFile } from '../application/person-file';
import { findPersons } from '../application/search';
import { registerDocumentRoutes } from './document-routes';

const routes = api.persons;

export async function registerBeneficiariesModule(app: TypedApp, ctx: AppContext) {
  const uploads = new FluxUploads(ctx);

  // Uploads are streamed to a temporary file, never held in memory.
  app.addContentTypeParser(
    ['application/octet-stream', 'application/xml', 'text/xml'],
    (_req, payload, done) => done(null, payload),
  );
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  // ---- CAF flux ---------------------------------------------------------------------------------
  registerRoute(app, routes.importFlux, ({ actor, query, request, req }) => {
    const stream = req.body as NodeJS.ReadableStream | undefined;
    if (!stream || typeof stream.pipe !== 'function') {
      throw new DomainError(
        'invalid',
        'VALIDATION_ERROR',
        'Envoyez le fichier brut (Content-Type: application/octet-stream).',
      );
    }
    return uploads.start(actor, request, query, stream);
  });
  registerRoute(app, routes.fluxProgress, ({ params }) => uploads.progressOfToken(params.token));
  registerRoute(app, routes.listFluxRuns, async ({ actor, request }) => ({
    items: await listFluxRuns(ctx, uploads, actor, request),
  }));
  registerRoute(app, routes.getFluxRun, ({ actor, request, params }) =>
    getFluxRun(ctx, uploads, actor, request, params.id),
  );

  // ---- Persons ----------------------------------------------------------------------------------
  registerRoute(app, routes.search, async ({ actor, request, query }) => ({
    items: await findPersons(ctx, actor, request, query.q, query.limit),
  }));
  registerRoute(app, routes.getFile, ({ actor, request, params }) =>
    getPersonFile(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.getCoordinates, ({ actor, request, params }) =>
    getCoordinates(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.updateCoordinates, ({ actor, request, params, body }) =>
    updateCoordinates(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.decideCoordinateConflict, ({ actor, request, params, body }) =>
    decideCoordinateConflict(ctx, actor, params.id, params.conflictId, body, request),
  );

  await registerDocumentRoutes(app, ctx);

  // ---- Duplicates -------------------------------------------------------------------------------
  registerRoute(app, routes.listDuplicates, async ({ actor, request, query }) => ({
    items: await reviewDuplicates(ctx, actor, request, query.status),
  }));
  registerRoute(app, routes.decideDuplicate, ({ actor, request, params, body }) =>
    decideDuplicate(ctx, actor, params.id, body, request),
  );

  // ---- France Travail registration --------------------------------------------------------------
  registerRoute(app, routes.listFtRegistrations, ({ actor, request, query }) =>
    listRegistrations(ctx, actor, request, query.state),
  );
  registerRoute(app, routes.createFtBatch, async ({ actor, request }) =>
    toBatch(await createBatch(ctx, actor, request)),
  );
  registerRoute(app, routes.listFtBatches, async ({ actor }) => ({ items: await listBatches(ctx, actor) }));
  registerRoute(app, routes.exportFtBatch, async ({ actor, request, params, reply }) => {
    const csv = await batchCsv(ctx, actor, params.id, request);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="inscriptions-france-travail-${params.id.slice(0, 8)}.csv"`,
      )
      .send(csv);
  });
  registerRoute(app, routes.importFtAcknowledgement, ({ actor, request, req }) => {
    if (!Buffer.isBuffer(req.body))
      throw new DomainError(
        'invalid',
        'VALIDATION_ERROR',
        'Envoyez le fichier CSV (Content-Type: text/csv).',
      );
    return acknowledgeRegistrations(ctx, actor, req.body, request);
  });
}
