import {
  assignCommuneSchema,
  communeListQuerySchema,
  communeSchema,
  hubSchema,
  hubUpdateSchema,
  structureInputSchema,
  structureKindSchema,
  structureSchema,
  structureUpdateSchema,
} from '@parcours/contracts';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { notFound } from '../../../platform/http/errors';
import { actorOf, requestOf } from '../../../platform/http/request';
import type { TypedApp } from '../../../platform/http/types';
import { assignCommune, createStructure, renameHub, updateStructure } from '../application/territory';
import { listCommunes, listHubs, listStructures } from '../infra/territory-repo';

const read = { access: { permission: 'territory.read' as const } };
const manage = { access: { permission: 'territory.manage' as const } };
const idParams = z.object({ id: z.uuid({ message: 'Identifiant invalide.' }) });

export async function registerTerritoryModule(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/territory/hubs',
    {
      config: read,
      schema: { tags: ['territory'], response: { 200: z.object({ items: z.array(hubSchema) }) } },
    },
    async (req) => ({ items: await listHubs(ctx.db, actorOf(req).departmentCode) }),
  );

  app.put(
    '/api/territory/hubs/:id',
    {
      config: manage,
      schema: { tags: ['territory'], params: idParams, body: hubUpdateSchema, response: { 200: hubSchema } },
    },
    async (req) => renameHub(ctx, actorOf(req), req.params.id, req.body, requestOf(req)),
  );

  app.get(
    '/api/territory/communes',
    {
      config: read,
      schema: {
        tags: ['territory'],
        querystring: communeListQuerySchema,
        response: { 200: z.object({ items: z.array(communeSchema) }) },
      },
    },
    async (req) => ({ items: await listCommunes(ctx.db, actorOf(req).departmentCode, req.query) }),
  );

  app.put(
    '/api/territory/communes/:inseeCode/hub',
    {
      config: manage,
      schema: {
        tags: ['territory'],
        params: z.object({
          inseeCode: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, { message: 'Code INSEE invalide.' }),
        }),
        body: assignCommuneSchema,
        response: { 200: communeSchema },
      },
    },
    async (req) => assignCommune(ctx, actorOf(req), req.params.inseeCode, req.body.hubId, requestOf(req)),
  );

  app.get(
    '/api/territory/structures',
    {
      config: read,
      schema: {
        tags: ['territory'],
        querystring: z.object({
          kind: structureKindSchema.optional(),
          hubId: z.uuid().optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(structureSchema) }) },
      },
    },
    async (req) => ({ items: await listStructures(ctx.db, actorOf(req).departmentCode, req.query) }),
  );

  app.get(
    '/api/territory/structures/:id',
    { config: read, schema: { tags: ['territory'], params: idParams, response: { 200: structureSchema } } },
    async (req) => {
      const [s] = await listStructures(ctx.db, actorOf(req).departmentCode, { id: req.params.id });
      if (!s) throw notFound('Structure');
      return s;
    },
  );

  app.post(
    '/api/territory/structures',
    {
      config: manage,
      schema: { tags: ['territory'], body: structureInputSchema, response: { 201: structureSchema } },
    },
    async (req, reply) =>
      reply.status(201).send(await createStructure(ctx, actorOf(req), req.body, requestOf(req))),
  );

  app.put(
    '/api/territory/structures/:id',
    {
      config: manage,
      schema: {
        tags: ['territory'],
        params: idParams,
        body: structureUpdateSchema,
        response: { 200: structureSchema },
      },
    },
    async (req) => updateStructure(ctx, actorOf(req), req.params.id, req.body, requestOf(req)),
  );
}
