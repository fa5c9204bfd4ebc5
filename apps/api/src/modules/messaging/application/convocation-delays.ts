import type {
  ConvocationDelayRule as ConvocationDelayRuleDto,
  ConvocationDelayRuleInput,
  ConvocationDelays,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import type { RequestInfo } from '../../../platform/request-info';
import { ruleSetHistory } from '../../../platform/rules/dated-rules';
import { addRuleSet, asHistoryLine, storedRuleSets } from '../../../platform/rules/rule-set-store';
import { parisToday } from '../../../platform/time';
import {
  CONVOCATION_DELAYS_KIND,
  type ConvocationDelayRule,
  defaultConvocationDelayRules,
  delayRuleOn,
} from '../domain/convocation-delays';

/** The built-in rule and the département's own dated rows, the latest first. */
async function storedRules(db: Db, departmentCode: string): Promise<ConvocationDelayRuleDto[]> {
  const own = await storedRuleSets(db, departmentCode, CONVOCATION_DELAYS_KIND, (v) => ({
    letterDays: Number(v.letterDays ?? 5),
    emailHours: Number(v.emailHours ?? 48),
    smsHours: Number(v.smsHours ?? 48),
  }));
  return ruleSetHistory(defaultConvocationDelayRules, own.map(asHistoryLine));
}

/** The minimum delays per channel in force on a day (today by default), for this département. */
export async function convocationDelayRuleOn(
  db: Db,
  departmentCode: string,
  day = parisToday(),
): Promise<ConvocationDelayRule> {
  const r = delayRuleOn(await storedRules(db, departmentCode), day);
  return {
    effectiveFrom: r.effectiveFrom,
    letterDays: r.letterDays,
    emailHours: r.emailHours,
    smsHours: r.smsHours,
    source: r.source,
  };
}

/** The rule in force today and the dated history, the latest first. */
export async function getConvocationDelays(ctx: AppContext, actor: RequestActor): Promise<ConvocationDelays> {
  const rules = await storedRules(ctx.db, actor.departmentCode);
  return { current: delayRuleOn(rules, parisToday()), rules };
}

/**
 * Records new minimum delays from a date (today or later): the former rules stay, so that a
 * convocation is always judged by the rule of its day. A date already holding a rule is refused.
 */
export async function addConvocationDelays(
  ctx: AppContext,
  actor: RequestActor,
  input: ConvocationDelayRuleInput,
  request: RequestInfo,
): Promise<ConvocationDelays> {
  const value = { letterDays: input.letterDays, emailHours: input.emailHours, smsHours: input.smsHours };
  await addRuleSet(
    ctx,
    actor,
    request,
    { kind: CONVOCATION_DELAYS_KIND, effectiveFrom: input.effectiveFrom, value, source: input.source },
    {
      past: 'Un délai ne s’applique pas au passé : choisissez aujourd’hui ou une date à venir.',
      taken: 'Des délais sont déjà fixés à partir de cette date : choisissez une autre date.',
      audit: 'messaging.convocation_delays_set',
    },
  );
  return getConvocationDelays(ctx, actor);
}
