import { differenceInCalendarDays, parseISO } from 'date-fns';
import { addCalendarDays } from './agenda';
import { type AlertRule, addCalendarMonths, defaultAlertRules, ruleInForce } from './alerts';

/**
 * The deadlines shown in the assignment inbox (RULES.md "Delays"), from the orientation's dates and
 * the accompaniment alerts' dated rules in force at its notification (one source for both screens):
 * - first accompaniment appointment (social and socio-professional pathways; the convention's target);
 * - contract signed within the legal month of the notification, where the rule has one (since
 *   1 January 2025, Code du travail D5411-14-1);
 * - contract signed within the convention's two months.
 */
const day = (s: string) => parseISO(`${s}T00:00:00Z`);

export interface InboxDeadlines {
  daysSinceOrientation: number;
  firstAppointmentDue: string | null;
  firstAppointmentOverdue: boolean;
  contractLegalDue: string | null;
  contractLegalOverdue: boolean;
  contractConventionDue: string;
  contractConventionOverdue: boolean;
}

export function inboxDeadlines(
  orientation: { orientedOn: string; notifiedOn: string; pathway: string },
  today: string,
  rules: readonly AlertRule[] = defaultAlertRules,
): InboxDeadlines {
  const rule = ruleInForce(rules, orientation.notifiedOn);
  const firstAppointmentDue =
    orientation.pathway === 'professional'
      ? null
      : addCalendarDays(orientation.orientedOn, rule.firstAppointmentDays);
  const contractLegalDue =
    rule.contractLegalMonths === null
      ? null
      : addCalendarMonths(orientation.notifiedOn, rule.contractLegalMonths);
  const contractConventionDue = addCalendarMonths(orientation.orientedOn, rule.contractConventionMonths);
  return {
    daysSinceOrientation: Math.max(0, differenceInCalendarDays(day(today), day(orientation.orientedOn))),
    firstAppointmentDue,
    firstAppointmentOverdue: firstAppointmentDue !== null && firstAppointmentDue < today,
    contractLegalDue,
    contractLegalOverdue: contractLegalDue !== null && contractLegalDue < today,
    contractConventionDue,
    contractConventionOverdue: contractConventionDue < today,
  };
}
