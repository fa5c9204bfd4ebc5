import {
  indicatorPersonsQuerySchema,
  indicatorPersonsResponseSchema,
  planPauvreteQuerySchema,
  planPauvreteResponseSchema,
} from '../indicators';
import { defineRoute } from '../route';

const tags = ['steering'];

/** The Plan Pauvreté indicators (issue 13, point 1; INDICATORS.md's API contract). */
export const indicatorsApi = {
  planPauvrete: defineRoute({
    method: 'GET',
    path: '/api/indicators/plan-pauvrete',
    access: { permission: 'indicators.read' },
    tags,
    summary: 'Indicateurs du Plan Pauvreté sur une période, pour le département ou un pôle',
    query: planPauvreteQuerySchema,
    responses: { 200: planPauvreteResponseSchema },
  }),
  /** The persons behind a figure (not the ratio nor the mean's own value: their persons). Audited list. */
  persons: defineRoute({
    method: 'GET',
    path: '/api/indicators/plan-pauvrete/persons',
    access: { permission: 'indicators.persons' },
    tags,
    summary: 'Personnes derrière un indicateur (dans le périmètre de l’agent)',
    query: indicatorPersonsQuerySchema,
    responses: { 200: indicatorPersonsResponseSchema },
  }),
};
