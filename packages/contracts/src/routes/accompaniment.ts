import {
  assignmentInboxQuerySchema,
  assignmentInboxSchema,
  assignmentStructuresSchema,
  assignPersonsSchema,
  assignResultSchema,
  changeReferentSchema,
  personReferentsSchema,
  portfolioCapSetInputSchema,
  portfolioCapsSchema,
} from '../assignment';
import { defineRoute } from '../route';
import { idParams } from '../scalars';

/**
 * Accompaniment: référent unique (assignment inbox, portfolio caps, change of référent).
 * Shared file of issue 11 — each part appends its routes to `accompanimentApi` below, in its own
 * block with a comment line (assignment, portfolios, …); do not reorder the others' blocks.
 */

const manage = { permission: 'assignment.manage' } as const;
const tags = ['accompaniment'];

export const accompanimentApi = {
  // ---- Référent unique: assignment inbox, caps, change of référent ------------------------------
  assignmentStructures: defineRoute({
    method: 'GET',
    path: '/api/accompaniment/assignment-structures',
    access: manage,
    tags,
    summary: 'The structures whose inbox the actor may open (own structure, or all for an administrator)',
    responses: { 200: assignmentStructuresSchema },
  }),
  assignmentInbox: defineRoute({
    method: 'GET',
    path: '/api/accompaniment/assignment-inbox',
    access: manage,
    tags,
    summary: 'Persons oriented to the structure without a référent, and its référents with their load',
    query: assignmentInboxQuerySchema,
    responses: { 200: assignmentInboxSchema },
  }),
  assignPersons: defineRoute({
    method: 'POST',
    path: '/api/accompaniment/assignments',
    access: manage,
    tags,
    summary: 'Assigns one or several persons to a référent (all or nothing)',
    body: assignPersonsSchema,
    responses: { 200: assignResultSchema },
  }),
  portfolioCaps: defineRoute({
    method: 'GET',
    path: '/api/accompaniment/portfolio-caps',
    access: manage,
    tags,
    responses: { 200: portfolioCapsSchema },
  }),
  addPortfolioCaps: defineRoute({
    method: 'POST',
    path: '/api/accompaniment/portfolio-caps',
    access: { permission: 'rules.manage' },
    tags,
    body: portfolioCapSetInputSchema,
    responses: { 201: portfolioCapsSchema },
  }),
  personReferents: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/referents',
    access: { permission: 'person.read', scope: 'person' },
    tags: ['persons'],
    summary: 'The person’s current référent and the history of référents',
    params: idParams,
    responses: { 200: personReferentsSchema },
  }),
  changeReferent: defineRoute({
    method: 'POST',
    path: '/api/persons/:id/referent',
    access: { permission: 'assignment.manage', scope: 'person' },
    tags: ['persons'],
    summary: 'Closes the open assignment with its reason and opens one with the new référent',
    params: idParams,
    body: changeReferentSchema,
    responses: { 200: personReferentsSchema },
  }),
};
