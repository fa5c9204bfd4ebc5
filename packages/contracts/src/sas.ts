import { z } from 'zod';
import { calendarDate, rowVersion } from './scalars';
import { optionalText, requiredText } from './text-fields';
import { defineWorkflow } from './workflow';

/**
 * The SAS de rétablissement (action 3-9 of the 2020 convention, RULES.md "Sanctions", SPEC §8): a
 * person whose allocation is suspended and who asks for reinstatement follows a session of 4 weeks,
 * 3 half-days a week (the département's dated practice), then commits to a pathway; the
 * reinstatement is decided only once the attendance and the commitment are recorded.
 */

// ---- Sessions and meetings -------------------------------------------------------------------------

export const halfDays = ['morning', 'afternoon'] as const;
export const halfDaySchema = z.enum(halfDays, { message: 'Demi-journée : matin ou après-midi.' });
export type HalfDay = z.infer<typeof halfDaySchema>;
export const halfDayLabels: Record<HalfDay, string> = { morning: 'Matin', afternoon: 'Après-midi' };
/** Paris wall-clock hours of a half-day meeting. */
export const halfDayHours: Record<HalfDay, { start: string; end: string }> = {
  morning: { start: '09:00', end: '12:00' },
  afternoon: { start: '14:00', end: '17:00' },
};

export const sasWeekdayLabels: Record<number, string> = {
  1: 'lundi',
  2: 'mardi',
  3: 'mercredi',
  4: 'jeudi',
  5: 'vendredi',
};

/** One half-day of the weekly pattern: a working day (1 Monday … 5 Friday) and morning or afternoon. */
export const sasPatternItemSchema = z.object({
  weekday: z
    .number({ message: 'Jour : nombre attendu (1 lundi … 5 vendredi).' })
    .int({ message: 'Jour : nombre entier attendu.' })
    .min(1, { message: 'Jour : du lundi (1) au vendredi (5).' })
    .max(5, { message: 'Jour : du lundi (1) au vendredi (5).' }),
  halfDay: halfDaySchema,
});
export type SasPatternItem = z.infer<typeof sasPatternItemSchema>;

export const sasSessionStatuses = ['open', 'cancelled'] as const;
export type SasSessionStatus = (typeof sasSessionStatuses)[number];
export const sasMeetingStatuses = ['planned', 'cancelled'] as const;
export type SasMeetingStatus = (typeof sasMeetingStatuses)[number];

export const sasSessionInputSchema = z.object({
  /** The pôle: chosen by département roles; pôle and structure agents get their own. */
  hubId: z
    .uuid({ message: 'Pôle invalide.' })
    .nullish()
    .transform((v) => v ?? null),
  /** The agent who leads the meetings: the meetings go on their agenda. */
  animatorAccountId: z.uuid({ message: 'Animateur invalide.' }),
  label: requiredText('Intitulé', 200),
  /** A Monday: the session runs over whole weeks. */
  startDate: calendarDate,
  /** The half-days of each week (as many as the practice in force says: 3). */
  pattern: z
    .array(sasPatternItemSchema, { message: 'Demi-journées de la semaine obligatoires.' })
    .min(1, { message: 'Au moins une demi-journée par semaine.' })
    .max(10, { message: '10 demi-journées par semaine au plus.' }),
  place: requiredText('Lieu', 300),
  capacity: z
    .number({ message: 'Places : nombre attendu.' })
    .int({ message: 'Places : nombre entier attendu.' })
    .min(2, { message: 'Une session collective a au moins 2 places.' })
    .max(100, { message: '100 places au maximum.' }),
});
export type SasSessionInput = z.input<typeof sasSessionInputSchema>;

export const sasSessionCancelSchema = z.object({ version: rowVersion, reason: requiredText('Motif', 500) });

export const sasMeetingMoveSchema = z.object({
  version: rowVersion,
  date: calendarDate,
  halfDay: halfDaySchema,
});
export const sasMeetingCancelSchema = z.object({ version: rowVersion, reason: requiredText('Motif', 500) });

export const sasMeetingParams = z.object({
  id: z.uuid({ message: 'Identifiant invalide.' }),
  meetingId: z.uuid({ message: 'Identifiant invalide.' }),
});

export const sasMeetingSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  week: z.number().int(),
  date: z.string(),
  halfDay: halfDaySchema,
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(sasMeetingStatuses),
  cancelReason: z.string().nullable(),
  /** The collective slot on the animator's agenda. */
  slotId: z.uuid().nullable(),
  /** Begun: attendance can be recorded, it can no longer be moved or cancelled. */
  started: z.boolean(),
  version: z.number(),
});
export type SasMeeting = z.infer<typeof sasMeetingSchema>;

