import type { ImmersionLimits, ImmersionLimitsHistory, ImmersionLimitsInput } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import type { RequestInfo } from '../../../platform/request-info';
import { ruleSetHistory } from '../../../platform/rules/dated-rules';
import { addRuleSet, asHistoryLine, storedRuleSets } from '../../../platform/rules/rule-set-store';
import { parisToday } from '../../../platform/time';
import { builtInImmersionLimits, IMMERSION_LIMITS_KIND, limitsOn } from '../domain/limits';

/** The built-in limits and the département's own dated sets, the latest first. */
async function storedLimits(db: Db, departmentCode: string): Promise<ImmersionLimits[]> {
  const own = await storedRuleSets(db, departmentCode, IMMERSION_LIMITS_KIND, (v) => ({
    maxCalendarDays: Number(v.maxCalendarDays ?? 30),
    maxWeeklyHours: Number(v.maxWeeklyHours ?? 48),
  }));
  return ruleSetHistory(builtInImmersionLimits, own.map(asHistoryLine));
}

/** The limits in force on a day (a convention's start date), for this département. */
export async function immersionLimitsOn(
  db: Db,
  departmentCode: string,
  day: string,
): Promise<ImmersionLimits> {
  return limitsOn(await storedLimits(db, departmentCode), day);
}

export async function getImmersionLimits(
  ctx: AppContext,
  actor: RequestActor,
): Promise<ImmersionLimitsHistory> {
  const rules = await storedLimits(ctx.db, actor.departmentCode);
  return { current: limitsOn(rules, parisToday()), rules };
}

/** New limits from a date (today or later); conventions starting before keep the former ones. */
export async function addImmersionLimits(
  ctx: AppContext,
  actor: RequestActor,
  input: ImmersionLimitsInput,
  request: RequestInfo,
): Promise<ImmersionLimitsHistory> {
  await addRuleSet(
    ctx,
    actor,
    request,
    {
      kind: IMMERSION_LIMITS_KIND,
      effectiveFrom: input.effectiveFrom,
      value: { maxCalendarDays: input.maxCalendarDays, maxWeeklyHours: input.maxWeeklyHours },
      source: input.source,
    },
    {
      past: 'Des limites ne s’appliquent pas au passé : choisissez aujourd’hui ou une date à venir.',
      taken: 'Des limites sont déjà fixées à partir de cette date : choisissez une autre date.',
      takenField: 'Des limites sont déjà fixées à partir de cette date.',
      audit: 'immersion.limits_set',
    },
  );
  return getImmersionLimits(ctx, actor);
}
