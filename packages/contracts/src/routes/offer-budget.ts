import { z } from 'zod';
import {
  annexInconsistenciesSchema,
  budgetYearLineSchema,
  budgetYearQuerySchema,
  manualBudgetParamsSchema,
  manualBudgetSchema,
  offerBudgetsSchema,
} from '../offer-budget';
import { budgetConsumptionQuerySchema, budgetConsumptionSchema } from '../offer-budget-consumption';
import { binary, defineRoute } from '../route';

const read = { permission: 'offer.budget' } as const;
const tags = ['offer'];

/** Budgets of the offer, the 2020 annex, its inconsistencies and export (issue 12). */
export const offerBudgetApi = {
  budgets: defineRoute({
    method: 'GET',
    path: '/api/offer/budgets',
    access: read,
    tags,
    query: budgetYearQuerySchema,
    responses: { 200: offerBudgetsSchema },
  }),
  /** Planned, committed and gap per action, axis and in total, year by year (aggregates only). */
  consumption: defineRoute({
    method: 'GET',
    path: '/api/offer/budgets/consumption',
    access: read,
    tags,
    query: budgetConsumptionQuerySchema,
    responses: { 200: budgetConsumptionSchema },
  }),
  inconsistencies: defineRoute({
    method: 'GET',
    path: '/api/offer/budgets/inconsistencies',
    access: read,
    tags,
    query: budgetYearQuerySchema,
    responses: { 200: annexInconsistenciesSchema },
  }),
  annexXlsx: defineRoute({
    method: 'GET',
    path: '/api/offer/annex.xlsx',
    access: read,
    tags,
    query: budgetYearQuerySchema,
    responses: { 200: binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') },
  }),
  setManualBudget: defineRoute({
    method: 'PUT',
    path: '/api/offer/actions/:id/budgets/:year',
    access: { permission: 'offer.manage' },
    tags,
    params: manualBudgetParamsSchema,
    body: manualBudgetSchema,
    responses: { 200: z.object({ actionId: z.uuid(), budget: budgetYearLineSchema }) },
  }),
};
