import {
  conventionCellSchema,
  conventionHistorySchema,
  conventionTableQuerySchema,
  conventionTableSchema,
  conventionValueInputSchema,
} from '../convention';
import { binary, defineRoute } from '../route';
import { idParams } from '../scalars';

const read = { permission: 'indicators.read' } as const;
const tags = ['steering'];

/** The convention's indicator table (issue 13, point 2): read, edit a value, its history, XLSX. */
export const conventionApi = {
  table: defineRoute({
    method: 'GET',
    path: '/api/convention/table',
    access: read,
    tags,
    summary: 'Tableau des indicateurs de la convention, avec la colonne calculée d’une année',
    query: conventionTableQuerySchema,
    responses: { 200: conventionTableSchema },
  }),
  tableXlsx: defineRoute({
    method: 'GET',
    path: '/api/convention/table.xlsx',
    access: read,
    tags,
    summary: 'Tableau des indicateurs de la convention en XLSX (mise en page de la convention)',
    query: conventionTableQuerySchema,
    responses: { 200: binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
  }),
  setValue: defineRoute({
    method: 'PUT',
    path: '/api/convention/values/:id',
    access: { permission: 'convention.manage' },
    tags,
    summary: 'Modifier une valeur du tableau (valeur ou ND, avec un commentaire)',
    params: idParams,
    body: conventionValueInputSchema,
    responses: { 200: conventionCellSchema },
  }),
  history: defineRoute({
    method: 'GET',
    path: '/api/convention/values/:id/history',
    access: read,
    tags,
    summary: 'Historique des modifications d’une valeur du tableau',
    params: idParams,
    responses: { 200: conventionHistorySchema },
  }),
};
