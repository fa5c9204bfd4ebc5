import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { fr } from 'date-fns/locale';
import { parisDate as parisDay } from '../../../platform/time';

export { parisDay };

/** Messages speak the département's time: Europe/Paris, whatever the server's zone. */
const paris = tz('Europe/Paris');

/** "mardi 10 mars 2026" */
export function frenchLongDate(instant: Date): string {
  return format(instant, 'EEEE d MMMM yyyy', { in: paris, locale: fr });
}

/** "10 mars 2026" from a calendar date (YYYY-MM-DD) or an instant (Paris day). */
export function frenchDate(value: string | Date): string {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return value;
    return format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])), 'd MMMM yyyy', { locale: fr });
  }
  return format(value, 'd MMMM yyyy', { in: paris, locale: fr });
}

/** "9 h 30", "14 h" (French typography). */
export function frenchTime(instant: Date): string {
  const h = Number(format(instant, 'H', { in: paris }));
  const m = format(instant, 'mm', { in: paris });
  return m === '00' ? `${h} h` : `${h} h ${m}`;
}
