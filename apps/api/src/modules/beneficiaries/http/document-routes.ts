import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import {
  downloadDocument,
  listPersonDocuments,
  uploadDocument,
  withdrawDocument,
} from '../application/documents';

const routes = api.documents;

/** Documents of a person's file: list, upload, download, withdraw. */
export async function registerDocumentRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.list, ({ actor, params, request }) =>
    listPersonDocuments(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.download, async ({ actor, params, request, reply }) => {
    const file = await downloadDocument(ctx, actor, params.id, params.documentId, request);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.disposition)
      .header('content-length', String(file.content.length))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  });
  registerRoute(app, routes.withdraw, ({ actor, params, body, request }) =>
    withdrawDocument(ctx, actor, params.id, params.documentId, body, request),
  );
  // The upload in a scope of its own: whatever its declared type, the raw body reaches the use case
  // as a stream (read after the access checks, 10 MB at most), which checks type and size itself.
  await app.register(async (scope: TypedApp) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    registerRoute(scope, routes.upload, ({ actor, params, query, request, req }) =>
      uploadDocument(
        ctx,
        actor,
        params.id,
        {
          query,
          contentType: req.headers['content-type'],
          contentLength: req.headers['content-length'],
          body: req.body,
        },
        request,
      ),
    );
  });
}
