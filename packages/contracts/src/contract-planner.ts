import type { PlanWeek } from './engagement-contract';

/** The weekly minimum of activity of the contract of engagement (RULES.md), unless the rule set says otherwise. */
export const DEFAULT_MINIMUM_WEEKLY_HOURS = 15;

const DAY = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const toDate = (time: number) => new Date(time).toISOString().slice(0, 10);

interface PlannedStep {
  weeklyHours: number;
  startDate: string;
  endDate: string;
}

/**
 * The 15-hour planner: the plan's weekly hours summed week by week. Weeks run from the contract's
 * start date, 7 days each (the last one may be shorter); a step counts in every week it overlaps.
 * Dates are `YYYY-MM-DD` already checked; a contract ending before it starts has no week.
 */
export function weeklyPlan(
  contract: { startDate: string; endDate: string },
  steps: readonly PlannedStep[],
  minimum = DEFAULT_MINIMUM_WEEKLY_HOURS,
): PlanWeek[] {
  const start = toTime(contract.startDate);
  const end = toTime(contract.endDate);
  if (!(end >= start)) return [];
  const weeks: PlanWeek[] = [];
  for (let from = start; from <= end && weeks.length < 260; from += 7 * DAY) {
    const to = Math.min(from + 6 * DAY, end);
    let hours = 0;
    for (const s of steps) {
      if (toTime(s.startDate) <= to && toTime(s.endDate) >= from) hours += s.weeklyHours;
    }
    hours = Math.round(hours * 100) / 100;
    weeks.push({ weekStart: toDate(from), weekEnd: toDate(to), hours, underMinimum: hours < minimum });
  }
  return weeks;
}

/** The weeks under the minimum: refused unless the contract has a reduced or exempt regime. */
export const weeksUnderMinimum = (weeks: readonly PlanWeek[]) => weeks.filter((w) => w.underMinimum);

/**
 * The duration of a contract from its first to its last day (both included), in French: "6 mois",
 * "1 an", "3 mois et 15 jours", "1 an, 2 mois et 3 jours"; a month from the 31st ends on the last
 * day of the shorter month. Empty when the end is before the start. Dates are `YYYY-MM-DD`.
 */
export function contractDurationLabel(startDate: string, endDate: string): string {
  if (endDate < startDate) return '';
  const [sy, sm, sd] = startDate.split('-').map(Number) as [number, number, number];
  const after = toTime(endDate) + DAY; // the day after the last
  const end = new Date(after);
  const [ey, em, ed] = [end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()];
  let months = (ey - sy) * 12 + (em - sm);
  let days = ed - sd;
  if (days < 0) {
    months -= 1;
    // From the same day of the previous month (clamped to its length) to the day after the end.
    const anchor = Date.UTC(ey, em - 2, Math.min(sd, new Date(Date.UTC(ey, em - 1, 0)).getUTCDate()));
    days = Math.round((after - anchor) / DAY);
  }
  const parts: string[] = [];
  const years = Math.floor(months / 12);
  if (years > 0) parts.push(years === 1 ? '1 an' : `${years} ans`);
  if (months % 12 > 0) parts.push(`${months % 12} mois`);
  if (days > 0) parts.push(days === 1 ? '1 jour' : `${days} jours`);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`;
}
