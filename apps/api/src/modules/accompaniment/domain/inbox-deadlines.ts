import { addMonths, differenceInCalendarDays, parseISO } from 'date-fns';
import { addCalendarDays } from './agenda';

/**
 * The deadlines shown in the assignment inbox (RULES.md "Delays"), from the orientation's dates:
 * - first accompaniment appointment: 14 days after the orientation (social and socio-professional
 *   pathways only — the convention's target);
 * - contract signed: one month after the notification of the orientation (legal deadline, for
 *   orientations notified since 1 January 2025, Code du travail D5411-14-1);
 * - contract signed: two months after the orientation (the convention's target).
 * The thresholds are the ones of the accompaniment alerts' built-in rules.
 */
export const FIRST_APPOINTMENT_DAYS = 14;
export const CONTRACT_LEGAL_MONTHS = 1;
export const CONTRACT_LEGAL_SINCE = '2025-01-01';
export const CONTRACT_CONVENTION_MONTHS = 2;

const iso = (d: Date) => d.toISOString().slice(0, 10);
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
): InboxDeadlines {
  const firstAppointmentDue =
    orientation.pathway === 'professional'
      ? null
      : addCalendarDays(orientation.orientedOn, FIRST_APPOINTMENT_DAYS);
  const contractLegalDue =
    orientation.notifiedOn >= CONTRACT_LEGAL_SINCE
      ? iso(addMonths(day(orientation.notifiedOn), CONTRACT_LEGAL_MONTHS))
      : null;
  const contractConventionDue = iso(addMonths(day(orientation.orientedOn), CONTRACT_CONVENTION_MONTHS));
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
