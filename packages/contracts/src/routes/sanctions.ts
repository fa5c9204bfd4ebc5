import { defineRoute } from '../route';
import {
  sanctionPracticeInputSchema,
  sanctionRegimeInputSchema,
  sanctionRulesSchema,
} from '../sanction-rules';

const tags = ['sanctions'];

/** Duties and sanctions (issue 14): the dated rule sets of the regimes and of the département's practice. */
export const sanctionsApi = {
  rules: defineRoute({
    method: 'GET',
    path: '/api/sanction-rules',
    access: { permission: 'reference.read' },
    tags,
    responses: { 200: sanctionRulesSchema },
  }),
  addRegime: defineRoute({
    method: 'POST',
    path: '/api/sanction-rules/regimes',
    access: { permission: 'rules.manage' },
    tags,
    body: sanctionRegimeInputSchema,
    responses: { 201: sanctionRulesSchema },
  }),
  addPractice: defineRoute({
    method: 'POST',
    path: '/api/sanction-rules/practice',
    access: { permission: 'rules.manage' },
    tags,
    body: sanctionPracticeInputSchema,
    responses: { 201: sanctionRulesSchema },
  }),
};
