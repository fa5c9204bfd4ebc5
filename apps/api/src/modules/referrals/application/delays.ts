import type { ReferralDelayInput, ReferralDelays } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import type { RequestInfo } from '../../../platform/request-info';
import { ruleOn, ruleSetHistory } from '../../../platform/rules/dated-rules';
import { addRuleSet, asHistoryLine, storedRuleSets } from '../../../platform/rules/rule-set-store';
import { parisToday } from '../../../platform/time';
import { defaultReferralDelayRules, REFERRAL_DELAYS_KIND, type ReferralDelayRule } from '../domain/delays';

/** The built-in rule and the département's own dated rows, the latest first. */
async function storedRules(db: Db, departmentCode: string) {
  const own = await storedRuleSets(db, departmentCode, REFERRAL_DELAYS_KIND, (v) => ({
    answerDays: Number(v.answerDays ?? 10),
  }));
  return ruleSetHistory(defaultReferralDelayRules, own.map(asHistoryLine));
}

/** Every rule of the département (to judge each referral by the rule of its sending day). */
export async function referralDelayRules(db: Db, departmentCode: string): Promise<ReferralDelayRule[]> {
  return storedRules(db, departmentCode);
}

export async function getReferralDelays(ctx: AppContext, actor: RequestActor): Promise<ReferralDelays> {
  const rules = await storedRules(ctx.db, actor.departmentCode);
  return { current: ruleOn(rules, parisToday()), rules };
}

/** A new delay from a date (today or later); the former ones stay for the referrals of their days. */
export async function addReferralDelays(
  ctx: AppContext,
  actor: RequestActor,
  input: ReferralDelayInput,
  request: RequestInfo,
): Promise<ReferralDelays> {
  await addRuleSet(
    ctx,
    actor,
    request,
    {
      kind: REFERRAL_DELAYS_KIND,
      effectiveFrom: input.effectiveFrom,
      value: { answerDays: input.answerDays },
      source: input.source,
    },
    {
      past: 'Un délai ne s’applique pas au passé : choisissez aujourd’hui ou une date à venir.',
      taken: 'Un délai est déjà fixé à partir de cette date : choisissez une autre date.',
      takenField: 'Un délai est déjà fixé à partir de cette date.',
      audit: 'referral.delays_set',
    },
  );
  return getReferralDelays(ctx, actor);
}
