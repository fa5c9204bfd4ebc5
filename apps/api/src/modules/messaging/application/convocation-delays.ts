import type {
  ConvocationDelayRule as ConvocationDelayRuleDto,
  ConvocationDelayRuleInput,
  ConvocationDelays,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { conflict, invalid } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import {
  type ConvocationDelayRule,
  defaultConvocationDelayRules,
  delayRuleOn,
} from '../domain/convocation-delays';

const KIND = 'convocation_delays';

type StoredRule = ConvocationDelayRuleDto;

async function storedRules(db: Db, departmentCode: string): Promise<StoredRule[]> {
  const rows = await db
    .selectFrom('rule_set as r')
    .leftJoin('account as a', 'a.id', 'r.created_by')
    .select(['r.effective_from', 'r.value', 'r.source', 'r.created_at', 'a.display_name'])
    .where('r.department_code', '=', departmentCode)
    .where('r.kind', '=', KIND)
    .execute();
  const own = rows.map((r): StoredRule => {
    const v = (typeof r.value === 'string' ? JSON.parse(r.value) : r.value) as Partial<ConvocationDelayRule>;
    return {
      effectiveFrom: String(r.effective_from),
      letterDays: Number(v.letterDays ?? 5),
      emailHours: Number(v.emailHours ?? 48),
      smsHours: Number(v.smsHours ?? 48),
      source: r.source,
      builtIn: false,
      createdByName: r.display_name,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
  // A département's row replaces a built-in one of the same date.
  const dates = new Set(own.map((r) => r.effectiveFrom));
  const builtIn = defaultConvocationDelayRules
    .filter((r) => !dates.has(r.effectiveFrom))
    .map((r): StoredRule => ({ ...r, builtIn: true, createdByName: null, createdAt: null }));
  return [...builtIn, ...own].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
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
  if (input.effectiveFrom < parisToday()) {
    throw invalid(
      'effectiveFrom',
      'Un délai ne s’applique pas au passé : choisissez aujourd’hui ou une date à venir.',
    );
  }
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const taken = await trx
      .selectFrom('rule_set')
      .select('id')
      .where('department_code', '=', actor.departmentCode)
      .where('kind', '=', KIND)
      .where('effective_from', '=', input.effectiveFrom)
      .executeTakeFirst();
    if (taken)
      throw conflict('Des délais sont déjà fixés à partir de cette date : choisissez une autre date.');
    const value = { letterDays: input.letterDays, emailHours: input.emailHours, smsHours: input.smsHours };
    const row = await trx
      .insertInto('rule_set')
      .values({
        department_code: actor.departmentCode,
        kind: KIND,
        effective_from: input.effectiveFrom,
        value: JSON.stringify(value),
        source: input.source,
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'messaging.convocation_delays_set',
      targetType: 'rule_set',
      targetId: row.id,
      details: { effectiveFrom: input.effectiveFrom, ...value },
    });
  });
  return getConvocationDelays(ctx, actor);
}
