import type { AidCeilingInput, AidCeilingRule as AidCeilingRuleDto, AidCeilings } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import type { RequestInfo } from '../../../platform/request-info';
import { ruleSetHistory } from '../../../platform/rules/dated-rules';
import { addRuleSet, asHistoryLine, storedRuleSets } from '../../../platform/rules/rule-set-store';
import { parisToday } from '../../../platform/time';
import {
  AID_CEILINGS_KIND,
  type AidCeilingRule,
  ceilingRuleOn,
  defaultAidCeilingRules,
  parseCeilingValue,
} from '../domain/ceilings';

/** The built-in set and the département's own dated sets, the latest first. */
async function storedRules(db: Db, departmentCode: string): Promise<AidCeilingRuleDto[]> {
  const own = await storedRuleSets(db, departmentCode, AID_CEILINGS_KIND, parseCeilingValue);
  return ruleSetHistory(defaultAidCeilingRules, own.map(asHistoryLine));
}

/** The ceilings in force on a day (the aid's request day) for this département. */
export async function aidCeilingRuleOn(db: Db, departmentCode: string, day: string): Promise<AidCeilingRule> {
  return ceilingRuleOn(await storedRules(db, departmentCode), day);
}

export async function getAidCeilings(ctx: AppContext, actor: RequestActor): Promise<AidCeilings> {
  const rules = await storedRules(ctx.db, actor.departmentCode);
  return { current: ceilingRuleOn(rules, parisToday()), rules };
}

/** New ceilings from a date (today or later); the former sets stay for the aids of their days. */
export async function addAidCeilings(
  ctx: AppContext,
  actor: RequestActor,
  input: AidCeilingInput,
  request: RequestInfo,
): Promise<AidCeilings> {
  await addRuleSet(
    ctx,
    actor,
    request,
    {
      kind: AID_CEILINGS_KIND,
      effectiveFrom: input.effectiveFrom,
      value: { perAid: input.perAid, perPersonYear: input.perPersonYear },
      source: input.source,
    },
    {
      past: 'Des plafonds ne s’appliquent pas au passé : choisissez aujourd’hui ou une date à venir.',
      taken: 'Des plafonds sont déjà fixés à partir de cette date : choisissez une autre date.',
      takenField: 'Des plafonds sont déjà fixés à partir de cette date.',
      audit: 'aid.ceilings_set',
    },
  );
  return getAidCeilings(ctx, actor);
}
