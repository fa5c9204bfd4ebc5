import type { AppContext } from '../../../platform/context';
import { parisToday } from '../../../platform/time';
import type { TransitionActor } from '../../../platform/workflow/transition';
import { bringIntoForce, moveContract } from './contract-status';

export const CONTRACT_DAILY_QUEUE = 'contracts.daily';
/** Every night shortly after midnight, Paris time. */
export const CONTRACT_DAILY_CRON = '5 0 * * *';

/** The daily schedule is a row, installed at start (like the digest's). */
export async function ensureContractSchedule(ctx: AppContext): Promise<void> {
  const dep = ctx.config.departmentCode;
  await ctx.jobs.schedule(`contracts.daily:${dep}`, CONTRACT_DAILY_CRON, CONTRACT_DAILY_QUEUE);
}

/**
 * The contracts' moves by date, as the system: a signed contract whose start has come goes into
 * force (the contract it renews becomes `renewed`), then a contract in force past its end is ended.
 * Each contract in its own transaction: one failure does not hold the others back.
 */
export async function runContractDailyMoves(ctx: AppContext, departmentCode: string, today = parisToday()) {
  const system: TransitionActor = { accountId: null, role: 'system', departmentCode };
  const starting = await ctx.db
    .selectFrom('engagement_contract')
    .select('id')
    .where('department_code', '=', departmentCode)
    .where('status', '=', 'signed')
    .where('start_date', '<=', today)
    .orderBy('start_date')
    .execute();
  let inForce = 0;
  for (const c of starting) {
    await ctx.db.transaction().execute((trx) => bringIntoForce(trx, c.id, system, null, today));
    inForce++;
  }
  const ending = await ctx.db
    .selectFrom('engagement_contract')
    .select('id')
    .where('department_code', '=', departmentCode)
    .where('status', '=', 'in_force')
    .where('end_date', '<', today)
    .execute();
  let ended = 0;
  for (const c of ending) {
    await ctx.db
      .transaction()
      .execute((trx) => moveContract(trx, { id: c.id, to: 'ended', actor: system, request: null, today }));
    ended++;
  }
  return { inForce, ended };
}
