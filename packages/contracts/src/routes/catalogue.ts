import {
  actionDetailSchema,
  actionInputSchema,
  actionOperatorsInputSchema,
  actionSessionSchema,
  actionTerritoriesInputSchema,
  actionUpdateSchema,
  catalogueFiltersSchema,
  catalogueSearchQuerySchema,
  catalogueSearchResultSchema,
  sessionCancelSchema,
  sessionInputSchema,
  sessionUpdateSchema,
} from '../catalogue';
import { defineRoute } from '../route';
import { idParams } from '../scalars';

const read = { permission: 'offer.read' } as const;
const manage = { permission: 'offer.manage' } as const;
const tags = ['catalogue'];

/** The catalogue of insertion actions, its sessions and free places (issue 12). */
export const catalogueApi = {
  filters: defineRoute({
    method: 'GET',
    path: '/api/catalogue/filters',
    access: read,
    tags,
    summary: 'Choices of the search form: diagnosis themes, communes, pôles, operators',
    responses: { 200: catalogueFiltersSchema },
  }),
  search: defineRoute({
    method: 'GET',
    path: '/api/catalogue/actions',
    access: read,
    tags,
    summary: 'Search actions by need, territory, public and free text, with their open sessions',
    query: catalogueSearchQuerySchema,
    responses: { 200: catalogueSearchResultSchema },
  }),
  getAction: defineRoute({
    method: 'GET',
    path: '/api/catalogue/actions/:id',
    access: read,
    tags,
    params: idParams,
    responses: { 200: actionDetailSchema },
  }),
  createAction: defineRoute({
    method: 'POST',
    path: '/api/catalogue/actions',
    access: manage,
    tags,
    body: actionInputSchema,
    responses: { 201: actionDetailSchema },
  }),
  updateAction: defineRoute({
    method: 'PUT',
    path: '/api/catalogue/actions/:id',
    access: manage,
    tags,
    params: idParams,
    body: actionUpdateSchema,
    responses: { 200: actionDetailSchema },
  }),
  setOperators: defineRoute({
    method: 'PUT',
    path: '/api/catalogue/actions/:id/operators',
    access: manage,
    tags,
    params: idParams,
    body: actionOperatorsInputSchema,
    responses: { 200: actionDetailSchema },
  }),
  setTerritories: defineRoute({
    method: 'PUT',
    path: '/api/catalogue/actions/:id/territories',
    access: manage,
    tags,
    params: idParams,
    body: actionTerritoriesInputSchema,
    responses: { 200: actionDetailSchema },
  }),
  createSession: defineRoute({
    method: 'POST',
    path: '/api/catalogue/actions/:id/sessions',
    access: manage,
    tags,
    params: idParams,
    body: sessionInputSchema,
    responses: { 201: actionSessionSchema },
  }),
  updateSession: defineRoute({
    method: 'PUT',
    path: '/api/catalogue/sessions/:id',
    access: manage,
    tags,
    params: idParams,
    body: sessionUpdateSchema,
    responses: { 200: actionSessionSchema },
  }),
  cancelSession: defineRoute({
    method: 'POST',
    path: '/api/catalogue/sessions/:id/cancel',
    access: manage,
    tags,
    params: idParams,
    body: sessionCancelSchema,
    responses: { 200: actionSessionSchema },
  }),
};
