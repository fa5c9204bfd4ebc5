import { immersionWorkflow } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { parisToday } from '../../../platform/time';
import { type TransitionActor, transition } from '../../../platform/workflow/transition';
import { endOf, startOf } from '../infra/immersion-repo';

export const IMMERSION_DAILY_QUEUE = 'immersions.daily';
/** Every night shortly after midnight, Paris time (after the contracts' moves). */
export const IMMERSION_DAILY_CRON = '10 0 * * *';

/** The daily schedule is a row, installed at start (like the contracts'). */
export async function ensureImmersionSchedule(ctx: AppContext): Promise<void> {
  const dep = ctx.config.departmentCode;
  await ctx.jobs.schedule(`immersions.daily:${dep}`, IMMERSION_DAILY_CRON, IMMERSION_DAILY_QUEUE);
}

/**
 * The immersions' moves by date, as the system: a validated convention whose first day has come is
 * in progress; one past its last day is ended (its assessment is then due). Each in its own
 * transaction; a convention moved meanwhile by an agent is left as it is.
 */
export async function runImmersionDailyMoves(ctx: AppContext, departmentCode: string, today = parisToday()) {
  const system: TransitionActor = { accountId: null, role: 'system', departmentCode };
  const due = await ctx.db
    .selectFrom('immersion')
    .select(['id', 'status', 'person_id', 'host_name', 'start_date', 'end_date'])
    .where('department_code', '=', departmentCode)
    .where('status', 'in', ['validated', 'in_progress'])
    .where('start_date', '<=', today)
    .execute();
  let started = 0;
  let ended = 0;
  for (const r of due) {
    const to = endOf(r) < today ? 'ended' : r.status === 'validated' ? 'in_progress' : null;
    if (!to) continue;
    await ctx.db.transaction().execute((trx) =>
      transition(trx, {
        workflow: immersionWorkflow,
        table: 'immersion',
        id: r.id,
        to,
        actor: system,
        request: null,
        notFoundLabel: 'Convention d’immersion',
        check: (row) => (row.status === r.status ? null : 'Déjà déplacée.'),
        audit: () => ({
          action: 'immersion.status_changed',
          personId: r.person_id,
          targetType: 'immersion',
          targetId: r.id,
          details: { from: r.status, to, byDates: true },
        }),
        timeline: () => ({
          departmentCode,
          personId: r.person_id,
          occurredOn: to === 'ended' ? endOf(r) : startOf(r),
          type: to === 'ended' ? 'immersion_ended' : 'immersion_started',
          data: { hostName: r.host_name },
          actorAccountId: null,
        }),
      }),
    );
    if (to === 'ended') ended++;
    else started++;
  }
  return { started, ended };
}
