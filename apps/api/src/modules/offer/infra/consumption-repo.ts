import { committedAidStatuses, committingReferralStatuses } from '@parcours/contracts';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database';
import type { ConsumptionFacts } from '../domain/consumption';

const bounds = (from: number, to: number) => [`${from}-01-01`, `${to}-12-31`] as const;
const yearOfDay = (column: string) => sql<number>`extract(year from ${sql.ref(column)})::int`;
/** A committing referral is dated by its entry, else by its sending (docs/budgets.md). */
const commitDay = sql`coalesce(entered_on, sent_on)`;

/** The years any budget, envelope, referral or aid of the département falls in, ascending. */
export async function coveredYears(db: Db, departmentCode: string): Promise<number[]> {
  const { rows } = await sql<{ year: number }>`
    select distinct y as year from (
      select year as y from insertion_action_budget where department_code = ${departmentCode}
      union select year from aid_envelope where department_code = ${departmentCode}
      union select extract(year from sent_on)::int from referral where department_code = ${departmentCode}
      union select extract(year from entered_on)::int from referral
        where department_code = ${departmentCode} and entered_on is not null
      union select extract(year from exited_on)::int from referral
        where department_code = ${departmentCode} and exited_on is not null
      union select extract(year from requested_on)::int from individual_aid where department_code = ${departmentCode}
    ) as years where y is not null order by y`.execute(db);
  return rows.map((r) => Number(r.year));
}

/** Every fact the consumption of years `from`..`to` is computed from: aggregates, never a person. */
export async function loadConsumptionFacts(
  db: Db,
  departmentCode: string,
  from: number,
  to: number,
): Promise<ConsumptionFacts> {
  const [first, last] = bounds(from, to);
  const actions = await db
    .selectFrom('insertion_action')
    .select([
      'id',
      'code',
      'title',
      'axis',
      'unit_cost_cents',
      'planned_beneficiaries',
      'planned_beneficiaries_text',
    ])
    .where('department_code', '=', departmentCode)
    .orderBy('axis')
    .orderBy('code')
    .execute();
  const budgets = await db
    .selectFrom('insertion_action_budget')
    .select(['action_id', 'year', 'source', 'amount_cents', 'state_share_cents', 'department_share_cents'])
    .where('department_code', '=', departmentCode)
    .where('year', '>=', from)
    .where('year', '<=', to)
    .execute();
  const committing = await db
    .selectFrom('referral')
    .select([
      'action_id',
      sql<number>`extract(year from ${commitDay})::int`.as('year'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('department_code', '=', departmentCode)
    .where('status', 'in', [...committingReferralStatuses])
    .where(commitDay, '>=', first)
    .where(commitDay, '<=', last)
    .groupBy(['action_id', sql`extract(year from ${commitDay})::int`])
    .execute();
  const countBy = (column: 'sent_on' | 'entered_on') =>
    db
      .selectFrom('referral')
      .select(['action_id', yearOfDay(column).as('year'), sql<number>`count(*)::int`.as('n')])
      .where('department_code', '=', departmentCode)
      .where(column, '>=', first)
      .where(column, '<=', last)
      .groupBy(['action_id', yearOfDay(column)])
      .execute();
  const referred = await countBy('sent_on');
  const entered = await countBy('entered_on');
  const exits = await db
    .selectFrom('referral')
    .select([
      'action_id',
      yearOfDay('exited_on').as('year'),
      'exit_category',
      'exit_type',
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('department_code', '=', departmentCode)
    .where('status', '=', 'exited')
    .where('exited_on', '>=', first)
    .where('exited_on', '<=', last)
    .groupBy(['action_id', yearOfDay('exited_on'), 'exit_category', 'exit_type'])
    .execute();
  const envelopes = await db
    .selectFrom('aid_envelope')
    .select(['year', 'kind', sql<string>`sum(amount_cents)`.as('total')])
    .where('department_code', '=', departmentCode)
    .where('year', '>=', from)
    .where('year', '<=', to)
    .groupBy(['year', 'kind'])
    .execute();
  const aids = await db
    .selectFrom('individual_aid')
    .select([yearOfDay('requested_on').as('year'), 'kind', sql<string>`sum(amount_cents)`.as('total')])
    .where('department_code', '=', departmentCode)
    .where('status', 'in', [...committedAidStatuses])
    .where('requested_on', '>=', first)
    .where('requested_on', '<=', last)
    .groupBy([yearOfDay('requested_on'), 'kind'])
    .execute();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const counts = (rows: { action_id: string; year: number; n: number }[]) =>
    rows.map((r) => ({ actionId: r.action_id, year: Number(r.year), count: Number(r.n) }));
  return {
    actions: actions.map((a) => ({
      id: a.id,
      code: a.code,
      title: a.title,
      axis: a.axis,
      unitCostCents: num(a.unit_cost_cents),
      plannedBeneficiaries: a.planned_beneficiaries,
      plannedBeneficiariesText: a.planned_beneficiaries_text,
    })),
    budgets: budgets.map((b) => ({
      actionId: b.action_id,
      year: b.year,
      source: b.source as ConsumptionFacts['budgets'][number]['source'],
      amountCents: Number(b.amount_cents),
      stateShareCents: num(b.state_share_cents),
      departmentShareCents: num(b.department_share_cents),
    })),
    committing: counts(committing),
    referred: counts(referred),
    entered: counts(entered),
    exits: exits
      .filter((e) => e.exit_category && e.exit_type)
      .map((e) => ({
        actionId: e.action_id,
        year: Number(e.year),
        category: e.exit_category as ConsumptionFacts['exits'][number]['category'],
        type: e.exit_type!,
        count: Number(e.n),
      })),
    envelopes: envelopes.map((e) => ({ year: e.year, kind: e.kind, amountCents: Number(e.total) })),
    aids: aids.map((a) => ({ year: Number(a.year), kind: a.kind, amountCents: Number(a.total) })),
  };
}
