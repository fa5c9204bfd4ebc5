import { openingHoursOrNull, type Weekday, weekdays } from '@parcours/contracts';

/**
 * Text helpers of the data·inclusion export: lengths the schema imposes, French dates, phone
 * numbers in E.164, opening hours in the OpenStreetMap syntax. Pure functions.
 */

/** Whitespace collapsed, trimmed; null when nothing is left. */
export function clean(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const out = text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  return out === '' ? null : out;
}

/** At most `max` characters, cut at a word boundary with an ellipsis when it was longer. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A name of 3 to 150 characters not ending with a full stop (data·inclusion's `nom`). */
export function dataInclusionName(name: string, fallbackPrefix: string): string {
  let out = clean(name)?.replace(/\n/g, ' ') ?? '';
  if (out.length < 3) out = `${fallbackPrefix} ${out}`.trim();
  out = shorten(out, 150);
  while (out.endsWith('.') && !out.endsWith('etc.')) out = out.slice(0, -1).trimEnd();
  return out;
}

/** 2020-09-01 → 01/09/2020. */
export function frenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** "12,5" style numbers for texts (no trailing zeros). */
export function frenchNumber(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** The RFC 5322 subset ajv-formats accepts; other values are left out of the export. */
const EMAIL_RE =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export function emailOrNull(email: string | null): string | null {
  const e = clean(email);
  return e && EMAIL_RE.test(e) ? e : null;
}

/** A French number (04 91 00 00 00, +33 4 91…) in E.164; any other text as typed. */
export function phoneOrNull(phone: string | null): string | null {
  const p = clean(phone);
  if (!p) return null;
  const digits = p.replace(/[\s.\-()]/g, '');
  if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  if (/^\+33[1-9]\d{8}$/.test(digits)) return digits;
  return p;
}

const osmDays: Record<Weekday, string> = {
  monday: 'Mo',
  tuesday: 'Tu',
  wednesday: 'We',
  thursday: 'Th',
  friday: 'Fr',
  saturday: 'Sa',
  sunday: 'Su',
};

/**
 * Stored opening hours (contracts `OpeningHours`) in the OpenStreetMap `opening_hours` syntax:
 * "Mo-Fr 08:30-12:30,13:30-17:00; Sa 09:00-12:00". Null when the structure has none configured
 * (the application's default hours are not a fact about the structure).
 */
export function osmOpeningHours(stored: unknown): string | null {
  const hours = openingHoursOrNull(stored);
  if (!hours) return null;
  const spec = weekdays.map((d) =>
    [...hours[d]]
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((r) => `${r.from}-${r.to}`)
      .join(','),
  );
  const rules: string[] = [];
  for (let i = 0; i < spec.length; ) {
    let j = i;
    while (j + 1 < spec.length && spec[j + 1] === spec[i]) j++;
    if (spec[i]) {
      const days = i === j ? osmDays[weekdays[i]!] : `${osmDays[weekdays[i]!]}-${osmDays[weekdays[j]!]}`;
      rules.push(`${days} ${spec[i]}`);
    }
    i = j + 1;
  }
  return rules.length ? rules.join('; ') : 'off';
}
