import { dashboardQuerySchema, dashboardResponseSchema } from '../dashboards';
import { defineRoute } from '../route';

const tags = ['steering'];

/** Steering dashboards: the series behind each chart (issue 13, point 5). Aggregates only. */
export const dashboardsApi = {
  steering: defineRoute({
    method: 'GET',
    path: '/api/dashboards/steering',
    access: { permission: 'statistics.read' },
    tags,
    summary: 'Séries du tableau de bord de pilotage (entrants, délais, files d’attente, charges, actions)',
    query: dashboardQuerySchema,
    responses: { 200: dashboardResponseSchema },
  }),
};
