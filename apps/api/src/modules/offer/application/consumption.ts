import type { BudgetConsumption, BudgetConsumptionQuery, BudgetConsumptionYear } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { parisToday } from '../../../platform/time';
import { consumptionOfYear, consumptionRange } from '../domain/consumption';
import { coveredYears, loadConsumptionFacts } from '../infra/consumption-repo';

/** Planned, committed and gap, year by year, per action, per axis and in total (aggregates only). */
export async function getBudgetConsumption(
  ctx: AppContext,
  actor: RequestActor,
  query: BudgetConsumptionQuery,
): Promise<BudgetConsumption> {
  const needsCovered = query.from === undefined || query.to === undefined;
  const covered = needsCovered ? await coveredYears(ctx.db, actor.departmentCode) : [];
  const { from, to } = consumptionRange(query, covered, Number(parisToday().slice(0, 4)));
  const facts = await loadConsumptionFacts(ctx.db, actor.departmentCode, from, to);
  const years: BudgetConsumptionYear[] = [];
  for (let year = from; year <= to; year++) years.push(consumptionOfYear(facts, year));
  return { from, to, years };
}

/** One year's consumption (the budgets page's `committed`). */
export async function consumptionOfOneYear(
  ctx: AppContext,
  departmentCode: string,
  year: number,
): Promise<BudgetConsumptionYear> {
  return consumptionOfYear(await loadConsumptionFacts(ctx.db, departmentCode, year, year), year);
}
