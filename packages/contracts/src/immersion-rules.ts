import { z } from 'zod';
import { calendarDate } from './scalars';

/**
 * The rules of a PMSMP convention that screens check too: SIRET (with La Poste's exception), ROME
 * code, the weekly schedule and its hours, calendar days, and the dated limits' shapes.
 */

// ---- SIRET and ROME -------------------------------------------------------------------------------

/** Luhn's check on a string of digits (the SIREN and SIRET check digit). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIREN of La Poste: its establishments were numbered before the Luhn key was imposed on them. */
export const LA_POSTE_SIREN = '356000000';

/**
 * Why a SIRET is not acceptable, or null. A SIRET is 14 digits (SIREN 9 + NIC 5) whose last digit
 * is Luhn's check digit. Exception (INSEE, "Contrôle du numéro SIRET" — La Poste): the
 * establishments of La Poste (SIREN 356 000 000) do not follow Luhn; for them the sum of the 14
 * digits must be a multiple of 5 (the head office, 356 000 000 00048, also passes Luhn).
 */
export function siretProblem(value: string): string | null {
  const v = value.replace(/\s/g, '');
  if (v === '') return 'SIRET obligatoire.';
  if (!/^\d{14}$/.test(v)) return 'SIRET invalide : 14 chiffres attendus.';
  if (luhnValid(v)) return null;
  if (v.startsWith(LA_POSTE_SIREN)) {
    const sum = [...v].reduce((s, d) => s + Number(d), 0);
    if (sum % 5 === 0) return null;
  }
  return 'SIRET invalide : la clé de contrôle ne correspond pas (vérifiez les 14 chiffres).';
}

/** A ROME code (répertoire opérationnel des métiers et des emplois, v3/v4): a letter A–N and four digits. */
export const ROME_CODE = /^[A-N]\d{4}$/;
export function romeProblem(value: string): string | null {
  const v = value.trim().toUpperCase();
  if (v === '') return 'Code ROME obligatoire.';
  return ROME_CODE.test(v) ? null : 'Code ROME invalide : une lettre de A à N puis 4 chiffres (ex. : K2204).';
}

// ---- Schedule and durations -----------------------------------------------------------------------

export const weekDays = [1, 2, 3, 4, 5, 6, 7] as const;
export const weekDayLabels: Record<number, string> = {
  1: 'Lundi',
  2: 'Mardi',
  3: 'Mercredi',
  4: 'Jeudi',
  5: 'Vendredi',
  6: 'Samedi',
  7: 'Dimanche',
};

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export const scheduleSlotSchema = z.object({
  day: z
    .number({ message: 'Jour obligatoire.' })
    .int({ message: 'Jour invalide.' })
    .min(1, { message: 'Jour invalide.' })
    .max(7, { message: 'Jour invalide.' }),
  start: z
    .string({ message: 'Heure de début obligatoire.' })
    .regex(HHMM, { message: 'Heure de début invalide (HH:MM).' }),
  end: z
    .string({ message: 'Heure de fin obligatoire.' })
    .regex(HHMM, { message: 'Heure de fin invalide (HH:MM).' }),
});
export type ScheduleSlot = z.infer<typeof scheduleSlotSchema>;

/** Why a weekly schedule is not coherent (a slot ending before it starts, two overlapping), or null. */
export function scheduleProblem(slots: readonly ScheduleSlot[]): string | null {
  for (const s of slots) {
    if (minutesOf(s.end) <= minutesOf(s.start))
      return `${weekDayLabels[s.day]} : l’heure de fin doit suivre l’heure de début.`;
  }
  for (const day of weekDays) {
    const ofDay = slots.filter((s) => s.day === day).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (let i = 1; i < ofDay.length; i++) {
      if (minutesOf(ofDay[i]!.start) < minutesOf(ofDay[i - 1]!.end))
        return `${weekDayLabels[day]} : deux plages horaires se chevauchent.`;
    }
  }
  return null;
}

/** Hours a week of a schedule (a week of the pattern), to the minute: 09:00–12:00 + 13:00–17:00 ×5 = 35. */
export function weeklyHoursOf(slots: readonly ScheduleSlot[]): number {
  const minutes = slots.reduce((sum, s) => sum + Math.max(0, minutesOf(s.end) - minutesOf(s.start)), 0);
  return Math.round((minutes / 60) * 100) / 100;
}

/** Calendar days from start to end, both included (a convention of 1 to 31 March lasts 31 days). */
export function calendarDaysOf(startDate: string, endDate: string): number {
  const ms = Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`);
  return Math.round(ms / 86_400_000) + 1;
}

/** "35" → "35 h", "37.5" → "37 h 30". */
export function hoursLabel(hours: number): string {
  const h = Math.floor(hours);
  const m = Math.round((hours - h) * 60);
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

// ---- Limits (dated rules) --------------------------------------------------------------------------

export const immersionLimitsSchema = z.object({
  effectiveFrom: z.string(),
  maxCalendarDays: z.number().int(),
  maxWeeklyHours: z.number(),
  source: z.string(),
  builtIn: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type ImmersionLimits = z.infer<typeof immersionLimitsSchema>;
export const immersionLimitsHistorySchema = z.object({
  current: immersionLimitsSchema,
  rules: z.array(immersionLimitsSchema),
});
export type ImmersionLimitsHistory = z.infer<typeof immersionLimitsHistorySchema>;
export const immersionLimitsInputSchema = z.object({
  effectiveFrom: calendarDate,
  maxCalendarDays: z
    .number({ message: 'Durée maximale : nombre de jours obligatoire.' })
    .int({ message: 'Durée maximale : nombre entier de jours.' })
    .min(1, { message: 'Durée maximale : au moins 1 jour.' })
    .max(366, { message: 'Durée maximale : au plus 366 jours.' }),
  maxWeeklyHours: z
    .number({ message: 'Heures par semaine : nombre obligatoire.' })
    .min(1, { message: 'Heures par semaine : au moins 1.' })
    .max(60, { message: 'Heures par semaine : au plus 60.' }),
  source: z
    .string({ message: 'Indiquez le texte ou la décision qui fixe ces limites.' })
    .trim()
    .min(3, { message: 'Indiquez le texte ou la décision qui fixe ces limites.' })
    .max(300, { message: 'Au plus 300 caractères.' }),
});
export type ImmersionLimitsInput = z.infer<typeof immersionLimitsInputSchema>;
