import { z } from 'zod';
import { agendaSlotDetailSchema } from './agenda';
import { calendarDate } from './scalars';

/**
 * Worklists: what is due today for the signed-in agent (the home page), and an agenda day with the
 * persons booked (the day list and its attendance sheet).
 */

/** The counted items of a home page; each opens the screen filtered on it. */
export const worklistItemKeys = [
  'appointments_today',
  'outcomes_to_record',
  'queue_overdue_target',
  'queue_overdue_legal',
  'queue_to_convene',
  'queue_absent',
  'medical_open',
  'duplicates_open',
  'ft_pending',
  'ft_unacknowledged',
  'flux_failed',
  'jobs_failed',
  'accompaniment_alerts',
] as const;
export const worklistItemKeySchema = z.enum(worklistItemKeys);
export type WorklistItemKey = z.infer<typeof worklistItemKeySchema>;

/** The group an item belongs to on the home page. */
export const worklistGroups = ['today', 'late', 'unanswered'] as const;
export type WorklistGroup = (typeof worklistGroups)[number];
export const worklistGroupLabels: Record<WorklistGroup, string> = {
  today: 'Aujourd’hui',
  late: 'En retard',
  unanswered: 'En attente de réponse',
};

export const worklistItemSchema = z.object({
  key: worklistItemKeySchema,
  group: z.enum(worklistGroups),
  /** French label, the count in front: « 3 personnes au-delà de l’objectif d’un mois ». */
  label: z.string(),
  count: z.number().int(),
  /** The screen that lists these items, filtered; null when the role has no such screen (steering). */
  target: z.object({ path: z.string(), query: z.record(z.string(), z.string()) }).nullable(),
});
export type WorklistItem = z.infer<typeof worklistItemSchema>;

export const worklistSchema = z.object({
  /** Paris calendar date of the worklist. */
  today: z.string(),
  /** What the counts cover: « pôle Marseille 2/3 », « tout le département »… */
  scopeLabel: z.string(),
  /** Counts only over the département, never a person (steering). */
  aggregatesOnly: z.boolean(),
  items: z.array(worklistItemSchema),
});
export type Worklist = z.infer<typeof worklistSchema>;

/** One day of the actor's agendas. */
export const agendaDayQuerySchema = z.object({
  date: calendarDate,
  /** Département-wide roles choose a pôle; the others always see their own agenda. */
  hubId: z.uuid({ message: 'Pôle invalide.' }).optional(),
  /** One slot of that day only (the attendance sheet of a collective session). */
  slotId: z.uuid({ message: 'Créneau invalide.' }).optional(),
});
export type AgendaDayQuery = z.infer<typeof agendaDayQuerySchema>;

export const agendaDaySchema = z.object({
  date: z.string(),
  /** The day's slots, with the persons booked that the reader may see. */
  slots: z.array(agendaSlotDetailSchema),
});
export type AgendaDay = z.infer<typeof agendaDaySchema>;
