import { z } from 'zod';
import { personSummarySchema } from './beneficiaries';
import { lateConvocationSchema } from './convocation';

/** Household composition as the routing rules read it (children = members under 18 today). */
export const householdTypes = ['isolated', 'couple', 'single_parent', 'couple_with_children'] as const;
export const householdTypeSchema = z.enum(householdTypes);
export type HouseholdType = z.infer<typeof householdTypeSchema>;
export const householdTypeLabels: Record<HouseholdType, string> = {
  isolated: 'Personne isolée sans enfant mineur',
  couple: 'Couple sans enfant mineur',
  single_parent: 'Parent isolé avec enfant(s) mineur(s)',
  couple_with_children: 'Couple avec enfant(s) mineur(s)',
};

/** Where a new entrant stands in the orientation process; derived from appointments, never kept by hand. */
export const queueStages = ['to_convene', 'convened', 'absent', 'seen'] as const;
export const queueStageSchema = z.enum(queueStages);
export type QueueStage = z.infer<typeof queueStageSchema>;
export const queueStageLabels: Record<QueueStage, string> = {
  to_convene: 'À convoquer',
  convened: 'Convoqué',
  absent: 'Absent au rendez-vous',
  seen: 'Reçu, orientation à décider',
};

const optionalInt = (min: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `Nombre entier attendu entre ${min} et ${max}.` });
        return z.NEVER;
      }
      return n;
    });

export const orientationQueueQuerySchema = z.object({
  /** Administrators choose the pôle; pôle agents always see their own. */
  hubId: z.uuid({ message: 'Pôle invalide.' }).optional(),
  commune: z
    .string()
    .regex(/^\d[\dAB]\d{3}$/, { message: 'Code INSEE de commune invalide.' })
    .optional(),
  ageMin: optionalInt(0, 120),
  ageMax: optionalInt(0, 120),
  householdType: householdTypeSchema.optional(),
  convened: z.enum(['yes', 'no']).optional(),
  stage: queueStageSchema.optional(),
  overdue: z.enum(['target', 'legal']).optional(),
  page: optionalInt(1, 100000),
  pageSize: optionalInt(1, 500),
});
export type OrientationQueueQuery = z.input<typeof orientationQueueQuerySchema>;

export const queueEntrySchema = z.object({
  person: personSummarySchema,
  entrySpellId: z.string(),
  entryDate: z.string(),
  age: z.number().int(),
  householdType: householdTypeSchema,
  minorChildren: z.number().int(),
  targetDate: z.string(),
  legalDeadline: z.string().nullable(),
  daysLeftTarget: z.number().int(),
  daysLeftLegal: z.number().int().nullable(),
  stage: queueStageSchema,
  nextAppointment: z
    .object({
      id: z.uuid(),
      startsAt: z.string().nullable(),
      onDate: z.string(),
      place: z.string().nullable(),
    })
    .nullable(),
  hasAddress: z.boolean(),
  hasContact: z.boolean(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

export const queueCountersSchema = z.object({
  total: z.number().int(),
  toConvene: z.number().int(),
  convened: z.number().int(),
  absent: z.number().int(),
  seen: z.number().int(),
  overdueTarget: z.number().int(),
  overdueLegal: z.number().int(),
});
export type QueueCounters = z.infer<typeof queueCountersSchema>;

export const orientationQueueSchema = z.object({
  hub: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  today: z.string(),
  counters: queueCountersSchema,
  /** Rows matching the filters, before pagination. */
  matching: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  entries: z.array(queueEntrySchema),
});
export type OrientationQueue = z.infer<typeof orientationQueueSchema>;

export const batchConvocationSchema = z
  .object({
    personIds: z
      .array(z.uuid({ message: 'Personne invalide.' }))
      .min(1, { message: 'Choisissez au moins une personne à convoquer.' })
      .max(100, { message: 'Convoquez au plus 100 personnes à la fois.' }),
    /** One slot for everyone (a collective information session)… */
    slotId: z.uuid({ message: 'Créneau invalide.' }).optional(),
    /** …or the next free individual orientation slots of the pôle, one per person, in the order given. */
    nextIndividualSlots: z.literal(true).optional(),
    /** With the individual slots: not before this date and time (the agent's choice). */
    notBefore: z.iso.datetime({ offset: true, message: 'Date et heure invalides.' }).optional(),
    /** Persons no channel reaches in time for the chosen date: refuse the batch (default) or move them later. */
    late: lateConvocationSchema.optional(),
  })
  .refine((v) => Boolean(v.slotId) !== Boolean(v.nextIndividualSlots), {
    message: 'Choisissez une réunion collective ou les prochains créneaux individuels.',
    path: ['slotId'],
  })
  .refine((v) => new Set(v.personIds).size === v.personIds.length, {
    message: 'Une même personne figure deux fois dans la sélection.',
    path: ['personIds'],
  });
export type BatchConvocationInput = z.infer<typeof batchConvocationSchema>;

export const batchConvocationResultSchema = z.object({
  batchId: z.uuid(),
  lettersUrl: z.string(),
  convocations: z.array(
    z.object({
      personId: z.uuid(),
      appointmentId: z.uuid(),
      startsAt: z.string(),
      place: z.string(),
      channels: z.array(z.enum(['letter', 'email', 'sms'])),
      /** Channels of the person left out because they would arrive too late. */
      tooLate: z.array(z.enum(['letter', 'email', 'sms'])),
    }),
  ),
  /** Persons given a later appointment than chosen, so that a channel reaches them in time, and why. */
  moved: z.array(
    z.object({ personId: z.uuid(), name: z.string(), startsAt: z.string(), reason: z.string() }),
  ),
  /** What was done, in French (counts, moves, letters to post). */
  summary: z.string(),
});
export type BatchConvocationResult = z.infer<typeof batchConvocationResultSchema>;
