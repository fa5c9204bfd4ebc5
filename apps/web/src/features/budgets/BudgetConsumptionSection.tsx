/** Foundation stub: the budgets slice draws the consumption of the budgets (planned, committed, gap). */
export function BudgetConsumptionSection(_props: { year: number }) {
  return null;
}
