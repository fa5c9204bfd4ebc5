import { binary, defineRoute } from '../route';
import { dreesStatisticsSchema, statisticsQuerySchema } from '../statistics';

const tags = ['steering'];

/** DREES statistics and statistics exports without directly identifying data (issue 13, points 4 and 6). */
export const statisticsApi = {
  drees: defineRoute({
    method: 'GET',
    path: '/api/statistics/drees',
    access: { permission: 'statistics.read' },
    tags,
    summary:
      'Statistiques DREES (orientation et accompagnement des bénéficiaires du RSA) à une date, secret statistique appliqué',
    query: statisticsQuerySchema,
    responses: { 200: dreesStatisticsSchema },
  }),
  dreesExport: defineRoute({
    method: 'GET',
    path: '/api/statistics/drees.xlsx',
    access: { permission: 'statistics.read' },
    tags,
    summary: 'Statistiques DREES en XLSX (une feuille par tableau), secret statistique appliqué',
    query: statisticsQuerySchema,
    responses: { 200: binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
  }),
};
