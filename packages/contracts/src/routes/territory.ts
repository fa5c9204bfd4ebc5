import { z } from 'zod';
import { defineRoute } from '../route';
import { idParams } from '../scalars';
import {
  assignCommuneSchema,
  communeListQuerySchema,
  communeMovePreviewSchema,
  communeSchema,
  hubSchema,
  hubUpdateSchema,
  structureInputSchema,
  structureKindSchema,
  structureSchema,
  structureUpdateSchema,
} from '../territory';

const read = { permission: 'territory.read' } as const;
const manage = { permission: 'territory.manage' } as const;
const tags = ['territory'];

/** Territory: pôles d'insertion, communes and their pôle, structures. */
export const territoryApi = {
  listHubs: defineRoute({
    method: 'GET',
    path: '/api/territory/hubs',
    access: read,
    tags,
    responses: { 200: z.object({ items: z.array(hubSchema) }) },
  }),
  renameHub: defineRoute({
    method: 'PUT',
    path: '/api/territory/hubs/:id',
    access: manage,
    tags,
    params: idParams,
    body: hubUpdateSchema,
    responses: { 200: hubSchema },
  }),
  listCommunes: defineRoute({
    method: 'GET',
    path: '/api/territory/communes',
    access: read,
    tags,
    query: communeListQuerySchema,
    responses: { 200: z.object({ items: z.array(communeSchema) }) },
  }),
  assignCommune: defineRoute({
    method: 'PUT',
    path: '/api/territory/communes/:inseeCode/hub',
    access: manage,
    tags,
    params: z.object({
      inseeCode: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, { message: 'Code INSEE invalide.' }),
    }),
    body: assignCommuneSchema,
    responses: { 200: communeSchema },
  }),
  previewCommuneMove: defineRoute({
    method: 'GET',
    path: '/api/territory/communes/:inseeCode/move-preview',
    access: manage,
    tags,
    summary: 'How many households and persons would change pôle with the commune (counts only)',
    params: z.object({
      inseeCode: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, { message: 'Code INSEE invalide.' }),
    }),
    query: z.object({ hubId: z.uuid() }),
    responses: { 200: communeMovePreviewSchema },
  }),
  listStructures: defineRoute({
    method: 'GET',
    path: '/api/territory/structures',
    access: read,
    tags,
    query: z.object({
      kind: structureKindSchema.optional(),
      hubId: z.uuid().optional(),
      q: z.string().trim().max(100).optional(),
    }),
    responses: { 200: z.object({ items: z.array(structureSchema) }) },
  }),
  getStructure: defineRoute({
    method: 'GET',
    path: '/api/territory/structures/:id',
    access: read,
    tags,
    params: idParams,
    responses: { 200: structureSchema },
  }),
  createStructure: defineRoute({
    method: 'POST',
    path: '/api/territory/structures',
    access: manage,
    tags,
    body: structureInputSchema,
    responses: { 201: structureSchema },
  }),
  updateStructure: defineRoute({
    method: 'PUT',
    path: '/api/territory/structures/:id',
    access: manage,
    tags,
    params: idParams,
    body: structureUpdateSchema,
    responses: { 200: structureSchema },
  }),
};
