/** The referrals context's facade: the hours of a contract's fiches de liaison (its weekly plan). */
export { referralPlanSteps } from './infra/plan-steps';
