import {
  exitLabel,
  type OperatorReferral,
  type OperatorReferralSummary,
  type Referral,
  type ReferralStatus,
} from '@parcours/contracts';
import type { Db } from '../../../platform/db/database';
import { parisToday } from '../../../platform/time';
import { answerDueOn, isOverdue, type ReferralDelayRule } from '../domain/delays';
import { attendanceOf, type ReferralRow, referredPerson } from '../infra/referrals-repo';

const day = (v: unknown) => (v == null ? null : String(v).slice(0, 10));
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

/** What both sides see of a referral's course, with the unanswered flag of its sending day's rule. */
export function courseOf(r: ReferralRow, rules: readonly ReferralDelayRule[], today = parisToday()) {
  const sentOn = day(r.sent_on)!;
  const due = answerDueOn(rules, sentOn);
  return {
    id: r.id,
    status: r.status as ReferralStatus,
    action: { id: r.action_id, code: r.action_code, title: r.action_title },
    session: r.session_id
      ? {
          id: r.session_id,
          label: r.session_label!,
          startsOn: day(r.session_starts_on)!,
          endsOn: day(r.session_ends_on)!,
          place: r.session_place,
          communeName: r.session_commune,
        }
      : null,
    message: r.message,
    weeklyHours: r.weekly_hours == null ? null : Number(r.weekly_hours),
    sentOn,
    answeredAt: iso(r.answered_at),
    refusalReason: r.refusal_reason,
    cancelReason: r.cancel_reason,
    enteredOn: day(r.entered_on),
    exitedOn: day(r.exited_on),
    exitCategory: r.exit_category as Referral['exitCategory'],
    exitType: r.exit_type,
    exitDetail: r.exit_detail,
    exitLabel: exitLabel(r.exit_category, r.exit_type),
    overdue: isOverdue(r.status, due, today),
    answerDueOn: due,
    version: r.version,
  };
}

export function referralView(
  r: ReferralRow,
  rules: readonly ReferralDelayRule[],
  operatorNames: string[],
): Referral {
  return {
    ...courseOf(r, rules),
    personId: r.person_id,
    contractId: r.contract_id,
    referrerName: r.referrer_name,
    referringStructureName: r.referring_structure_name,
    operatorNames,
  };
}

export function operatorSummaryView(
  r: ReferralRow,
  rules: readonly ReferralDelayRule[],
  person: OperatorReferralSummary['person'],
): OperatorReferralSummary {
  const c = courseOf(r, rules);
  return {
    id: c.id,
    status: c.status,
    person,
    action: c.action,
    session: c.session,
    sentOn: c.sentOn,
    overdue: c.overdue,
    answerDueOn: c.answerDueOn,
    version: c.version,
  };
}

export async function operatorDetailView(
  db: Db,
  r: ReferralRow,
  rules: readonly ReferralDelayRule[],
): Promise<OperatorReferral> {
  const [person, attendance] = await Promise.all([referredPerson(db, r.person_id), attendanceOf(db, r.id)]);
  return {
    ...courseOf(r, rules),
    person,
    referrerName: r.referrer_name,
    referringStructureName: r.referring_structure_name,
    attendance,
  };
}
