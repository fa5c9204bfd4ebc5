import { z } from 'zod';
import { calendarDate, rowVersion } from './scalars';
import { requiredText } from './text-fields';

/** What agents and the person do to a contract's version: move it, refuse it, sign it. */

export const contractTransitionSchema = z.object({
  to: z.enum(['proposed', 'draft', 'cancelled', 'ended'], { message: 'Action inconnue.' }),
  /** Row version of the contract (`ContractSummary.version`). */
  version: rowVersion,
  reason: z
    .string()
    .trim()
    .max(500, { message: '500 caractères au maximum.' })
    .nullish()
    .transform((v) => (v ? v : null)),
  /**
   * The person refuses to sign the proposed version (taken back to draft, or the contract cancelled):
   * a dated fact from which the failure « refus d’élaborer ou d’actualiser le contrat » is detected.
   */
  refusal: z
    .object({
      refusedOn: calendarDate,
      statement: requiredText('Ce que la personne a dit de son refus', 1000),
    })
    .nullish()
    .transform((v) => v ?? null),
});

/** A person's refusal of a version, as the contract page shows it. */
export const contractRefusalSchema = z.object({
  versionNumber: z.number(),
  amendment: z.boolean(),
  refusedOn: z.string(),
  statement: z.string(),
});
export type ContractRefusal = z.infer<typeof contractRefusalSchema>;

/** An agent records a signature: the body's, or the person's own on screen in their presence. */
export const contractSignSchema = z.object({
  party: z.enum(['agent', 'person_on_screen'], { message: 'Signataire inconnu.' }),
  versionNumber: z.number({ message: 'Numéro de version invalide.' }).int().min(1).max(1000),
  /** The hash shown with the version signed: a stale one (the version changed) is refused. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'Empreinte invalide.' }),
  /** For `person_on_screen`: the person's explicit statement. */
  statementAccepted: z.boolean().default(false),
  /** Row version of the contract (`ContractSummary.version`): every signature moves it. */
  version: rowVersion,
});

/** The person signs from their space: a fresh one-time code (re-authentication) + a statement. */
export const contractSpaceSignSchema = z.object({
  versionNumber: z.number({ message: 'Numéro de version invalide.' }).int().min(1).max(1000),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'Empreinte invalide.' }),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'Code à 6 chiffres attendu.' }),
  statementAccepted: z.literal(true, { message: 'Cochez la déclaration pour signer.' }),
});

/** The statement a person accepts when signing (recorded with the signature). */
export const PERSON_SIGNATURE_STATEMENT =
  'J’ai lu mon contrat d’engagement et je m’engage à respecter les engagements qu’il contient.';
