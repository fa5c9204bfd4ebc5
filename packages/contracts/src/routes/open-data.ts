import { binary, defineRoute } from '../route';

/**
 * The catalogue's open-data export (issue 12, point 7): the data·inclusion v1 arrays (schema 1.0.8,
 * Licence Ouverte 2.0), the same bytes as `npm run cli -- offer export-data-inclusion`. Public and
 * read-only: catalogue facts only, no personal data (docs/open-data.md).
 */
const access = {
  public: 'open data du catalogue des actions d’insertion (aucune donnée personnelle)',
} as const;
const tags = ['open-data'];
const json = binary('application/json; charset=utf-8');

export const openDataApi = {
  dataInclusionStructures: defineRoute({
    method: 'GET',
    path: '/api/open-data/data-inclusion/structures.json',
    access,
    tags,
    summary: 'Structures (opérateurs des actions) au format data·inclusion v1',
    responses: { 200: json },
  }),
  dataInclusionServices: defineRoute({
    method: 'GET',
    path: '/api/open-data/data-inclusion/services.json',
    access,
    tags,
    summary: 'Services (actions du catalogue, hors actions annulées) au format data·inclusion v1',
    responses: { 200: json },
  }),
};
