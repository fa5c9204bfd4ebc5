import { z } from 'zod';
import {
  type ExitCategory,
  exitCategoryLabels,
  exitCategorySchema,
  exitTypes,
  type ReferralStatus,
  referralStatuses,
  referralStatusSchema,
} from './offer';
import { calendarDate, rowVersion } from './scalars';
import { defineWorkflow } from './workflow';

/**
 * Referrals (fiches de liaison, SPEC §7): a référent sends a person to an action or a session; the
 * action's operator answers, records the entry, the attendance and the exit with its typology.
 */
export const referralStatusLabels: Record<ReferralStatus, string> = {
  sent: 'Envoyée',
  accepted: 'Acceptée',
  refused: 'Refusée',
  cancelled: 'Annulée',
  entered: 'Entrée dans l’action',
  exited: 'Sortie de l’action',
};

/**
 * The referral's lifecycle. The référent sends (creation) and cancels before the entry; the
 * operator answers, records the entry and the exit. Choices beyond the bare path:
 * - an accepted referral may still be refused before the entry (the person did not come, the
 *   session was rearranged): the place is freed with a reason;
 * - an exit may be corrected (exited → exited: the category, type, date or detail recorded again);
 * - a refusal or a cancellation is final: the référent sends a new fiche (the history stays whole).
 */
export const referralWorkflow = defineWorkflow({
  name: 'referral',
  statuses: referralStatuses,
  transitions: {
    accepted: {
      from: ['sent'],
      permission: 'referral.operate',
      refused: (from: ReferralStatus) =>
        from === 'accepted' || from === 'entered' || from === 'exited'
          ? 'Cette fiche de liaison a déjà reçu une réponse.'
          : 'Cette fiche de liaison est close (refusée ou annulée) : elle ne peut plus être acceptée.',
    },
    refused: {
      from: ['sent', 'accepted'],
      permission: 'referral.operate',
      refused: 'Seule une fiche envoyée ou acceptée (avant l’entrée) peut être refusée.',
    },
    cancelled: {
      from: ['sent', 'accepted'],
      permission: 'referral.write',
      refused: 'Seule une fiche envoyée ou acceptée (avant l’entrée) peut être annulée.',
    },
    entered: {
      from: ['accepted'],
      permission: 'referral.operate',
      refused: 'L’entrée se déclare sur une fiche acceptée.',
    },
    exited: {
      from: ['entered', 'exited'],
      permission: 'referral.operate',
      refused: 'La sortie se déclare après l’entrée dans l’action.',
    },
  },
});

/** The label of an exit: « Sortie positive — CDI ». Null when the type does not belong to the category. */
export function exitLabel(category: string | null, type: string | null): string | null {
  if (!category || !type) return null;
  const types = (exitTypes as Record<string, Record<string, string>>)[category];
  const label = types?.[type];
  if (!label) return null;
  return `${exitCategoryLabels[category as ExitCategory]} — ${label}`;
}

export const isExitType = (category: string, type: string) =>
  Object.hasOwn((exitTypes as Record<string, Record<string, string>>)[category] ?? {}, type);

/** Default delay before an unanswered referral is flagged (the dated rule set may change it). */
export const DEFAULT_REFERRAL_ANSWER_DAYS = 10;

const text = (label: string, max: number) =>
  z
    .string({ message: `${label} : texte attendu.` })
    .trim()
    .max(max, { message: `${label} : au plus ${max} caractères.` });

const reason = (required: string) =>
  z
    .string({ message: required })
    .trim()
    .min(1, { message: required })
    .min(3, { message: 'Le motif est trop court (3 caractères au moins).' })
    .max(1000, { message: 'Le motif : au plus 1000 caractères.' });

const hours = z
  .number({ message: 'Nombre d’heures invalide.' })
  .min(0, { message: 'Le nombre d’heures ne peut pas être négatif.' })
  .max(60, { message: 'Au plus 60 heures par semaine.' });

// ---- Référent side ----------------------------------------------------------------------------------

