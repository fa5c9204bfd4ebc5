import { z } from 'zod';
import { personSummarySchema } from './beneficiaries';
import { calendarDate, rowVersion } from './scalars';
import { defineWorkflow } from './workflow';

/** Agendas: advisors' slots and the appointments booked on them. Times are Europe/Paris. */
export const slotKinds = ['individual', 'collective'] as const;
export const slotKindSchema = z.enum(slotKinds);
export type SlotKind = z.infer<typeof slotKindSchema>;
export const slotKindLabels: Record<SlotKind, string> = {
  individual: 'Entretien individuel',
  collective: 'Séance collective',
};

export const appointmentPurposes = ['orientation', 'accompaniment', 'contract', 'other'] as const;
export const appointmentPurposeSchema = z.enum(appointmentPurposes);
export type AppointmentPurpose = z.infer<typeof appointmentPurposeSchema>;
export const appointmentPurposeLabels: Record<AppointmentPurpose, string> = {
  orientation: 'Orientation',
  accompaniment: 'Accompagnement',
  contract: "Contrat d'engagement",
  other: 'Autre',
};

export const appointmentStatuses = [
  'planned',
  'seen',
  'noshow',
  'excused',
  'cancelled',
  'rescheduled',
] as const;
export const appointmentStatusSchema = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;
export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  planned: 'Prévu',
  seen: 'Présent',
  noshow: 'Absent',
  excused: 'Excusé',
  cancelled: 'Annulé',
  rescheduled: 'Reporté',
};
/** The outcomes an agent records once the appointment has started. */
export const appointmentOutcomes = ['seen', 'noshow', 'excused'] as const;
export type AppointmentOutcome = (typeof appointmentOutcomes)[number];

const outcome = {
  // A correction (présent → excusé…) is an outcome recorded again.
  from: ['planned', 'seen', 'noshow', 'excused'],
  permission: 'agenda.manage',
  refused: (from: AppointmentStatus) =>
    from === 'cancelled'
      ? 'Ce rendez-vous a été annulé : aucun résultat ne peut y être enregistré.'
      : 'Ce rendez-vous a été reporté : enregistrez le résultat sur le nouveau rendez-vous.',
} as const;

/**
 * An appointment's lifecycle. Beyond the table: an outcome only once it has begun, a move or a
 * cancellation only before (the use cases' checks).
 */
export const appointmentWorkflow = defineWorkflow({
  name: 'appointment',
  statuses: appointmentStatuses,
  transitions: {
    seen: outcome,
    noshow: outcome,
    excused: outcome,
    cancelled: {
      from: ['planned'],
      permission: 'agenda.manage',
      refused: 'Seul un rendez-vous prévu peut être annulé (celui-ci ne l’est plus).',
    },
    rescheduled: {
      from: ['planned'],
      permission: 'agenda.manage',
      refused: 'Seul un rendez-vous prévu peut être reporté (celui-ci ne l’est plus).',
    },
  },
});

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Heure attendue au format HH:MM (par exemple 09:30).' });
const reason = z
  .string()
  .trim()
  .min(1, { message: 'Indiquez le motif.' })
  .max(500, { message: '500 caractères au maximum.' });
const version = rowVersion;

export const agendaSlotSchema = z.object({
  id: z.uuid(),
  kind: slotKindSchema,
  purpose: appointmentPurposeSchema,
  status: z.enum(['open', 'cancelled']),
  cancelReason: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Calendar date and times in Europe/Paris. */
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  capacity: z.number().int(),
  /** Appointments that hold a place (planned or with an outcome). */
  booked: z.number().int(),
  free: z.number().int(),
  /** Already started: no more booking. */
  past: z.boolean(),
  hubId: z.uuid().nullable(),
  hubName: z.string().nullable(),
  structureId: z.uuid().nullable(),
  structureName: z.string().nullable(),
  advisorAccountId: z.uuid().nullable(),
  advisorName: z.string().nullable(),
  version,
});
export type AgendaSlot = z.infer<typeof agendaSlotSchema>;

/** The first accompaniment appointment's delay (INDICATORS.md "within 2 weeks": ≤ orientation + 14 days). */
export const firstAccompanimentSchema = z.object({
  /** Notification date of the entry spell's initial orientation. */
  orientedOn: z.string(),
  /** Calendar days from the orientation to the appointment's day. */
  days: z.number().int(),
  withinTarget: z.boolean(),
});
export type FirstAccompaniment = z.infer<typeof firstAccompanimentSchema>;

export const appointmentSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  purpose: appointmentPurposeSchema,
  status: appointmentStatusSchema,
  statusReason: z.string().nullable(),
  /** Paris calendar date (the only information of appointments taken over from the history). */
  onDate: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  place: z.string().nullable(),
  slotId: z.uuid().nullable(),
  slotKind: slotKindSchema.nullable(),
  hubName: z.string().nullable(),
  structureName: z.string().nullable(),
  advisorName: z.string().nullable(),
  source: z.string(),
  rescheduledFromId: z.uuid().nullable(),
  rescheduledToId: z.uuid().nullable(),
  bookedByName: z.string().nullable(),
  recordedAt: z.string(),
  outcomeRecordedAt: z.string().nullable(),
  outcomeRecordedByName: z.string().nullable(),
  /** The appointment has begun: its outcome can be recorded, it can no longer be moved or cancelled. */
  started: z.boolean(),
  /**
   * Set on the first accompaniment appointment after the initial orientation of an entry spell
   * (derived by the entry-spell read model): days from that orientation, against the 2-week target.
   */
  firstAccompaniment: firstAccompanimentSchema.nullable(),
  version,
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const slotAttendeeSchema = z.object({
  appointment: appointmentSchema,
  person: personSummarySchema,
});
export type SlotAttendee = z.infer<typeof slotAttendeeSchema>;

