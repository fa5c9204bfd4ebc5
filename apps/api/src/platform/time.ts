import { tz } from '@date-fns/tz';
import { format } from 'date-fns';

const paris = tz('Europe/Paris');

/** The Paris calendar date of an instant, YYYY-MM-DD: the date business facts are dated with. */
export function parisDate(instant: Date): string {
  return format(instant, 'yyyy-MM-dd', { in: paris });
}

/** Today in Europe/Paris, YYYY-MM-DD. */
export function parisToday(now = new Date()): string {
  return parisDate(now);
}
