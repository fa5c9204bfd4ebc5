import { formatDayRanges, type OpeningHours, weekdayLabels, weekdays } from '@parcours/contracts';
import { frenchRange, isoWeekday, parisDate, parisTime, type TimeRange } from './agenda';

/**
 * Why a slot does not fit the opening hours (Paris wall-clock time), or null when it lies inside one
 * range of its day. A slot that ends on another day than it starts never fits. `where` names whose
 * hours they are ("du Pôle Marseille 2/3", "par défaut").
 */
export function openingHoursRefusal(hours: OpeningHours, slot: TimeRange, where: string): string | null {
  const day = parisDate(slot.startsAt);
  const weekday = weekdays[isoWeekday(day) - 1]!;
  const ranges = hours[weekday];
  const start = parisTime(slot.startsAt);
  const end = parisTime(slot.endsAt);
  const sameDay = parisDate(slot.endsAt) === day;
  if (sameDay && ranges.some((r) => r.from <= start && end <= r.to)) return null;
  const label = weekdayLabels[weekday].toLowerCase();
  if (ranges.length === 0)
    return `Le créneau ${frenchRange(slot)} tombe un ${label}, jour de fermeture (heures d’ouverture ${where}).`;
  return `Le créneau ${frenchRange(slot)} sort des heures d’ouverture ${where} : le ${label}, ${formatDayRanges(ranges)}.`;
}
