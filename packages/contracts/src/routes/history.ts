import { z } from 'zod';
import { apiErrorSchema } from '../errors';
import { historyImportQuerySchema, historyReportSchema, historyRunSchema } from '../history';
import { defineRoute } from '../route';

const admin = { permission: 'history.import' } as const;

/** History import: a département's past, as one NDJSON file (shared/formats/history.md). */
export const historyApi = {
  importFile: defineRoute({
    summary: 'Importe un fichier d’historique (NDJSON brut, application/x-ndjson)',
    method: 'POST',
    path: '/api/admin/history-imports',
    access: admin,
    tags: ['history'],
    query: historyImportQuerySchema,
    upload: ['application/x-ndjson', 'text/plain'],
    // A rejected file answers 400 with its report; a malformed request, the usual error.
    responses: { 200: historyReportSchema, 400: z.union([historyReportSchema, apiErrorSchema]) },
  }),
  listRuns: defineRoute({
    method: 'GET',
    path: '/api/admin/history-imports',
    access: admin,
    tags: ['history'],
    responses: { 200: z.object({ items: z.array(historyRunSchema) }) },
  }),
};
