import type { AuditAction, FieldError } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { RequestActor } from '../auth/sessions';
import type { AppContext } from '../context';
import type { Database } from '../db/schema';
import { conflict, invalid } from '../errors';
import type { RequestInfo } from '../request-info';
import { parisToday } from '../time';
import { unitOfWork } from '../use-case';
import type { Dated, RuleSetOrigin } from './dated-rules';

/** A département's stored set of a kind, its value read by the kind's `parse`. */
export interface StoredRuleSet<V> extends Dated {
  value: V;
  source: string;
  createdByName: string | null;
  createdAt: string;
}

const dayOf = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The département's stored sets of a kind (table `rule_set`), with their author's name, unordered. */
export async function storedRuleSets<V>(
  db: Kysely<Database>,
  departmentCode: string,
  kind: string,
  parse: (raw: Record<string, unknown>) => V,
): Promise<StoredRuleSet<V>[]> {
  const rows = await db
    .selectFrom('rule_set as r')
    .leftJoin('account as a', 'a.id', 'r.created_by')
    .select(['r.effective_from', 'r.value', 'r.source', 'r.created_at', 'a.display_name'])
    .where('r.department_code', '=', departmentCode)
    .where('r.kind', '=', kind)
    .execute();
  return rows.map((r) => ({
    effectiveFrom: dayOf(r.effective_from),
    value: parse(
      ((typeof r.value === 'string' ? JSON.parse(r.value) : r.value) ?? {}) as Record<string, unknown>,
    ),
    source: r.source,
    createdByName: r.display_name,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** A stored set as a rule: its value with its date and source. */
export const asRule = <V extends object>(s: StoredRuleSet<V>): V & Dated & { source: string } => ({
  ...s.value,
  effectiveFrom: s.effectiveFrom,
  source: s.source,
});

/** A stored set as a line of the history: the rule and who recorded it. */
export const asHistoryLine = <V extends object>(
  s: StoredRuleSet<V>,
): V & Dated & { source: string } & RuleSetOrigin => ({
  ...asRule(s),
  builtIn: false,
  createdByName: s.createdByName,
  createdAt: s.createdAt,
});

export interface NewRuleSet<V> {
  kind: string;
  effectiveFrom: string;
  value: V;
  source: string;
}

/** The kind's words and trace for a new set. */
export interface RuleSetMessages {
  /** The refusal of a date in the past (under the field `effectiveFrom`). */
  past: string;
  /** The refusal of a date already holding a set (409), with the field's message when the form shows it. */
  taken: string;
  takenField?: string;
  /** The audit action; its details are the date and the value. */
  audit: AuditAction;
}

/**
 * Records a new set from a date (today or later) in one unit of work, audited: the former sets stay,
 * so that a fact is always judged by the set of its day. A date already holding a set is refused.
 */
export async function addRuleSet<V extends Record<string, unknown>>(
  ctx: AppContext,
  actor: RequestActor,
  request: RequestInfo,
  set: NewRuleSet<V>,
  messages: RuleSetMessages,
): Promise<void> {
  if (set.effectiveFrom < parisToday()) throw invalid('effectiveFrom', messages.past);
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const taken = await trx
      .selectFrom('rule_set')
      .select('id')
      .where('department_code', '=', actor.departmentCode)
      .where('kind', '=', set.kind)
      .where('effective_from', '=', set.effectiveFrom)
      .executeTakeFirst();
    if (taken) {
      const fields: FieldError[] | undefined = messages.takenField
        ? [{ path: 'effectiveFrom', code: 'duplicate', message: messages.takenField }]
        : undefined;
      throw conflict(messages.taken, fields);
    }
    const row = await trx
      .insertInto('rule_set')
      .values({
        department_code: actor.departmentCode,
        kind: set.kind,
        effective_from: set.effectiveFrom,
        value: JSON.stringify(set.value),
        source: set.source,
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: messages.audit,
      targetType: 'rule_set',
      targetId: row.id,
      details: { effectiveFrom: set.effectiveFrom, ...set.value },
    });
  });
}
