import { z } from 'zod';

/**
 * Strict scalar types shared by every route: values that reach SQL must be real (a calendar date
 * that exists, an id in the column's range), so that the database never answers an error a user
 * caused. Messages are French; `code` in the field error is the stable part.
 */

/**
 * Dates accepted anywhere: birth dates of the oldest beneficiaries to appointments planned years
 * ahead. Outside, the value is a typo (0000-00-00, 9999-12-31), not a date of the RSA world.
 */
export const CALENDAR_DATE_MIN = '1900-01-01';
export const CALENDAR_DATE_MAX = '2100-12-31';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Why `YYYY-MM-DD` text is not an acceptable calendar date, or null when it is one. */
export function calendarDateProblem(value: string): { code: string; message: string } | null {
  // Missing is not malformed: "obligatoire", not "format attendu".
  if (value.trim() === '') return { code: 'date_required', message: 'La date est obligatoire.' };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return { code: 'date_format', message: 'Date attendue au format AAAA-MM-JJ.' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return { code: 'date_impossible', message: `La date ${m[3]}/${m[2]}/${m[1]} n’existe pas.` };
  if (value < CALENDAR_DATE_MIN || value > CALENDAR_DATE_MAX)
    return {
      code: 'date_out_of_range',
      message: 'La date doit être comprise entre le 01/01/1900 et le 31/12/2100.',
    };
  return null;
}

export const isCalendarDate = (value: string) => calendarDateProblem(value) === null;

/** A real calendar date `YYYY-MM-DD` (no 30 February, 29 February only in leap years) in range. */
export const calendarDate = z
  .string({ message: 'Date obligatoire (format AAAA-MM-JJ).' })
  .superRefine((v, ctx) => {
    const problem = calendarDateProblem(v);
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code }, input: v });
  });

/** PostgreSQL bigint: ids of jobs, sequence numbers of the audit trail. */
const BIGINT_MAX = 9223372036854775807n;

/** A positive bigint id as decimal text (`/api/admin/jobs/:id`), checked before it reaches SQL. */
export const bigintId = z.string({ message: 'Identifiant obligatoire.' }).superRefine((v, ctx) => {
  // One check: Zod runs every refinement, and BigInt() throws on text that is not a number.
  if (!/^[1-9]\d{0,18}$/.test(v) || BigInt(v) > BIGINT_MAX)
    ctx.addIssue({
      code: 'custom',
      message: 'Identifiant invalide.',
      params: { code: 'invalid_id' },
      input: v,
    });
});

/**
 * The first date written in free text (`1975-03-02`, `2/3/1975`, `02.03.1975`) as `YYYY-MM-DD`
 * text, real or not (check it with `calendarDateProblem`), with the text it was read from.
 */
export function dateInText(text: string): { raw: string; iso: string } | null {
  const m = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return null;
  const iso = m[4]
    ? `${m[4]}-${m[5]}-${m[6]}`
    : `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return { raw: m[0], iso };
}

/** A row version (optimistic locking), an `integer` column: out of range is refused, not sent to SQL. */
export const rowVersion = z
  .number({ message: 'Version attendue (nombre entier).' })
  .int({ message: 'Version attendue (nombre entier).' })
  .min(0, { message: 'Version invalide.' })
  .max(2147483647, { message: 'Version invalide.' });

/** The `:id` path parameter of a route (a UUID). */
export const idParams = z.object({ id: z.uuid({ message: 'Identifiant invalide.' }) });
