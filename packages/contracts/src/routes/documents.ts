import {
  documentContentTypes,
  documentParamsSchema,
  documentUploadQuerySchema,
  documentWithdrawSchema,
  personDocumentListSchema,
  personDocumentSchema,
} from '../documents';
import { apiErrorSchema } from '../errors';
import { binary, defineRoute } from '../route';
import { idParams } from '../scalars';

const read = { permission: 'documents.read', scope: 'person' } as const;
const write = { permission: 'documents.write', scope: 'person' } as const;

/** Documents attached to a person's file (identity, CV, certificates, scanned contract). */
export const documentsApi = {
  list: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/documents',
    access: read,
    tags: ['documents'],
    params: idParams,
    responses: { 200: personDocumentListSchema },
  }),
  upload: defineRoute({
    summary: 'Ajoute un document (PDF, JPEG ou PNG brut, 10 Mo au plus) au dossier',
    method: 'POST',
    path: '/api/persons/:id/documents',
    access: write,
    tags: ['documents'],
    params: idParams,
    query: documentUploadQuerySchema,
    upload: documentContentTypes,
    responses: { 201: personDocumentSchema, 413: apiErrorSchema, 422: apiErrorSchema },
  }),
  download: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/documents/:documentId',
    access: read,
    tags: ['documents'],
    params: documentParamsSchema,
    responses: { 200: binary('application/octet-stream') },
  }),
  withdraw: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/documents/:documentId/withdraw',
    access: write,
    tags: ['documents'],
    params: documentParamsSchema,
    body: documentWithdrawSchema,
    responses: { 200: personDocumentSchema },
  }),
};