export const sasSessionSummarySchema = z.object({
  id: z.uuid(),
  label: z.string(),
  hubId: z.uuid(),
  hubName: z.string(),
  structureId: z.uuid().nullable(),
  structureName: z.string().nullable(),
  animatorAccountId: z.uuid().nullable(),
  animatorName: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  capacity: z.number().int(),
  /** Enrolments holding a place (enrolled, completed, abandoned, decided). */
  enrolled: z.number().int(),
  free: z.number().int(),
  status: z.enum(sasSessionStatuses),
  cancelReason: z.string().nullable(),
  version: z.number(),
});
export type SasSessionSummary = z.infer<typeof sasSessionSummarySchema>;

export const sasSessionListSchema = z.object({ items: z.array(sasSessionSummarySchema) });

// ---- Enrolments ------------------------------------------------------------------------------------

export const sasEnrolmentStatuses = [
  'requested',
  'enrolled',
  'completed',
  'abandoned',
  'reinstated',
  'refused',
  'cancelled',
] as const;
export type SasEnrolmentStatus = (typeof sasEnrolmentStatuses)[number];
export const sasEnrolmentStatusLabels: Record<SasEnrolmentStatus, string> = {
  requested: 'Demande de rétablissement reçue',
  enrolled: 'Inscrite en session',
  completed: 'Session suivie jusqu’au bout',
  abandoned: 'Session abandonnée',
  reinstated: 'Droits rétablis',
  refused: 'Rétablissement refusé',
  cancelled: 'Demande annulée',
};
/** The statuses that keep the person in the SAS (one at a time). */
export const sasActiveStatuses = ['requested', 'enrolled', 'completed', 'abandoned'] as const;

const manage = 'sas.manage' as const;

/**
 * A request for reinstatement, from the request to the decision. Attendance is recorded while
 * enrolled (being "in progress" is the enrolled status with attendance lines, not a status of its
 * own); the decision belongs to those who lead sanctions (`sanction.manage`).
 */
export const sasEnrolmentWorkflow = defineWorkflow({
  name: 'sas_enrolment',
  statuses: sasEnrolmentStatuses,
  transitions: {
    enrolled: {
      from: ['requested'],
      permission: manage,
      refused: 'Seule une demande en attente peut être inscrite dans une session.',
    },
    completed: {
      from: ['enrolled'],
      permission: manage,
      refused: 'Seule une personne inscrite en session peut la terminer.',
    },
    abandoned: {
      from: ['enrolled'],
      permission: manage,
      refused: 'Seule une personne inscrite en session peut l’abandonner.',
    },
    reinstated: {
      from: ['completed'],
      permission: 'sanction.manage',
      refused: (from) =>
        from === 'abandoned'
          ? 'La session a été abandonnée : les droits ne peuvent pas être rétablis.'
          : from === 'reinstated' || from === 'refused'
            ? 'Cette demande a déjà sa décision.'
            : 'Les droits ne se rétablissent qu’à l’issue de la session suivie jusqu’au bout.',
    },
    refused: {
      from: ['completed', 'abandoned'],
      permission: 'sanction.manage',
      refused: (from) =>
        from === 'reinstated' || from === 'refused'
          ? 'Cette demande a déjà sa décision.'
          : 'La décision se prend à l’issue de la session (suivie ou abandonnée).',
    },
    cancelled: {
      from: ['requested', 'enrolled'],
      permission: manage,
      refused: 'Une session terminée ou une demande décidée ne s’annule plus.',
    },
  },
});

export const sasAttendanceStatuses = ['present', 'excused', 'absent'] as const;
export const sasAttendanceStatusSchema = z.enum(sasAttendanceStatuses, {
  message: 'Présence : présent, absence excusée ou absence non excusée.',
});
export type SasAttendanceStatus = z.infer<typeof sasAttendanceStatusSchema>;
export const sasAttendanceLabels: Record<SasAttendanceStatus, string> = {
  present: 'Présent',
  excused: 'Absence excusée',
  absent: 'Absence non excusée',
};

export const sasCommitmentKinds = ['contract', 'pathway'] as const;
export type SasCommitmentKind = (typeof sasCommitmentKinds)[number];
export const sasCommitmentKindLabels: Record<SasCommitmentKind, string> = {
  contract: 'Contrat d’engagement signé',
  pathway: 'Parcours d’insertion',
};

export const sasEnrolmentParams = z.object({
  id: z.uuid({ message: 'Identifiant invalide.' }),
  enrolmentId: z.uuid({ message: 'Identifiant invalide.' }),
});

const nullableId = (message: string) =>
  z
    .uuid({ message })
    .nullish()
    .transform((v) => v ?? null);

export const sasRequestInputSchema = z.object({
  requestedOn: calendarDate,
  /** The session to place the person in at once; without it the request waits for a session. */
  sessionId: nullableId('Session invalide.'),
});

