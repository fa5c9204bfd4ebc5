import { z } from 'zod';
import { calendarDate, rowVersion } from './scalars';
import { optionalText, requiredText } from './text-fields';
import { defineWorkflow } from './workflow';

/**
 * Failures (manquements, issue 14, SPEC §8): detected from dated facts (a missed convocation, no
 * contract after the delay, a refusal noted on the contract) or reported by a référent; examined in
 * a sanction case (`sanction-cases.ts`) or classed without follow-up.
 */

// ---- Failures -------------------------------------------------------------------------------------

export const failureKinds = ['no_show', 'no_contract', 'contract_refusal', 'obligations_not_met'] as const;
export const failureKindSchema = z.enum(failureKinds, { message: 'Nature du manquement obligatoire.' });
export type FailureKind = z.infer<typeof failureKindSchema>;
export const failureKindLabels: Record<FailureKind, string> = {
  no_show: 'Absence sans motif à une convocation',
  no_contract: 'Pas de contrat d’engagement signé dans le délai',
  contract_refusal: 'Refus d’élaborer ou d’actualiser le contrat d’engagement',
  obligations_not_met: 'Obligations du contrat d’engagement non respectées',
};
/**
 * The kinds a référent reports; the others are detected from the facts (and recorded from them). A
 * refusal of the contract is both: detected when the agent noted it on the contract, else reported.
 */
export const reportedFailureKinds = ['contract_refusal', 'obligations_not_met'] as const;

export const failureOrigins = ['detected', 'reported'] as const;
export type FailureOrigin = (typeof failureOrigins)[number];
export const failureStatuses = ['to_examine', 'in_case', 'dismissed'] as const;
export type FailureStatus = (typeof failureStatuses)[number];
export const failureStatusLabels: Record<FailureStatus, string> = {
  to_examine: 'À examiner',
  in_case: 'Procédure en cours ou close',
  dismissed: 'Classé sans suite',
};

const text = requiredText;
const manage = 'sanction.manage' as const;

/**
 * A failure to record: a detected one names its fact (the missed appointment; the orientation whose
 * contract delay has passed is found by the server), a reported one states the facts and their dates.
 */
export const failureInputSchema = z.object({
  kind: failureKindSchema,
  factsDate: calendarDate,
  /** The end of the facts, for facts over a period (obligations not met from … to …). */
  factsEndDate: calendarDate.nullish().transform((v) => v ?? null),
  appointmentId: z
    .uuid({ message: 'Rendez-vous invalide.' })
    .nullish()
    .transform((v) => v ?? null),
  /** The refusal noted on the contract a detected `contract_refusal` comes from. */
  contractRefusalId: z
    .uuid({ message: 'Refus du contrat invalide.' })
    .nullish()
    .transform((v) => v ?? null),
  facts: optionalText('Faits', 4000),
  /** A failure found in the facts recorded and classed without follow-up at once (its reason). */
  dismissReason: optionalText('Motif du classement sans suite', 1000),
});
export type FailureInput = z.input<typeof failureInputSchema>;

/** A failure to examine classed without follow-up: the reason is required (an excuse, a fact disproved). */
export const failureDismissalSchema = z.object({
  version: rowVersion,
  reason: text('Motif du classement sans suite', 1000),
});

export const failureParams = z.object({
  id: z.uuid({ message: 'Identifiant invalide.' }),
  failureId: z.uuid({ message: 'Identifiant invalide.' }),
});

export const failureSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: failureKindSchema,
  origin: z.enum(failureOrigins),
  factsDate: z.string(),
  factsEndDate: z.string().nullable(),
  appointmentId: z.uuid().nullable(),
  facts: z.string().nullable(),
  status: z.enum(failureStatuses),
  dismissedOn: z.string().nullable(),
  dismissedReason: z.string().nullable(),
  reportedByName: z.string().nullable(),
  recordedAt: z.string(),
  version: z.number(),
});
export type Failure = z.infer<typeof failureSchema>;

/** A failure found in the facts and not recorded yet (the queue proposes to record it). */
export const detectedFailureSchema = z.object({
  kind: z.enum(['no_show', 'no_contract', 'contract_refusal']),
  factsDate: z.string(),
  appointmentId: z.uuid().nullable(),
  contractRefusalId: z.uuid().nullable(),
  /** The legal or target delay that has passed (no contract), in words. */
  detail: z.string(),
});
export type DetectedFailure = z.infer<typeof detectedFailureSchema>;

export const failureQueueQuerySchema = z.object({
  hubId: z.uuid({ message: 'Pôle invalide.' }).optional(),
});

export const failureQueueItemSchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  hubName: z.string().nullable(),
  /** Recorded failures still to examine. */
  failures: z.array(failureSchema),
  /** Failures found in the facts, not recorded yet. */
  detected: z.array(detectedFailureSchema),
  /** The person's history: failures recorded earlier (any status) and sanctions decided. */
  earlierFailures: z.number(),
  earlierSanctions: z.number(),
});
export const failureQueueSchema = z.object({ items: z.array(failureQueueItemSchema) });
export type FailureQueue = z.infer<typeof failureQueueSchema>;

/**
 * A failure's life: examined in a case, or classed without follow-up while it is to examine. A
 * case cancelled classes its failure with it (a consequence of the case's move, not an agent's).
 */
export const failureWorkflow = defineWorkflow({
  name: 'sanction_failure',
  statuses: failureStatuses,
  transitions: {
    in_case: {
      from: ['to_examine'],
      permission: manage,
      refused: (from) =>
        from === 'in_case'
          ? 'Ce manquement fait déjà l’objet d’une procédure de sanction.'
          : 'Ce manquement a été classé sans suite.',
    },
    dismissed: {
      from: ['to_examine'],
      permission: manage,
      refused: (from) =>
        from === 'in_case'
          ? 'Ce manquement fait l’objet d’une procédure : annulez la procédure pour le classer sans suite.'
          : 'Ce manquement est déjà classé sans suite.',
    },
  },
});
