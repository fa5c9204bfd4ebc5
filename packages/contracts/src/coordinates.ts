import { z } from 'zod';
import { calendarDate, rowVersion } from './scalars';

/**
 * A person's coordinates (issue 10): phone, e-mail, postal address of the household, with the
 * consent to SMS and e-mail. Agents of the persons' follow-up correct them; every change is a
 * rectification (RGPD) and a later CAF flux never overwrites them silently.
 */

/** CAF consent codes (AUTORUTITEL, AUTORUTIADRELEC): A given, R refused, I unknown. */
export const consentCodes = ['A', 'R', 'I'] as const;
export const consentCodeSchema = z.enum(consentCodes, { message: 'Choisissez une réponse.' });
export type ConsentCode = z.infer<typeof consentCodeSchema>;

/** Who a value comes from: the agent's finding, the person's own declaration, the CAF flux. */
export const coordinateSources = ['agent', 'beneficiary', 'flux'] as const;
export type CoordinateSource = (typeof coordinateSources)[number];
/** What an agent may say a change comes from. */
export const enteredSourceSchema = z.enum(['agent', 'beneficiary'], { message: 'Choisissez la source.' });

export const coordinateSourceLabels: Record<string, string> = {
  agent: 'constaté par l’agent',
  beneficiary: 'déclaré par la personne',
  flux: 'flux CAF',
  history: 'reprise de l’historique',
  test: 'saisie initiale',
};

/** The groups a flux and an agent may disagree on. */
export const coordinateFields = ['phone', 'email', 'address'] as const;
export type CoordinateField = (typeof coordinateFields)[number];

/** The rectified fields, one history row each. */
export const rectifiedFieldLabels: Record<string, string> = {
  phone: 'Téléphone',
  sms_consent: 'Accord pour les SMS',
  email: 'Adresse e-mail',
  email_consent: 'Accord pour les e-mails',
  street_number: 'Numéro',
  street: 'Voie',
  complement: 'Complément d’adresse',
  locality: 'Lieu-dit',
  commune: 'Commune',
};

const PHONE_INVALID = 'Numéro invalide : 10 chiffres (ex. 06 12 34 56 78) ou +33…';

/**
 * A French phone number as agents type it ("06.12.34.56.78", "+33 6 12…", "0033…"), stored as
 * "06 12 34 56 78"; an overseas or foreign number in international form (+262…) stays as is.
 */
export function normalisePhoneInput(raw: string): string | null {
  let s = raw.trim().replace(/[\s.\-/()\u00a0\u202f]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (/^\+330[1-9]\d{8}$/.test(s)) s = `0${s.slice(4)}`;
  else if (/^\+33[1-9]\d{8}$/.test(s)) s = `0${s.slice(3)}`;
  if (/^0[1-9]\d{8}$/.test(s)) return s.replace(/(\d{2})(?=\d)/g, '$1 ');
  if (/^\+[1-9]\d{9,14}$/.test(s)) return s;
  return null;
}

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { message })
    .transform((v) => (v === '' ? null : v))
    .nullable();

export const phoneInputSchema = z
  .string()
  .trim()
  .max(30, { message: PHONE_INVALID })
  .nullable()
  .transform((v, ctx) => {
    if (!v) return null;
    const phone = normalisePhoneInput(v);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: PHONE_INVALID });
      return z.NEVER;
    }
    return phone;
  });

const EMAIL_INVALID = 'Adresse e-mail invalide (ex. prenom.nom@exemple.fr).';
export const contactEmailSchema = z
  .string()
  .trim()
  .max(254, { message: EMAIL_INVALID })
  .toLowerCase()
  .nullable()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!z.email().safeParse(v).success) {
      ctx.addIssue({ code: 'custom', message: EMAIL_INVALID });
      return z.NEVER;
    }
    return v;
  });

export const addressInputSchema = z
  .object({
    streetNumber: optionalText(10, 'Numéro trop long (10 caractères au plus).'),
    street: optionalText(120, 'Voie trop longue (120 caractères au plus).'),
    complement: optionalText(120, 'Complément trop long (120 caractères au plus).'),
    locality: optionalText(80, 'Lieu-dit trop long (80 caractères au plus).'),
    communeCode: z
      .string()
      .regex(/^[0-9][0-9AB][0-9]{3}$/, { message: 'Choisissez la commune dans la liste.' })
      .nullable(),
    postalCode: z
      .string()
      .regex(/^[0-9]{5}$/, { message: 'Choisissez la commune dans la liste.' })
      .nullable(),
  })
  .superRefine((a, ctx) => {
    // A commune alone is allowed (the history import knows only the commune): no letter until a street is known.
    if (a.streetNumber && !a.street)
      ctx.addIssue({ code: 'custom', path: ['street'], message: 'Indiquez la voie de ce numéro.' });
    const any = a.streetNumber || a.street || a.complement || a.locality || a.communeCode;
    if (any && (!a.communeCode || !a.postalCode))
      ctx.addIssue({
        code: 'custom',
        path: ['communeCode'],
        message: 'Choisissez la commune dans la liste.',
      });
  });
