import { z } from 'zod';

/**
 * Opening hours of a structure: per day of the week, the ranges it is open (none: closed that day).
 * Slots of the structure's agendas must fit inside one range. A structure without configuration,
 * and a pôle without a configured "Pôle d'insertion (services)" structure, use the default hours.
 */
export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof weekdays)[number];
export const weekdayLabels: Record<Weekday, string> = {
  monday: 'Lundi',
  tuesday: 'Mardi',
  wednesday: 'Mercredi',
  thursday: 'Jeudi',
  friday: 'Vendredi',
  saturday: 'Samedi',
  sunday: 'Dimanche',
};

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = z
  .string({ message: 'Heure obligatoire (format HH:MM).' })
  .regex(TIME_RE, { message: 'Heure attendue au format HH:MM (par exemple 08:30).' });

export const openingRangeSchema = z.object({ from: clock, to: clock }).refine((r) => r.from < r.to, {
  path: ['to'],
  message: 'L’heure de fermeture doit suivre l’heure d’ouverture.',
});
export type OpeningRange = z.infer<typeof openingRangeSchema>;

const dayRanges = z
  .array(openingRangeSchema)
  .max(4, { message: 'Quatre plages par jour au plus.' })
  .superRefine((ranges, ctx) => {
    const sorted = [...ranges].sort((a, b) => a.from.localeCompare(b.from));
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]!.from < sorted[i - 1]!.to)
        ctx.addIssue({ code: 'custom', message: 'Les plages horaires d’un même jour se chevauchent.' });
  });

export const openingHoursSchema = z.object({
  monday: dayRanges,
  tuesday: dayRanges,
  wednesday: dayRanges,
  thursday: dayRanges,
  friday: dayRanges,
  saturday: dayRanges,
  sunday: dayRanges,
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/**
 * Hours used when nothing is configured: 08:00–18:00 every day. Slots at night are refused
 * everywhere; weekends stay possible (some pôles hold Saturday information sessions) until an
 * administrator closes them in the structure's configuration.
 */
export const DEFAULT_OPENING_HOURS: OpeningHours = Object.fromEntries(
  weekdays.map((d) => [d, [{ from: '08:00', to: '18:00' }]]),
) as OpeningHours;

/** "08:30–12:30, 13:30–17:30", or "fermé" (French text for screens and messages). */
export function formatDayRanges(ranges: readonly OpeningRange[]): string {
  if (ranges.length === 0) return 'fermé';
  return [...ranges]
    .sort((a, b) => a.from.localeCompare(b.from))
    .map((r) => `${r.from}–${r.to}`)
    .join(', ');
}

/** Text form of a day's ranges as the structure dialog edits them: "08:30-12:30, 13:30-17:30". */
export function rangesToText(ranges: readonly OpeningRange[]): string {
  return ranges.map((r) => `${r.from}-${r.to}`).join(', ');
}

/** Parses "08:30-12:30, 13:30-17:30" (empty: closed); null when the text is not ranges. */
export function rangesFromText(text: string): OpeningRange[] | null {
  const trimmed = text.trim();
  if (trimmed === '' || /^ferm[ée]$/i.test(trimmed)) return [];
  const ranges: OpeningRange[] = [];
  for (const part of trimmed.split(/[,;]/)) {
    const m = /^\s*(\d{1,2})[:h](\d{2})\s*[-–à]\s*(\d{1,2})[:h](\d{2})\s*$/.exec(part);
    if (!m) return null;
    const pad = (h: string, min: string) => `${h.padStart(2, '0')}:${min}`;
    ranges.push({ from: pad(m[1]!, m[2]!), to: pad(m[3]!, m[4]!) });
  }
  return ranges;
}

/** Stored hours (a jsonb column) as OpeningHours; null when absent or not valid hours. */
export function openingHoursOrNull(value: unknown): OpeningHours | null {
  if (value === null || value === undefined) return null;
  const parsed = openingHoursSchema.safeParse(typeof value === 'string' ? JSON.parse(value) : value);
  return parsed.success ? parsed.data : null;
}
