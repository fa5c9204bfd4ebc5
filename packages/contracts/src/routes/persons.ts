import { z } from 'zod';
import {
  duplicateDecisionSchema,
  duplicateListQuerySchema,
  duplicateSuspectSchema,
  fluxImportQuerySchema,
  fluxImportStartedSchema,
  fluxProgressParamsSchema,
  fluxProgressSchema,
  fluxRunSchema,
  ftAcknowledgementReportSchema,
  ftBatchSchema,
  ftRegistrationListSchema,
  ftRegistrationQuerySchema,
  personFileSchema,
  personSearchQuerySchema,
  personSummarySchema,
} from '../beneficiaries';
import {
  conflictDecisionSchema,
  conflictParamsSchema,
  coordinatesSchema,
  coordinatesUpdateSchema,
} from '../coordinates';
import { binary, defineRoute } from '../route';
import { idParams } from '../scalars';

const flux = { permission: 'flux.import' } as const;
const duplicates = { permission: 'duplicates.review' } as const;
const ft = { permission: 'ft.manage' } as const;

/** Beneficiaries: search and file of a person, CAF flux imports, duplicates, France Travail. */
export const personsApi = {
  search: defineRoute({
    method: 'GET',
    path: '/api/persons/search',
    access: { permission: 'person.search' },
    tags: ['persons'],
    query: personSearchQuerySchema,
    responses: { 200: z.object({ items: z.array(personSummarySchema) }) },
  }),
  /** The person gate runs inside the file's one compiled query (benchmarked), not before it. */
  getFile: defineRoute({
    method: 'GET',
    path: '/api/persons/:id',
    access: { permission: 'person.read' },
    tags: ['persons'],
    params: idParams,
    responses: { 200: personFileSchema },
  }),
  /** Phone, e-mail, address and consents, with their provenance, rectifications and flux conflicts. */
  getCoordinates: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/coordinates',
    access: { permission: 'person.read', scope: 'person' },
    tags: ['persons'],
    params: idParams,
    responses: { 200: coordinatesSchema },
  }),
  updateCoordinates: defineRoute({
    method: 'PUT',
    path: '/api/persons/:id/coordinates',
    access: { permission: 'person.contact.write', scope: 'person' },
    tags: ['persons'],
    params: idParams,
    body: coordinatesUpdateSchema,
    responses: { 200: coordinatesSchema },
  }),
  decideCoordinateConflict: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/coordinates/conflicts/:conflictId',
    access: { permission: 'person.contact.write', scope: 'person' },
    tags: ['persons'],
    params: conflictParamsSchema,
    body: conflictDecisionSchema,
    responses: { 200: coordinatesSchema },
  }),

  importFlux: defineRoute({
    method: 'POST',
    path: '/api/flux/imports',
    access: flux,
    tags: ['flux'],
    query: fluxImportQuerySchema,
    upload: ['application/octet-stream', 'application/xml', 'text/xml'],
    responses: { 202: fluxImportStartedSchema },
  }),
  fluxProgress: defineRoute({
    method: 'GET',
    path: '/api/flux/progress/:token',
    access: {
      public:
        "progression d'un import (jeton aléatoire remis à l'agent qui l'a envoyé, aucune donnée personnelle) : doit répondre sans la base embarquée, occupée par l'import",
    },
    tags: ['flux'],
    params: fluxProgressParamsSchema,
    responses: { 200: fluxProgressSchema },
  }),
  listFluxRuns: defineRoute({
    method: 'GET',
    path: '/api/flux/runs',
    access: flux,
    tags: ['flux'],
    responses: { 200: z.object({ items: z.array(fluxRunSchema) }) },
  }),
  getFluxRun: defineRoute({
    method: 'GET',
    path: '/api/flux/runs/:id',
    access: flux,
    tags: ['flux'],
    params: idParams,
    responses: { 200: fluxRunSchema },
  }),

  listDuplicates: defineRoute({
    method: 'GET',
    path: '/api/duplicates',
    access: duplicates,
    tags: ['persons'],
    query: duplicateListQuerySchema,
    responses: { 200: z.object({ items: z.array(duplicateSuspectSchema) }) },
  }),
  decideDuplicate: defineRoute({
    method: 'POST',
    path: '/api/duplicates/:id/decision',
    access: duplicates,
    tags: ['persons'],
    params: idParams,
    body: duplicateDecisionSchema,
    responses: { 200: duplicateSuspectSchema },
  }),

  listFtRegistrations: defineRoute({
    method: 'GET',
    path: '/api/france-travail/registrations',
    access: ft,
    tags: ['france-travail'],
    query: ftRegistrationQuerySchema,
    responses: { 200: ftRegistrationListSchema },
  }),
  createFtBatch: defineRoute({
    method: 'POST',
    path: '/api/france-travail/batches',
    access: ft,
    tags: ['france-travail'],
    responses: { 201: ftBatchSchema },
  }),
  listFtBatches: defineRoute({
    method: 'GET',
    path: '/api/france-travail/batches',
    access: ft,
    tags: ['france-travail'],
    responses: { 200: z.object({ items: z.array(ftBatchSchema) }) },
  }),
  exportFtBatch: defineRoute({
    method: 'GET',
    path: '/api/france-travail/batches/:id/export.csv',
    access: ft,
    tags: ['france-travail'],
    params: idParams,
    responses: { 200: binary('text/csv; charset=utf-8') },
  }),
  /** France Travail's answer file (CSV); a file with errors answers 400 with every error. */
  importFtAcknowledgement: defineRoute({
    method: 'POST',
    path: '/api/france-travail/acknowledgements',
    access: ft,
    tags: ['france-travail'],
    upload: ['text/csv'],
    responses: { 200: ftAcknowledgementReportSchema },
  }),
};
