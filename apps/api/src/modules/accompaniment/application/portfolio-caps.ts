import {
  type PortfolioCapSet,
  type PortfolioCapSetInput,
  type PortfolioCaps,
  type PortfolioCapsValue,
  portfolioCapsValueSchema,
} from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import type { RequestInfo } from '../../../platform/request-info';
import { ruleSetHistory } from '../../../platform/rules/dated-rules';
import { addRuleSet, asHistoryLine, storedRuleSets } from '../../../platform/rules/rule-set-store';
import { parisToday } from '../../../platform/time';
import {
  capRuleOn,
  defaultPortfolioCapRules,
  PORTFOLIO_CAPS_KIND,
  type PortfolioCapRule,
} from '../domain/portfolio-caps';

/** Dated portfolio caps: the built-in set and the département's own rows of `rule_set`, the latest first. */
export async function storedCapSets(
  exec: Kysely<Database>,
  departmentCode: string,
): Promise<PortfolioCapSet[]> {
  const base = defaultPortfolioCapRules[0]!;
  const own = await storedRuleSets(exec, departmentCode, PORTFOLIO_CAPS_KIND, (v): PortfolioCapsValue => {
    const raw = v as Partial<PortfolioCapsValue>;
    // A stored set missing a kind (a kind added since) keeps the built-in cap for it.
    const parsed = portfolioCapsValueSchema.safeParse({
      byKind: { ...base.byKind, ...(raw.byKind ?? {}) },
      globalSupportPair: raw.globalSupportPair ?? base.globalSupportPair,
    });
    return parsed.success ? parsed.data : { byKind: base.byKind, globalSupportPair: base.globalSupportPair };
  });
  return ruleSetHistory(defaultPortfolioCapRules, own.map(asHistoryLine));
}

/** The caps in force on a day (today by default). */
export async function capRuleOnDay(
  exec: Kysely<Database>,
  departmentCode: string,
  day = parisToday(),
): Promise<PortfolioCapRule> {
  return capRuleOn(await storedCapSets(exec, departmentCode), day);
}

export async function getPortfolioCaps(ctx: AppContext, actor: RequestActor): Promise<PortfolioCaps> {
  const sets = await storedCapSets(ctx.db, actor.departmentCode);
  return { current: capRuleOn(sets, parisToday()), sets };
}

/** Records a new dated set of caps (today or later); the former ones stay for the past. */
export async function addPortfolioCaps(
  ctx: AppContext,
  actor: RequestActor,
  input: PortfolioCapSetInput,
  request: RequestInfo,
): Promise<PortfolioCaps> {
  const value = { byKind: input.byKind, globalSupportPair: input.globalSupportPair };
  await addRuleSet(
    ctx,
    actor,
    request,
    { kind: PORTFOLIO_CAPS_KIND, effectiveFrom: input.effectiveFrom, value, source: input.source },
    {
      past: 'Des plafonds ne s’appliquent pas au passé : choisissez aujourd’hui ou une date à venir.',
      taken: 'Des plafonds sont déjà fixés à partir de cette date : choisissez une autre date.',
      takenField: 'Des plafonds sont déjà fixés à partir de cette date.',
      audit: 'assignment.caps_set',
    },
  );
  return getPortfolioCaps(ctx, actor);
}
