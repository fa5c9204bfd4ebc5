/**
 * The first accompaniment appointment of an entry spell against its target (RULES.md, INDICATORS.md
 * "Within 2 weeks"): the person is met within 14 days of the notification of their orientation.
 * Which appointment is the first is kept by the entry-spell read model; this says how late it is.
 */
export const FIRST_APPOINTMENT_TARGET_DAYS = 14;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number {
  const d = DAY_RE.exec(date);
  if (!d) throw new Error(`invalid date ${date}`);
  return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) / 86_400_000;
}

/** Whole calendar days from one date to another (negative when `to` precedes `from`). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export interface FirstAppointmentDelay {
  /** The initial orientation's notification date. */
  orientedOn: string;
  /** Calendar days from the orientation to the appointment's day. */
  days: number;
  /** On or before orientation + 14 days. */
  withinTarget: boolean;
}

export function firstAppointmentDelay(orientedOn: string, appointmentOn: string): FirstAppointmentDelay {
  const days = daysBetween(orientedOn, appointmentOn);
  return { orientedOn, days, withinTarget: days <= FIRST_APPOINTMENT_TARGET_DAYS };
}

/** The words shown beside the flag: "dans les 2 semaines" or "hors délai (N jours)". */
export function firstAppointmentDelayLabel(
  delay: Pick<FirstAppointmentDelay, 'days' | 'withinTarget'>,
): string {
  return delay.withinTarget ? 'dans les 2 semaines' : `hors délai (${delay.days} jours)`;
}
