import { TZDate, tz } from '@date-fns/tz';
import {
  type AppointmentOutcome,
  type AppointmentStatus,
  appointmentWorkflow,
  statusRefusal,
} from '@parcours/contracts';
import { format } from 'date-fns';
import { parisDate } from '../../../platform/time';

export { parisDate };

/** Agendas live in the département's time: Europe/Paris, whatever the server's zone. */
export const AGENDA_TIME_ZONE = 'Europe/Paris';
const paris = tz(AGENDA_TIME_ZONE);

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The Paris wall-clock time of an instant, HH:MM. */
export function parisTime(instant: Date): string {
  return format(instant, 'HH:mm', { in: paris });
}

/**
 * The instant of a Paris date and wall-clock time; null when that time does not exist
 * (the hour skipped when clocks go forward) or the input is malformed.
 */
export function parisInstant(date: string, time: string): Date | null {
  const d = DAY_RE.exec(date);
  const t = TIME_RE.exec(time);
  if (!d || !t) return null;
  const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [h, min] = [Number(t[1]), Number(t[2])];
  const instant = new Date(new TZDate(y, m - 1, day, h, min, AGENDA_TIME_ZONE).getTime());
  if (Number.isNaN(instant.getTime())) return null;
  // A skipped hour comes back shifted: refuse it rather than book at another time.
  if (parisDate(instant) !== date || parisTime(instant) !== time) return null;
  return instant;
}

/** Calendar arithmetic on YYYY-MM-DD (no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
  const d = DAY_RE.exec(date);
  if (!d) throw new Error(`invalid date ${date}`);
  const utc = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]) + days));
  return utc.toISOString().slice(0, 10);
}

/** ISO day of the week of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const d = DAY_RE.exec(date);
  if (!d) throw new Error(`invalid date ${date}`);
  const day = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Monday of the week of a calendar date. */
export function mondayOf(date: string): string {
  return addCalendarDays(date, 1 - isoWeekday(date));
}

/** Easter Sunday (Gregorian computus), YYYY-MM-DD. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Public holidays of metropolitan France (no agenda is opened on them by default). */
export function isFrenchPublicHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];
  if (fixed.includes(date.slice(5))) return true;
  const easter = easterSunday(year);
  // Easter Monday, Ascension Thursday, Whit Monday.
  return [1, 39, 50].some((offset) => addCalendarDays(easter, offset) === date);
}

export function isWorkingDay(date: string): boolean {
  return isoWeekday(date) <= 5 && !isFrenchPublicHoliday(date);
}

export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}

/** Two ranges overlap when each starts before the other ends (touching ends do not overlap). */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Statuses that hold a place on a slot: cancelled and rescheduled appointments free theirs. */
export const placeHoldingStatuses = ['planned', 'seen', 'noshow', 'excused'] as const;

export function holdsPlace(status: string): boolean {
  return (placeHoldingStatuses as readonly string[]).includes(status);
}

export function freePlaces(capacity: number, booked: number): number {
  return Math.max(0, capacity - booked);
}

export type Refusal = { ok: false; path: string; message: string };

/**
 * The occurrences of a slot and of its weekly repetitions (same Paris wall-clock time each week,
 * across daylight-saving changes). Pure: the caller checks the past and the conflicts.
 */
export function weeklyOccurrences(input: {
  date: string;
  startTime: string;
  endTime?: string | null;
  durationMinutes?: number | null;
  weeks: number;
}): { ok: true; items: TimeRange[] } | Refusal {
  const items: TimeRange[] = [];
  for (let week = 0; week < input.weeks; week++) {
    const day = addCalendarDays(input.date, week * 7);
    const startsAt = parisInstant(day, input.startTime);
    if (!startsAt)
      return {
        ok: false,
        path: 'startTime',
        message: `L’heure ${input.startTime} n’existe pas le ${frenchDate(day)} (changement d’heure).`,
      };
    let endsAt: Date | null;
    if (input.endTime) {
      endsAt = parisInstant(day, input.endTime);
      if (!endsAt)
        return {
          ok: false,
          path: 'endTime',
          message: `L’heure ${input.endTime} n’existe pas le ${frenchDate(day)} (changement d’heure).`,
        };
    } else if (input.durationMinutes) {
      endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60_000);
    } else {
      return { ok: false, path: 'endTime', message: 'Indiquez soit l’heure de fin, soit la durée.' };
    }
    if (endsAt.getTime() <= startsAt.getTime())
      return { ok: false, path: 'endTime', message: 'L’heure de fin doit suivre l’heure de début.' };
    items.push({ startsAt, endsAt });
  }
  return { ok: true, items };
}

/** Has the appointment begun? Appointments taken over from the history only have a date. */
export function hasStarted(a: { startsAt: Date | null; onDate: string }, now: Date): boolean {
  if (a.startsAt) return a.startsAt.getTime() <= now.getTime();
  return a.onDate <= parisDate(now);
}

/**
 * Whether an outcome (présent, absent, excusé) may be recorded on an appointment now: the status
 * part is the workflow table's (`appointmentWorkflow`), the rest is `outcomeCheck`.
 */
export function outcomeRefusal(
  a: { status: string; startsAt: Date | null; onDate: string },
  outcome: AppointmentOutcome,
  reason: string | null,
  previousReason: string | null,
  now: Date,
): string | null {
  return (
    statusRefusal(appointmentWorkflow, a.status as AppointmentStatus, outcome) ??
    outcomeCheck(a, outcome, reason, previousReason, now)
  );
}

/** What the table does not say: the appointment has begun, and this is not the same outcome again. */
export function outcomeCheck(
  a: { status: string; startsAt: Date | null; onDate: string },
  outcome: AppointmentOutcome,
  reason: string | null,
  previousReason: string | null,
  now: Date,
): string | null {
  if (!hasStarted(a, now))
    return 'Ce rendez-vous n’a pas encore commencé : la présence ou l’absence s’enregistre une fois l’heure passée.';
  if (a.status === outcome && (reason ?? null) === (previousReason ?? null))
    return 'Ce résultat est déjà enregistré pour ce rendez-vous.';
  return null;
}

/** "12/03/2026" from YYYY-MM-DD. */
export function frenchDate(date: string): string {
  const d = DAY_RE.exec(date);
  return d ? `${d[3]}/${d[2]}/${d[1]}` : date;
}

/** "le 12/03/2026 de 09:00 à 09:45" (Paris time), for messages. */
export function frenchRange(r: TimeRange): string {
  return `le ${frenchDate(parisDate(r.startsAt))} de ${parisTime(r.startsAt).replace(':', 'h')} à ${parisTime(r.endsAt).replace(':', 'h')}`;
}
