import type { AppContext } from '../../../platform/context';
import { parisToday } from '../../../platform/time';
import { suspensionTerm } from '../domain/sanction-cases';
import { endSuspensionBySystem } from './remobilisation';
import { sanctionRegimeOn } from './sanction-rules';

export const SANCTION_DAILY_QUEUE = 'sanctions.daily';
/** Every night shortly after midnight, Paris time (after the immersions'). */
export const SANCTION_DAILY_CRON = '20 0 * * *';

/** The daily schedule is a row, installed at start (like the immersions'). */
export async function ensureSanctionSchedule(ctx: AppContext): Promise<void> {
  const dep = ctx.config.departmentCode;
  await ctx.jobs.schedule(`sanctions.daily:${dep}`, SANCTION_DAILY_CRON, SANCTION_DAILY_QUEUE);
}

/**
 * Suspensions that reach their term end by themselves (the allocation is paid again: the
 * département's automatic reinstatement), with their line for the CAF, as the system. The earlier
 * regime removes the right at the term instead: that needs the EP and stays with the agent. Each
 * case in its own transaction; a case moved meanwhile by an agent is left as it is.
 */
export async function runSanctionTermEnds(
  ctx: AppContext,
  departmentCode: string,
  today = parisToday(),
): Promise<number> {
  const due = await ctx.db
    .selectFrom('sanction_case')
    .select(['id', 'person_id', 'facts_date', 'notified_on', 'months'])
    .where('department_code', '=', departmentCode)
    .where('status', '=', 'notified')
    .where('decision_kind', '=', 'sanction')
    .where('months', 'is not', null)
    .execute();
  let ended = 0;
  for (const c of due) {
    const term = suspensionTerm(String(c.notified_on).slice(0, 10), c.months!);
    if (term > today) continue;
    const regime = await sanctionRegimeOn(ctx.db, departmentCode, String(c.facts_date).slice(0, 10));
    if (regime.removalAtEndOfSuspension) continue;
    await ctx.db
      .transaction()
      .execute((trx) =>
        endSuspensionBySystem(trx, departmentCode, c.person_id, c.id, term, 'term_reached', { term }),
      );
    ended++;
  }
  return ended;
}