export const referralInputSchema = z.object({
  actionId: z.uuid({ message: 'Choisissez une action.' }),
  sessionId: z.uuid({ message: 'Session invalide.' }).nullable().optional(),
  message: text('Le message', 2000).optional(),
  /** Defaults to the session's weekly hours, else the action's. */
  weeklyHours: hours.nullable().optional(),
  /** A contract of engagement of this person: the hours then count in its weekly plan. */
  contractId: z.uuid({ message: 'Contrat invalide.' }).nullable().optional(),
  /** The step of that contract's plan the referral carries out. */
  planStepId: z.uuid({ message: 'Étape invalide.' }).nullable().optional(),
});
export type ReferralInput = z.infer<typeof referralInputSchema>;

export const referralCancelSchema = z.object({
  version: rowVersion,
  reason: reason('Le motif de l’annulation est obligatoire.'),
});

const actionRefSchema = z.object({ id: z.uuid(), code: z.string(), title: z.string() });
const sessionRefSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  communeName: z.string().nullable(),
});

/** What both sides see of a referral's course. */
const referralCourse = {
  id: z.uuid(),
  status: referralStatusSchema,
  action: actionRefSchema,
  session: sessionRefSchema.nullable(),
  message: z.string().nullable(),
  weeklyHours: z.number().nullable(),
  sentOn: z.string(),
  answeredAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  enteredOn: z.string().nullable(),
  exitedOn: z.string().nullable(),
  exitCategory: exitCategorySchema.nullable(),
  exitType: z.string().nullable(),
  exitDetail: z.string().nullable(),
  exitLabel: z.string().nullable(),
  /** Sent and still unanswered after the delay of the rule set (in force on the sending day). */
  overdue: z.boolean(),
  answerDueOn: z.string(),
  version: z.number().int(),
};

export const referralSchema = z.object({
  ...referralCourse,
  personId: z.uuid(),
  contractId: z.uuid().nullable(),
  referrerName: z.string().nullable(),
  referringStructureName: z.string().nullable(),
  operatorNames: z.array(z.string()),
});
export type Referral = z.infer<typeof referralSchema>;

// ---- Operator side: the minimum data -----------------------------------------------------------------

