import type { ReferralPlanStep } from '@parcours/contracts';
import type { Db } from '../../../platform/db/database';

const day = (v: unknown) => (v == null ? null : String(v).slice(0, 10));

/**
 * The fiches de liaison of a contract whose hours count in its weekly plan: accepted (the session's
 * dates), entered (from the entry) or exited (from the entry to the exit), with weekly hours.
 */
export async function referralPlanSteps(
  db: Db,
  departmentCode: string,
  contractId: string,
): Promise<ReferralPlanStep[]> {
  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('insertion_action as a', 'a.id', 'r.action_id')
    .leftJoin('action_session as s', 's.id', 'r.session_id')
    .select([
      'r.id',
      'r.action_id',
      'r.status',
      'r.weekly_hours',
      'r.sent_on',
      'r.entered_on',
      'r.exited_on',
      'a.code',
      'a.title',
      's.starts_on',
      's.ends_on',
    ])
    .where('r.department_code', '=', departmentCode)
    .where('r.contract_id', '=', contractId)
    .where('r.status', 'in', ['accepted', 'entered', 'exited'])
    .where('r.weekly_hours', 'is not', null)
    .orderBy('r.sent_on')
    .execute();
  return rows.map((r) => ({
    referralId: r.id,
    actionId: r.action_id,
    label: `Action : ${r.code} — ${r.title}`,
    weeklyHours: Number(r.weekly_hours),
    startDate: day(r.entered_on) ?? day(r.starts_on) ?? day(r.sent_on)!,
    endDate: day(r.exited_on) ?? day(r.ends_on),
  }));
}