export const agendaSlotDetailSchema = agendaSlotSchema.extend({
  attendees: z.array(slotAttendeeSchema),
  /** Persons booked on the slot who are outside the reader's scope (counted, never shown). */
  hiddenAttendees: z.number().int(),
});
export type AgendaSlotDetail = z.infer<typeof agendaSlotDetailSchema>;

export const agendaSlotQuerySchema = z
  .object({
    /** Paris calendar dates, both included; default: the next 7 days. */
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    purpose: appointmentPurposeSchema.optional(),
    /** Administrators choose the pôle; pôle and structure agents always see their own. */
    hubId: z.uuid({ message: 'Pôle invalide.' }).optional(),
    /** Only open, future slots with a free place (booking pickers). */
    available: z.enum(['true', 'false']).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'La fin de la période précède son début.' });
  });
export type AgendaSlotQuery = z.infer<typeof agendaSlotQuerySchema>;

export const agendaSlotCreateSchema = z
  .object({
    kind: slotKindSchema,
    purpose: appointmentPurposeSchema,
    /** Paris calendar date and local time of the (first) slot. */
    date: calendarDate,
    startTime: time,
    /** Either the end time or the duration. */
    endTime: time.nullable().optional(),
    durationMinutes: z
      .number()
      .int()
      .min(5, { message: 'Durée minimale : 5 minutes.' })
      .max(720, { message: 'Durée maximale : 12 heures.' })
      .nullable()
      .optional(),
    place: z
      .string()
      .trim()
      .min(1, { message: 'Indiquez le lieu.' })
      .max(300, { message: '300 caractères au maximum.' }),
    /** 1 for an individual slot; 2 or more for a collective session. */
    capacity: z.number().int().min(1).max(500, { message: '500 places au maximum.' }).nullable().optional(),
    /** Defaults to the agent creating the slot. */
    advisorAccountId: z.uuid({ message: 'Conseiller invalide.' }).nullable().optional(),
    /** Weekly repetition: number of weeks (1 = this slot only). */
    weeks: z
      .number()
      .int()
      .min(1, { message: 'Au moins 1 semaine.' })
      .max(52, { message: '52 semaines au maximum.' })
      .default(1),
  })
  .superRefine((v, ctx) => {
    const hasEnd = v.endTime != null;
    const hasDuration = v.durationMinutes != null;
    if (hasEnd === hasDuration)
      ctx.addIssue({
        code: 'custom',
        path: [hasEnd ? 'durationMinutes' : 'endTime'],
        message: 'Indiquez soit l’heure de fin, soit la durée.',
      });
    if (hasEnd && v.endTime! <= v.startTime)
      ctx.addIssue({
        code: 'custom',
        path: ['endTime'],
        message: 'L’heure de fin doit suivre l’heure de début.',
      });
    if (v.kind === 'individual' && v.capacity != null && v.capacity !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['capacity'],
        message: 'Un entretien individuel a une seule place.',
      });
    if (v.kind === 'collective' && (v.capacity == null || v.capacity < 2))
      ctx.addIssue({
        code: 'custom',
        path: ['capacity'],
        message: 'Une séance collective a au moins 2 places.',
      });
  });
export type AgendaSlotCreate = z.input<typeof agendaSlotCreateSchema>;

export const agendaSlotCancelSchema = z.object({ reason, version });
export type AgendaSlotCancel = z.infer<typeof agendaSlotCancelSchema>;

export const agendaAdvisorSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  hubId: z.uuid().nullable(),
  structureId: z.uuid().nullable(),
});
export type AgendaAdvisor = z.infer<typeof agendaAdvisorSchema>;

export const appointmentBookSchema = z.object({
  personId: z.uuid({ message: 'Personne invalide.' }),
  slotId: z.uuid({ message: 'Créneau invalide.' }),
});
export type AppointmentBook = z.infer<typeof appointmentBookSchema>;

export const appointmentRescheduleSchema = z.object({
  slotId: z.uuid({ message: 'Créneau invalide.' }),
  reason,
  version,
});
export type AppointmentReschedule = z.infer<typeof appointmentRescheduleSchema>;

export const appointmentCancelSchema = z.object({ reason, version });
export type AppointmentCancel = z.infer<typeof appointmentCancelSchema>;

export const appointmentOutcomeSchema = z
  .object({
    status: z.enum(appointmentOutcomes),
    reason: z.string().trim().max(500, { message: '500 caractères au maximum.' }).nullable().optional(),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.status === 'excused' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Indiquez le motif de l’excuse.' });
  });
export type AppointmentOutcomeInput = z.infer<typeof appointmentOutcomeSchema>;

/** The answer of a reschedule: the old appointment (now "reporté") and the new one. */
export const appointmentRescheduleResultSchema = z.object({
  previous: appointmentSchema,
  appointment: appointmentSchema,
});
