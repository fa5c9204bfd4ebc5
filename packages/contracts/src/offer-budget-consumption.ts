import { z } from 'zod';
import { budgetSourceSchema, exitCategorySchema } from './offer';

/**
 * Consumption of the offer's budgets (issue 13, SPEC §9): per action, per axis and in total, the
 * planned amount with its State / département shares, the committed amount (referrals × the
 * action's unit cost, individual aids validated) and the gap. Definitions: docs/budgets.md.
 */

/** Referral statuses that commit money: the operator accepted the person (then entry, exit). */
export const committingReferralStatuses = ['accepted', 'entered', 'exited'] as const;

/** The axis whose line carries the individual aids (the RSA insertion path: public insertion service). */
export const AIDS_AXIS = 3;
export const aidsLineLabel = 'Aides individuelles (enveloppes par nature et pôle)';

/** How many years one consumption view may cover. */
export const CONSUMPTION_MAX_YEARS = 10;

/** Amounts in cents. committed null: the action has no unit cost (« coût unitaire non défini »). */
const consumptionAmounts = {
  plannedCents: z.number().int().nullable(),
  plannedStateShareCents: z.number().int().nullable(),
  plannedDepartmentShareCents: z.number().int().nullable(),
  committedCents: z.number().int().nullable(),
  /** planned − committed; null when committed is unknown. */
  gapCents: z.number().int().nullable(),
};
export const consumptionAmountsSchema = z.object(consumptionAmounts);
export type ConsumptionAmounts = z.infer<typeof consumptionAmountsSchema>;

export const actionBeneficiariesSchema = z.object({
  planned: z.number().int().nullable(),
  plannedText: z.string().nullable(),
  /** Fiches de liaison sent in the year, whatever became of them. */
  referred: z.number().int(),
  /** Entries into the action dated in the year. */
  entered: z.number().int(),
  /** Exits dated in the year, by category and type of the typology. */
  exits: z.array(z.object({ category: exitCategorySchema, type: z.string(), count: z.number().int() })),
});
export type ActionBeneficiaries = z.infer<typeof actionBeneficiariesSchema>;

export const actionConsumptionSchema = z.object({
  ...consumptionAmounts,
  actionId: z.uuid(),
  code: z.string(),
  title: z.string(),
  axis: z.number().int(),
  plannedSource: budgetSourceSchema.nullable(),
  unitCostCents: z.number().int().nullable(),
  /** Referrals committing money in the year (accepted, entered, exited). */
  committingReferrals: z.number().int(),
  beneficiaries: actionBeneficiariesSchema,
});
export type ActionConsumption = z.infer<typeof actionConsumptionSchema>;

export const aidsConsumptionSchema = z.object({
  ...consumptionAmounts,
  label: z.string(),
  kinds: z.array(
    z.object({
      kind: z.string(),
      plannedCents: z.number().int().nullable(),
      committedCents: z.number().int(),
    }),
  ),
});
export type AidsConsumption = z.infer<typeof aidsConsumptionSchema>;

export const axisConsumptionSchema = z.object({
  ...consumptionAmounts,
  axis: z.number().int(),
  label: z.string(),
  actions: z.array(actionConsumptionSchema),
  aids: aidsConsumptionSchema.nullable(),
  /** Actions with referrals committing money but no unit cost: the committed sum is incomplete. */
  actionsWithoutUnitCost: z.number().int(),
});
export type AxisConsumption = z.infer<typeof axisConsumptionSchema>;

export const budgetConsumptionYearSchema = z.object({
  ...consumptionAmounts,
  year: z.number().int(),
  axes: z.array(axisConsumptionSchema),
  actionsWithoutUnitCost: z.number().int(),
});
export type BudgetConsumptionYear = z.infer<typeof budgetConsumptionYearSchema>;

const consumptionYear = (label: string) =>
  z.coerce
    .number({ message: `${label} invalide.` })
    .int({ message: `${label} invalide.` })
    .min(2000, { message: `${label} invalide.` })
    .max(2100, { message: `${label} invalide.` });

/** Absent bounds: the years the budgets and the facts cover (the latest ten at most). */
export const budgetConsumptionQuerySchema = z
  .object({
    from: consumptionYear('Première année').optional(),
    to: consumptionYear('Dernière année').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from !== undefined && v.to !== undefined) {
      if (v.from > v.to)
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'La dernière année doit être postérieure ou égale à la première.',
        });
      else if (v.to - v.from >= CONSUMPTION_MAX_YEARS)
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `La période ne peut pas dépasser ${CONSUMPTION_MAX_YEARS} ans.`,
        });
    }
  });
export type BudgetConsumptionQuery = z.infer<typeof budgetConsumptionQuerySchema>;

export const budgetConsumptionSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  years: z.array(budgetConsumptionYearSchema),
});
export type BudgetConsumption = z.infer<typeof budgetConsumptionSchema>;
