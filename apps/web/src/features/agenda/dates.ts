/** Calendar helpers for the agenda: dates are Paris calendar days (YYYY-MM-DD), as the API gives them. */

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Paris, YYYY-MM-DD. */
export function parisToday(): string {
  return parisDay.format(new Date());
}

function utcNoon(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12));
}

export function isIsoDay(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return !Number.isNaN(utcNoon(value).getTime()) && utcNoon(value).toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const d = utcNoon(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week of a date. */
export function mondayOf(date: string): string {
  const day = utcNoon(date).getUTCDay();
  return addDays(date, day === 0 ? -6 : 1 - day);
}

const longDay = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDay = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});

/** "lundi 2 mars 2026". */
export function dayLabel(date: string, withYear = true): string {
  return (withYear ? longDay : shortDay).format(utcNoon(date));
}

/** "Lundi 2 mars 2026". */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1);
}

/** "09:00 – 09:45". */
export function timeRange(start: string, end: string): string {
  return `${start} – ${end}`;
}
