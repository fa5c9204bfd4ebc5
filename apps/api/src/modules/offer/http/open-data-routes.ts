import { api } from '@parcours/contracts';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { buildDataInclusionExport } from '../application/open-data';

const routes = api.openData;

/**
 * The file as is. Public data, but the server's rule stands: every /api answer is `no-store`
 * (server.ts), so a reuser downloads the current catalogue each time.
 */
const sendJson = (reply: FastifyReply, content: string, fileName: string) =>
  reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-disposition', `inline; filename="${fileName}"`)
    .send(content);

/** The catalogue as data·inclusion v1: public, read-only, the CLI's bytes. */
export async function registerOpenDataRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.dataInclusionStructures, async ({ reply }) =>
    sendJson(reply, (await buildDataInclusionExport(ctx)).structuresJson, 'structures.json'),
  );
  registerRoute(app, routes.dataInclusionServices, async ({ reply }) =>
    sendJson(reply, (await buildDataInclusionExport(ctx)).servicesJson, 'services.json'),
  );
}