export const sasEnrolInputSchema = z.object({
  version: rowVersion,
  sessionId: z.uuid({ message: 'Session invalide.' }),
});

export const sasAttendanceInputSchema = z
  .object({
    meetingId: z.uuid({ message: 'Séance invalide.' }),
    status: sasAttendanceStatusSchema,
    reason: optionalText('Motif', 500),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'excused' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Indiquez le motif de l’excuse.' });
  });

export const sasEndInputSchema = z.object({
  version: rowVersion,
  endedOn: calendarDate,
  outcome: z.enum(['completed', 'abandoned'], { message: 'Issue : session suivie ou abandonnée.' }),
  note: optionalText('Observations', 2000),
});

export const sasCommitmentInputSchema = z
  .object({
    version: rowVersion,
    committedOn: calendarDate,
    kind: z.enum(sasCommitmentKinds, { message: 'Engagement : contrat ou parcours.' }),
    /** The signed contract of engagement (kind `contract`). */
    contractId: nullableId('Contrat invalide.'),
    /** The pathway the person commits to, in words (kind `pathway`). */
    pathway: optionalText('Parcours', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'contract' && !v.contractId)
      ctx.addIssue({ code: 'custom', path: ['contractId'], message: 'Choisissez le contrat signé.' });
    if (v.kind === 'pathway' && !v.pathway)
      ctx.addIssue({ code: 'custom', path: ['pathway'], message: 'Décrivez le parcours.' });
  });

export const sasDecisionInputSchema = z
  .object({
    version: rowVersion,
    decidedOn: calendarDate,
    outcome: z.enum(['reinstated', 'refused'], { message: 'Décision : rétablissement ou refus.' }),
    /** The date the allocation is paid again from (reinstatement). */
    reinstatedFrom: calendarDate.nullish().transform((v) => v ?? null),
    reason: optionalText('Motif', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'reinstated' && !v.reinstatedFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['reinstatedFrom'],
        message: 'Indiquez la date de rétablissement.',
      });
    if (v.outcome === 'refused' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Indiquez le motif du refus.' });
  });

export const sasEnrolmentCancelSchema = z.object({ version: rowVersion, reason: requiredText('Motif', 500) });

export const sasAttendanceSchema = z.object({
  meetingId: z.uuid(),
  status: sasAttendanceStatusSchema,
  reason: z.string().nullable(),
});

/** The attendance rule applied to an enrolment (see `SAS_MIN_ATTENDANCE_PERCENT`). */
export const sasAttendanceSummarySchema = z.object({
  /** Meetings of the session not cancelled. */
  meetings: z.number().int(),
  /** Of those, begun. */
  held: z.number().int(),
  present: z.number().int(),
  excused: z.number().int(),
  absent: z.number().int(),
  /** Held meetings with no attendance recorded for the person. */
  unrecorded: z.number().int(),
  /** Present ÷ (held − excused), in percent (null before any meeting counted). */
  rate: z.number().nullable(),
  sufficient: z.boolean(),
});
export type SasAttendanceSummary = z.infer<typeof sasAttendanceSummarySchema>;

export const sasEnrolmentSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  sessionId: z.uuid().nullable(),
  sessionLabel: z.string().nullable(),
  caseId: z.uuid().nullable(),
  status: z.enum(sasEnrolmentStatuses),
  requestedOn: z.string(),
  enrolledOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  endNote: z.string().nullable(),
  commitmentKind: z.enum(sasCommitmentKinds).nullable(),
  contractId: z.uuid().nullable(),
  pathway: z.string().nullable(),
  committedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  reinstatedFrom: z.string().nullable(),
  decisionReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  attendance: z.array(sasAttendanceSchema),
  summary: sasAttendanceSummarySchema,
  version: z.number(),
});
export type SasEnrolment = z.infer<typeof sasEnrolmentSchema>;

export const sasSessionSchema = sasSessionSummarySchema.extend({
  meetings: z.array(sasMeetingSchema),
  enrolments: z.array(
    sasEnrolmentSchema.extend({ personName: z.string(), personBirthDate: z.string().nullable() }),
  ),
  /** Persons enrolled who are outside the reader's scope (counted, never shown). */
  hiddenEnrolments: z.number().int(),
});
export type SasSession = z.infer<typeof sasSessionSchema>;

export const personSasSchema = z.object({
  /** The current suspension the person may ask reinstatement from (a notified sanction), if any. */
  suspension: z
    .object({ caseId: z.uuid(), decidedOn: z.string().nullable(), percent: z.number().nullable() })
    .nullable(),
  enrolments: z.array(sasEnrolmentSchema),
});
export type PersonSas = z.infer<typeof personSasSchema>;
