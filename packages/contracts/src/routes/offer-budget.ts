/** Budgets of the offer, the 2020 annex, its inconsistencies and export (issue 12). */
export const offerBudgetApi = {};
