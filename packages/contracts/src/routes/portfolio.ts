import {
  alertDigestPreferenceInputSchema,
  alertDigestPreferenceSchema,
  alertsQuerySchema,
  alertsResultSchema,
} from '../alerts';
import { portfolioQuerySchema, portfolioSchema } from '../portfolio';
import { binary, defineRoute } from '../route';

const tags = ['portfolio'];

/**
 * A référent's or a structure's portfolio (and its export), the accompaniment alerts derived from
 * the facts, and the agent's choice about the daily digest of their alerts.
 */
export const portfolioApi = {
  get: defineRoute({
    method: 'GET',
    path: '/api/portfolio',
    access: { permission: 'portfolio.read' },
    tags,
    query: portfolioQuerySchema,
    responses: { 200: portfolioSchema },
  }),
  export: defineRoute({
    method: 'GET',
    path: '/api/portfolio.xlsx',
    access: { permission: 'portfolio.read' },
    tags,
    query: portfolioQuerySchema,
    responses: { 200: binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
  }),
  alerts: defineRoute({
    method: 'GET',
    path: '/api/alerts',
    access: { permission: 'alerts.read' },
    tags,
    query: alertsQuerySchema,
    responses: { 200: alertsResultSchema },
  }),
  /** The signed-in agent's own choice: receive the daily digest of their alerts or not. */
  digestPreference: defineRoute({
    method: 'GET',
    path: '/api/me/alert-digest',
    access: { permission: 'session.self' },
    tags,
    responses: { 200: alertDigestPreferenceSchema },
  }),
  setDigestPreference: defineRoute({
    method: 'PUT',
    path: '/api/me/alert-digest',
    access: { permission: 'session.self' },
    tags,
    body: alertDigestPreferenceInputSchema,
    responses: { 200: alertDigestPreferenceSchema },
  }),
};