export type AddressInput = z.infer<typeof addressInputSchema>;

/** A consent answered (given or refused) needs the date of the answer. */
const consentDated = (consent: 'smsConsent' | 'emailConsent', on: 'smsConsentOn' | 'emailConsentOn') => ({
  check: (v: Record<string, unknown>) => v[consent] === 'I' || Boolean(v[on]),
  params: {
    path: [on] as PropertyKey[],
    message: 'Indiquez la date de la réponse.',
    // Checked even when other fields are at fault: the form shows every message at once.
    when: (payload: { value: unknown }) => {
      const v = payload.value as Record<string, unknown> | null;
      return typeof v === 'object' && v !== null && consentCodes.includes(v[consent] as ConsentCode);
    },
  },
});
const smsDated = consentDated('smsConsent', 'smsConsentOn');
const emailDated = consentDated('emailConsent', 'emailConsentOn');

/** PUT /api/persons/:id/coordinates: the whole set, as the form shows it; only changes are recorded. */
export const coordinatesUpdateSchema = z
  .object({
    version: rowVersion,
    source: enteredSourceSchema,
    phone: phoneInputSchema,
    smsConsent: consentCodeSchema,
    smsConsentOn: calendarDate.nullable(),
    email: contactEmailSchema,
    emailConsent: consentCodeSchema,
    emailConsentOn: calendarDate.nullable(),
    address: addressInputSchema,
  })
  .refine(smsDated.check, smsDated.params)
  .refine(emailDated.check, emailDated.params);
export type CoordinatesUpdate = z.infer<typeof coordinatesUpdateSchema>;

const provenanceSchema = z.object({
  source: z.string(),
  /** The date of the fact (the agent's entry, the flux file's date); null when unknown. */
  factOn: z.string().nullable(),
  authorName: z.string().nullable(),
});

const contactValueSchema = z.object({
  value: z.string(),
  consent: z.string().nullable(),
  consentOn: z.string().nullable(),
  consentSource: z.string().nullable(),
});

export const coordinateConflictSchema = z.object({
  id: z.uuid(),
  field: z.enum(coordinateFields),
  /** kept: the agent's newer value was kept; replaced: the newer CAF value replaced it. */
  outcome: z.enum(['kept', 'replaced']),
  fluxOn: z.string(),
  fluxValue: z.string(),
  enteredValue: z.string(),
  enteredOn: z.string(),
  enteredBy: z.string().nullable(),
  version: z.number().int(),
});
export type CoordinateConflict = z.infer<typeof coordinateConflictSchema>;

export const rectificationSchema = z.object({
  id: z.string(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  source: z.string(),
  authorName: z.string().nullable(),
  at: z.string(),
});
export type Rectification = z.infer<typeof rectificationSchema>;

export const coordinatesSchema = z.object({
  /** null: the person is in no household, nothing to correct here. */
  householdId: z.uuid().nullable(),
  version: z.number().int(),
  phone: contactValueSchema.extend({ provenance: provenanceSchema }).nullable(),
  email: contactValueSchema.extend({ provenance: provenanceSchema }).nullable(),
  address: z.object({
    streetNumber: z.string().nullable(),
    street: z.string().nullable(),
    complement: z.string().nullable(),
    locality: z.string().nullable(),
    communeCode: z.string().nullable(),
    postalCode: z.string().nullable(),
    communeName: z.string().nullable(),
    provenance: provenanceSchema,
  }),
  conflicts: z.array(coordinateConflictSchema),
  rectifications: z.array(rectificationSchema),
});
export type Coordinates = z.infer<typeof coordinatesSchema>;

/** Settles a conflict: take the CAF's value, or the value entered by the agent. */
export const conflictDecisionSchema = z.object({
  keep: z.enum(['flux', 'entered'], { message: 'Choisissez la valeur à garder.' }),
  version: rowVersion,
});
export const conflictParamsSchema = z.object({
  id: z.uuid({ message: 'Identifiant invalide.' }),
  conflictId: z.uuid({ message: 'Identifiant invalide.' }),
});
