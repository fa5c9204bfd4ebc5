/** Dates and times as the CAF/MSA files give them. */

export type DateResult = { date: string } | { error: string };

export interface ParseDateOptions {
  /** XML (xsd:date) only allows YYYY-MM-DD; the CSV also accepts DD/MM/YYYY. */
  isoOnly?: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** Parses a calendar date to `YYYY-MM-DD`, rejecting dates that do not exist (31/02). */
export function parseIsoDate(raw: string, options: ParseDateOptions = {}): DateResult {
  const value = raw.trim();
  let parts = ISO.exec(value);
  let year: number;
  let month: number;
  let day: number;
  if (parts) {
    year = Number(parts[1]);
    month = Number(parts[2]);
    day = Number(parts[3]);
  } else {
    parts = options.isoOnly ? null : FRENCH.exec(value);
    if (!parts) {
      const expected = options.isoOnly ? 'AAAA-MM-JJ' : 'AAAA-MM-JJ ou JJ/MM/AAAA';
      return { error: `date invalide : « ${value} » (attendu ${expected})` };
    }
    day = Number(parts[1]);
    month = Number(parts[2]);
    year = Number(parts[3]);
  }
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  // Outside this range the value is a typo, not a date of the RSA world.
  if (valid && year >= 1800 && year <= 2199) {
    // Already YYYY-MM-DD (the usual case): no need to rebuild it.
    return {
      date:
        value.length === 10 && value[4] === '-' ? value : `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    };
  }
  const french = `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
  return { error: valid ? `date hors limites : ${french}` : `date impossible : ${french}` };
}

/** `01:18:36.0000` → `01:18:36` (xsd:time, fractions and time zone dropped); null when not a time. */
export function normalizeTime(raw: string): string | null {
  const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?$/.exec(raw.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3] ?? '0');
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return `${match[1]}:${match[2]}:${match[3] ?? '00'}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
