import { z } from 'zod';
import { actionKindSchema, actionStatusSchema, budgetSourceSchema } from './offer';
import { budgetConsumptionYearSchema } from './offer-budget-consumption';

/** Budgets of the insertion offer: per action and axis, the annex's printed totals, inconsistencies. */

export const budgetYearSchema = z.coerce
  .number({ message: 'Année : obligatoire.' })
  .int({ message: 'Année invalide.' })
  .min(2000, { message: 'Année invalide.' })
  .max(2100, { message: 'Année invalide.' });

export const budgetYearQuerySchema = z.object({ year: budgetYearSchema.optional() });
export type BudgetYearQuery = z.infer<typeof budgetYearQuerySchema>;

/** Amounts in cents; null where the annex prints none. */
export const budgetAmountsSchema = z.object({
  amountCents: z.number().int().nullable(),
  stateShareCents: z.number().int().nullable(),
  departmentShareCents: z.number().int().nullable(),
});
export type BudgetAmounts = z.infer<typeof budgetAmountsSchema>;

export const budgetYearLineSchema = z.object({
  year: z.number().int(),
  source: budgetSourceSchema,
  amountCents: z.number().int(),
  stateShareCents: z.number().int().nullable(),
  departmentShareCents: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type BudgetYearLine = z.infer<typeof budgetYearLineSchema>;

export const offerActionBudgetSchema = z.object({
  actionId: z.uuid(),
  code: z.string(),
  title: z.string(),
  axis: z.number().int(),
  kind: actionKindSchema,
  status: actionStatusSchema,
  grouping: z.string().nullable(),
  plannedBeneficiaries: z.number().int().nullable(),
  plannedBeneficiariesText: z.string().nullable(),
  /** The year's figures by source: the annex table, the action's sheet, typed in Parcours. */
  table: budgetAmountsSchema.nullable(),
  /** The table's cell when it holds no amount ("A définir pour 2021"). */
  tableText: z.string().nullable(),
  sheet: budgetAmountsSchema.nullable(),
  manual: budgetAmountsSchema.nullable(),
  /** Every year of every source (the sheets' multi-year budgets), and the sheet's printed total. */
  years: z.array(budgetYearLineSchema),
  sheetTotalCents: z.number().int().nullable(),
  sheetTotalText: z.string().nullable(),
});
export type OfferActionBudget = z.infer<typeof offerActionBudgetSchema>;

export const annexPrintedLineSchema = budgetAmountsSchema.extend({
  label: z.string(),
  scope: z.enum(['group', 'axis', 'valuation', 'general']),
  beneficiariesText: z.string().nullable(),
  actionCodes: z.array(z.string()),
  /** The same sums computed from the action rows of the table. */
  computed: budgetAmountsSchema,
});
export type AnnexPrintedLine = z.infer<typeof annexPrintedLineSchema>;

export const axisBudgetSchema = z.object({
  axis: z.number().int(),
  label: z.string(),
  actions: z.array(offerActionBudgetSchema),
  groups: z.array(annexPrintedLineSchema),
  printedTotal: annexPrintedLineSchema.nullable(),
  /** Sums of the actions' figures of each source (table, sheet, typed in). */
  totals: z.object({ table: budgetAmountsSchema, sheet: budgetAmountsSchema, manual: budgetAmountsSchema }),
});
export type AxisBudget = z.infer<typeof axisBudgetSchema>;

export const offerBudgetsSchema = z.object({
  year: z.number().int(),
  years: z.array(z.number().int()),
  axes: z.array(axisBudgetSchema),
  valuation: annexPrintedLineSchema.nullable(),
  printedGeneral: annexPrintedLineSchema.nullable(),
  /** The grand total computed from the action rows and the valuation line. */
  computedGeneral: budgetAmountsSchema,
  /** "BUDGET ALLOUE" printed above the annex's table. */
  header: budgetAmountsSchema.nullable(),
  /** The year's planned, committed (referrals × unit cost, aids validated) and gap (docs/budgets.md). */
  committed: budgetConsumptionYearSchema,
});
export type OfferBudgets = z.infer<typeof offerBudgetsSchema>;

export const annexCheckKinds = [
  'sheet_differs',
  'shares_sum',
  'share_not_half',
  'total_mismatch',
  'no_amount',
  'sheet_total',
  'kind_mismatch',
  'header_differs',
] as const;
export const annexCheckKindLabels: Record<(typeof annexCheckKinds)[number], string> = {
  sheet_differs: 'La fiche et le tableau diffèrent',
  shares_sum: 'Parts État + département ≠ montant',
  share_not_half: 'Parts qui ne sont pas à moitié',
  total_mismatch: 'Total imprimé ≠ somme des lignes',
  no_amount: 'Action sans montant',
  sheet_total: 'Total de la fiche ≠ somme des années',
  kind_mismatch: 'Socle ou initiative départementale ?',
  header_differs: 'En-tête ≠ total général',
};

export const annexInconsistencySchema = z.object({
  kind: z.enum(annexCheckKinds),
  actionCode: z.string().nullable(),
  lineLabel: z.string().nullable(),
  facts: z.array(
    z.object({ source: z.string(), amountCents: z.number().int().nullable(), text: z.string().optional() }),
  ),
  message: z.string(),
});
export type AnnexInconsistency = z.infer<typeof annexInconsistencySchema>;

export const annexInconsistenciesSchema = z.object({
  year: z.number().int(),
  items: z.array(annexInconsistencySchema),
});

const cents = (label: string) =>
  z
    .number({ message: `${label} : obligatoire.` })
    .int({ message: `${label} invalide (en centimes, un nombre entier).` })
    .min(0, { message: `${label} invalide : un montant ne peut pas être négatif.` })
    .max(100_000_000_000, { message: `${label} invalide : montant trop élevé.` });

/** A budget typed in Parcours: the shares must add up to the amount (checked by the use case too). */
export const manualBudgetSchema = z
  .object({
    amountCents: cents('Montant'),
    stateShareCents: cents('Part État'),
    departmentShareCents: cents('Part département'),
    note: z.string().trim().max(500, { message: 'Note invalide : 500 caractères au plus.' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.stateShareCents + v.departmentShareCents !== v.amountCents)
      ctx.addIssue({
        code: 'custom',
        path: ['departmentShareCents'],
        message: 'Part département invalide : part État + part département doivent faire le montant.',
      });
  });
export type ManualBudgetInput = z.infer<typeof manualBudgetSchema>;

export const manualBudgetParamsSchema = z.object({
  id: z.uuid({ message: 'Identifiant invalide.' }),
  year: budgetYearSchema,
});