/** Who the operator receives: civility, names, birth date, commune; contacts only with consent. */
export const referredPersonSchema = z.object({
  civility: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  communeName: z.string().nullable(),
  /** Only when the person agreed to be contacted by this channel. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

export const presenceValues = ['present', 'absent', 'excused'] as const;
export const presenceSchema = z.enum(presenceValues, { message: 'Choisissez présent, absent ou excusé.' });
export type Presence = z.infer<typeof presenceSchema>;
export const presenceLabels: Record<Presence, string> = {
  present: 'Présent',
  absent: 'Absent',
  excused: 'Excusé',
};

export const attendanceSchema = z.object({
  day: z.string(),
  presence: presenceSchema,
  hours: z.number().nullable(),
  halfDays: z.number().nullable(),
  note: z.string().nullable(),
});
export type Attendance = z.infer<typeof attendanceSchema>;

export const operatorReferralSummarySchema = z.object({
  id: z.uuid(),
  status: referralStatusSchema,
  person: referredPersonSchema.pick({ civility: true, firstName: true, lastName: true, birthDate: true }),
  action: actionRefSchema,
  session: sessionRefSchema.nullable(),
  sentOn: z.string(),
  overdue: z.boolean(),
  answerDueOn: z.string(),
  version: z.number().int(),
});
export type OperatorReferralSummary = z.infer<typeof operatorReferralSummarySchema>;

export const operatorReferralSchema = z.object({
  ...referralCourse,
  person: referredPersonSchema,
  referrerName: z.string().nullable(),
  referringStructureName: z.string().nullable(),
  attendance: z.array(attendanceSchema),
});
export type OperatorReferral = z.infer<typeof operatorReferralSchema>;

export const operatorReferralQuerySchema = z.object({
  status: referralStatusSchema.optional(),
  actionId: z.uuid({ message: 'Action invalide.' }).optional(),
  sessionId: z.uuid({ message: 'Session invalide.' }).optional(),
});

export const operatorActionSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  sessions: z.array(z.object({ id: z.uuid(), label: z.string(), startsOn: z.string() })),
});

export const referralAnswerSchema = z.object({ version: rowVersion });
export const referralRefuseSchema = z.object({
  version: rowVersion,
  reason: reason('Le motif du refus est obligatoire.'),
});
export const referralEntrySchema = z.object({ version: rowVersion, enteredOn: calendarDate });
export const referralExitSchema = z
  .object({
    version: rowVersion,
    exitedOn: calendarDate,
    exitCategory: exitCategorySchema.or(z.literal('')).refine((v) => v !== '', {
      message: 'La catégorie de sortie est obligatoire.',
    }),
    exitType: z.string({ message: 'Le type de sortie est obligatoire.' }).trim().min(1, {
      message: 'Le type de sortie est obligatoire.',
    }),
    detail: text('Le détail', 1000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.exitCategory && v.exitType && !isExitType(v.exitCategory, v.exitType))
      ctx.addIssue({
        code: 'custom',
        path: ['exitType'],
        message: 'Ce type de sortie n’appartient pas à la catégorie choisie.',
        input: v.exitType,
      });
  });
export type ReferralExitInput = z.infer<typeof referralExitSchema>;

export const attendanceInputSchema = z
  .object({
    day: calendarDate,
    presence: presenceSchema,
    hours: z
      .number({ message: 'Nombre d’heures invalide.' })
      .min(0, { message: 'Le nombre d’heures ne peut pas être négatif.' })
      .max(12, { message: 'Au plus 12 heures par jour.' })
      .nullable()
      .optional(),
    halfDays: z
      .number({ message: 'Nombre de demi-journées invalide.' })
      .int({ message: 'Nombre de demi-journées invalide.' })
      .min(0, { message: 'Nombre de demi-journées invalide.' })
      .max(2, { message: 'Au plus 2 demi-journées par jour.' })
      .nullable()
      .optional(),
    note: text('La remarque', 500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.presence === 'present' && v.hours == null && v.halfDays == null)
      ctx.addIssue({
        code: 'custom',
        path: ['hours'],
        message: 'Indiquez les heures ou les demi-journées de présence.',
        input: v.hours,
      });
  });
export type AttendanceInput = z.infer<typeof attendanceInputSchema>;

// ---- Delay before an unanswered referral is flagged (dated rule set) --------------------------------

export const referralDelayRuleSchema = z.object({
  effectiveFrom: z.string(),
  answerDays: z.number().int(),
  source: z.string(),
  builtIn: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export const referralDelaysSchema = z.object({
  current: referralDelayRuleSchema,
  rules: z.array(referralDelayRuleSchema),
});
export type ReferralDelays = z.infer<typeof referralDelaysSchema>;
export const referralDelayInputSchema = z.object({
  effectiveFrom: calendarDate,
  answerDays: z
    .number({ message: 'Délai : nombre entier de jours attendu.' })
    .int({ message: 'Délai : nombre entier de jours attendu.' })
    .min(1, { message: 'Délai : au moins 1 jour.' })
    .max(90, { message: 'Délai : au plus 90 jours.' }),
  source: z
    .string({ message: 'Indiquez la décision ou la raison de ce délai.' })
    .trim()
    .min(3, { message: 'Indiquez la décision ou la raison de ce délai.' })
    .max(300, { message: 'Au plus 300 caractères.' }),
});
export type ReferralDelayInput = z.infer<typeof referralDelayInputSchema>;

// ---- The referral's hours in its contract's weekly plan ----------------------------------------------

/**
 * A fiche de liaison linked to a contract (accepted, entered or exited), counted in the contract's
 * weekly plan as a derived step « Action : CODE — title » over its dates (entry, else the session's;
 * exit, else the session's end). Not counted when a plan step already names the same action.
 */
export const referralPlanStepSchema = z.object({
  referralId: z.uuid(),
  actionId: z.uuid(),
  label: z.string(),
  weeklyHours: z.number(),
  startDate: z.string(),
  /** Null: open-ended (a permanent entry not exited yet): counted up to the contract's end. */
  endDate: z.string().nullable(),
});
export type ReferralPlanStep = z.infer<typeof referralPlanStepSchema>;

/** The derived steps a contract's plan counts: those whose action no plan step names already. */
export function referralStepsBeyondPlan<S extends { actionId: string }>(
  steps: readonly S[],
  plan: readonly { actionId: string | null }[],
): S[] {
  const named = new Set(plan.map((p) => p.actionId).filter(Boolean));
  return steps.filter((s) => !named.has(s.actionId));
}
