import { z } from 'zod';
import { messageChannelSchema } from './messaging';
import { calendarDate, rowVersion } from './scalars';
import { defineWorkflow } from './workflow';

/**
 * Convocations: the minimum delay each channel needs to reach a person before the appointment
 * (dated configuration), the preview of a selection, and the postal batches of letters.
 */

// ---- Minimum delays per channel ------------------------------------------------------------------

export const CONVOCATION_LETTER_DAYS_MAX = 60;
export const CONVOCATION_HOURS_MAX = 720;

export const convocationDelayRuleSchema = z.object({
  effectiveFrom: z.string(),
  /** Calendar days between the posting day and the appointment's day. */
  letterDays: z.number().int(),
  /** Hours between the sending and the appointment. */
  emailHours: z.number().int(),
  smsHours: z.number().int(),
  source: z.string(),
  /** A built-in rule (no author), or one an administrator recorded. */
  builtIn: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type ConvocationDelayRule = z.infer<typeof convocationDelayRuleSchema>;

export const convocationDelaysSchema = z.object({
  /** The rule in force today. */
  current: convocationDelayRuleSchema,
  /** Every rule, the latest first (history kept: a rule is never edited, a new one is dated). */
  rules: z.array(convocationDelayRuleSchema),
});
export type ConvocationDelays = z.infer<typeof convocationDelaysSchema>;

const whole = (label: string, max: number) =>
  z
    .number({ message: `${label} : nombre entier attendu.` })
    .int({ message: `${label} : nombre entier attendu.` })
    .min(0, { message: `${label} : la valeur ne peut pas être négative.` })
    .max(max, { message: `${label} : au plus ${max}.` });

export const convocationDelayRuleInputSchema = z.object({
  effectiveFrom: calendarDate,
  letterDays: whole('Courrier', CONVOCATION_LETTER_DAYS_MAX),
  emailHours: whole('E-mail', CONVOCATION_HOURS_MAX),
  smsHours: whole('SMS', CONVOCATION_HOURS_MAX),
  source: z
    .string({ message: 'Indiquez la décision ou la raison de ce délai.' })
    .trim()
    .min(3, { message: 'Indiquez la décision ou la raison de ce délai.' })
    .max(300, { message: 'Au plus 300 caractères.' }),
});
export type ConvocationDelayRuleInput = z.infer<typeof convocationDelayRuleInputSchema>;

// ---- Preview of a selection ----------------------------------------------------------------------

export const convocationPreviewInputSchema = z.object({
  personIds: z
    .array(z.uuid({ message: 'Personne invalide.' }))
    .min(1, { message: 'Choisissez au moins une personne à convoquer.' })
    .max(100, { message: 'Convoquez au plus 100 personnes à la fois.' }),
});
export type ConvocationPreviewInput = z.infer<typeof convocationPreviewInputSchema>;

export const convocationPreviewSchema = z.object({
  rule: convocationDelayRuleSchema,
  persons: z.array(
    z.object({
      personId: z.uuid(),
      name: z.string(),
      /** Each channel the person can be reached by, with the earliest appointment it reaches in time. */
      channels: z.array(z.object({ channel: messageChannelSchema, earliestAt: z.string() })),
      /** The earliest appointment of this person (their fastest channel); null when unreachable. */
      earliestAt: z.string().nullable(),
    }),
  ),
  /** The earliest appointment every reachable person of the selection can be convened to. */
  earliestForAll: z.string().nullable(),
});
export type ConvocationPreview = z.infer<typeof convocationPreviewSchema>;

/** What a batch does with persons who cannot be reached in time for the chosen date. */
export const lateConvocationChoices = ['refuse', 'move'] as const;
export const lateConvocationSchema = z.enum(lateConvocationChoices);
export type LateConvocation = z.infer<typeof lateConvocationSchema>;

// ---- Postal batches ------------------------------------------------------------------------------

export const messageBatchStatuses = ['prepared', 'posted'] as const;
export type MessageBatchStatus = (typeof messageBatchStatuses)[number];
export const messageBatchStatusLabels: Record<MessageBatchStatus, string> = {
  prepared: 'À poster',
  posted: 'Posté',
};

/** A batch of letters is printed then posted once; the letters move with it. */
export const messageBatchWorkflow = defineWorkflow({
  name: 'message_batch',
  statuses: messageBatchStatuses,
  transitions: {
    posted: {
      from: ['prepared'],
      permission: 'convocation.send',
      refused: 'Ce lot de courriers est déjà marqué posté.',
    },
  },
});

export const messageBatchSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(messageBatchStatuses),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  /** Letters to print (not cancelled). */
  letterCount: z.number().int(),
  cancelledCount: z.number().int(),
  /** The earliest appointment of the batch's letters. */
  firstAppointmentAt: z.string().nullable(),
  postedOn: z.string().nullable(),
  postedByName: z.string().nullable(),
  version: z.number().int(),
});
export type MessageBatch = z.infer<typeof messageBatchSchema>;

export const messageBatchListQuerySchema = z.object({
  status: z.enum(messageBatchStatuses).optional(),
});

export const markBatchPostedSchema = z.object({ version: rowVersion });

export const letterToPostSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  status: z.string(),
  appointmentAt: z.string().nullable(),
  version: z.number().int(),
});
export const messageBatchDetailSchema = messageBatchSchema.extend({
  letters: z.array(letterToPostSchema),
});
export type MessageBatchDetail = z.infer<typeof messageBatchDetailSchema>;
