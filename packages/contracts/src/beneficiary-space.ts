import { z } from 'zod';
import { appointmentPurposeSchema, appointmentStatusSchema } from './agenda';
import { emailSchema } from './auth';
import { normalisePhoneInput } from './coordinates';

/**
 * The beneficiary's space (issue 11, point 7): passwordless sign-in (a link by e-mail or a code by
 * SMS), the person's référent, appointments, contract and documents, and the signature's code.
 * Durations of the one-time secrets: apps/api `modules/access/domain/beneficiary-codes.ts`.
 */

const PHONE_REQUIRED = 'Le numéro de téléphone portable est obligatoire.';
const PHONE_INVALID = 'Numéro invalide : 10 chiffres, par exemple 06 12 34 56 78.';
const CODE_REQUIRED = 'Le code reçu est obligatoire.';
const CODE_INVALID = 'Le code est composé de 6 chiffres.';

/** A mobile number as the person types it, normalised ("06 12 34 56 78", or +… for other countries). */
export const spacePhoneSchema = z
  .string({ error: (issue) => (issue.input === undefined ? PHONE_REQUIRED : PHONE_INVALID) })
  .trim()
  .min(1, { message: PHONE_REQUIRED })
  .max(30, { message: PHONE_INVALID })
  .transform((v, ctx) => {
    const phone = normalisePhoneInput(v);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: PHONE_INVALID });
      return z.NEVER;
    }
    return phone;
  });

/** Six digits; spaces typed between them are ignored. */
export const oneTimeCodeSchema = z
  .string({ error: (issue) => (issue.input === undefined ? CODE_REQUIRED : CODE_INVALID) })
  .transform((v) => v.replace(/[\s\u00a0]/g, ''))
  .pipe(
    z
      .string()
      .min(1, { message: CODE_REQUIRED })
      .regex(/^\d{6}$/, { message: CODE_INVALID }),
  );

export const spaceLinkRequestSchema = z.object({ email: emailSchema });
export const spaceLinkConfirmSchema = z.object({
  token: z
    .string({ message: 'Lien de connexion invalide.' })
    .min(20, { message: 'Lien de connexion invalide.' })
    .max(200, { message: 'Lien de connexion invalide.' }),
});
export const spaceCodeRequestSchema = z.object({ phone: spacePhoneSchema });
export const spaceCodeConfirmSchema = z.object({ phone: spacePhoneSchema, code: oneTimeCodeSchema });

/** The same answer whether or not the e-mail or the number is known (no account enumeration). */
export const spaceRequestAnswerSchema = z.object({ message: z.string() });
export type SpaceRequestAnswer = z.infer<typeof spaceRequestAnswerSchema>;

// ---- The space ---------------------------------------------------------------------------------

export const spaceReferentSchema = z.object({
  name: z.string(),
  structureName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  since: z.string().nullable(),
});
export type SpaceReferent = z.infer<typeof spaceReferentSchema>;

export const spaceAppointmentSchema = z.object({
  id: z.uuid(),
  purpose: appointmentPurposeSchema,
  /** planned, or cancelled (the person is told too). */
  status: appointmentStatusSchema,
  statusReason: z.string().nullable(),
  /** Paris calendar date and times (null for appointments taken over from the history). */
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  place: z.string().nullable(),
  collective: z.boolean(),
  structureName: z.string().nullable(),
  hubName: z.string().nullable(),
  /** What the person said from the space (the latest); the agent then reschedules. */
  notice: z.object({ reason: z.string(), recordedAt: z.string() }).nullable(),
});
export type SpaceAppointment = z.infer<typeof spaceAppointmentSchema>;

export const spaceOverviewSchema = z.object({
  firstName: z.string(),
  displayName: z.string(),
  /** Null for an account not (or no longer) attached to a file: an empty space, with a word. */
  personId: z.uuid().nullable(),
  referent: spaceReferentSchema.nullable(),
  appointments: z.array(spaceAppointmentSchema),
  /** Where a signature code can be sent: the e-mail of the account, the household's mobile. */
  signatureChannels: z.array(z.enum(['email', 'sms'])),
});
export type SpaceOverview = z.infer<typeof spaceOverviewSchema>;

const REASON_REQUIRED = 'Indiquez la raison en quelques mots.';
export const appointmentNoticeSchema = z.object({
  reason: z
    .string({ error: (issue) => (issue.input === undefined ? REASON_REQUIRED : REASON_REQUIRED) })
    .trim()
    .min(1, { message: REASON_REQUIRED })
    .max(1000, { message: 'La raison est trop longue (1 000 caractères au plus).' }),
});
export type AppointmentNoticeInput = z.input<typeof appointmentNoticeSchema>;

export const appointmentNoticeAnswerSchema = z.object({
  appointmentId: z.uuid(),
  reason: z.string(),
  recordedAt: z.string(),
});

// ---- What agents see of the notices ----------------------------------------------------------

export const personAppointmentNoticeSchema = z.object({
  appointmentId: z.uuid(),
  /** The appointment as it is now (planned until an agent reschedules it). */
  appointmentStatus: appointmentStatusSchema,
  appointmentStartsAt: z.string().nullable(),
  appointmentDate: z.string(),
  reason: z.string(),
  recordedAt: z.string(),
});
export const personAppointmentNoticesSchema = z.object({ items: z.array(personAppointmentNoticeSchema) });
export type PersonAppointmentNotices = z.infer<typeof personAppointmentNoticesSchema>;

// ---- An agent opens the space of a person ------------------------------------------------------

/** The e-mail of the account to create; none: the household's, else sign-in by SMS only. */
export const openSpaceSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254, { message: 'Adresse e-mail invalide.' })
    .toLowerCase()
    .transform((v) => (v === '' ? null : v))
    .pipe(z.email({ message: 'Adresse e-mail invalide.' }).nullable())
    .nullish()
    .transform((v) => v ?? null),
});
export type OpenSpaceInput = z.input<typeof openSpaceSchema>;

export const openSpaceAnswerSchema = z.object({
  created: z.boolean(),
  /** The account's e-mail; null when the person signs in by SMS only. */
  email: z.string().nullable(),
  linkSent: z.boolean(),
  /** The household's mobile is known: the person can ask for a code by SMS. */
  smsPossible: z.boolean(),
});
export type OpenSpaceAnswer = z.infer<typeof openSpaceAnswerSchema>;

export const signatureChannelSchema = z.enum(['email', 'sms'], {
  message: 'Choisissez où recevoir le code.',
});
export const signatureCodeRequestSchema = z.object({ channel: signatureChannelSchema });
export const signatureCodeAnswerSchema = z.object({
  channel: signatureChannelSchema,
  /** Masked: "06 •• •• •• 78", "l•••@exemple.fr". */
  sentTo: z.string(),
  validMinutes: z.number().int(),
});
export type SignatureCodeAnswer = z.infer<typeof signatureCodeAnswerSchema>;
