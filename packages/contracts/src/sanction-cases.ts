import { z } from 'zod';
import { payBackSchema } from './caf-transmission';
import { epOpinions, epProposedOutcomes, epSessionStatuses } from './ep-sessions';
import { checkIndicatorPeriod, indicatorPeriodShape } from './indicators';
import { detectedFailureSchema, failureSchema } from './sanction-failures';
import { calendarDate, rowVersion } from './scalars';
import { optionalText, requiredText } from './text-fields';
import { defineWorkflow } from './workflow';

/**
 * Duties and sanctions (issue 14, SPEC §8, RULES.md "Sanctions"): failures (manquements), detected
 * from dated facts or reported by a référent, and the sanction case that follows one failure through
 * the contradictory procedure to its end (remobilisation or term). The bounds come from the dated
 * rule sets of `sanction-rules.ts`, chosen by the date of the facts.
 */

const text = requiredText;

// ---- Sanction case ---------------------------------------------------------------------------------

export const sanctionCaseStatuses = [
  'opened',
  'notice_sent',
  'observations_received',
  'decided',
  'notified',
  'ended',
  'cancelled',
] as const;
export type SanctionCaseStatus = (typeof sanctionCaseStatuses)[number];
export const sanctionCaseStatusLabels: Record<SanctionCaseStatus, string> = {
  opened: 'Procédure ouverte',
  notice_sent: 'Information préalable envoyée',
  observations_received: 'Observations reçues',
  decided: 'Décision prise',
  notified: 'Décision notifiée',
  ended: 'Terminée',
  cancelled: 'Annulée',
};

const manage = 'sanction.manage' as const;

/** The contradictory procedure, from the opened case to its end; every move by an agent. */
export const sanctionCaseWorkflow = defineWorkflow({
  name: 'sanction_case',
  statuses: sanctionCaseStatuses,
  transitions: {
    notice_sent: {
      from: ['opened'],
      permission: manage,
      refused: 'L’information préalable n’est envoyée qu’une fois, au début de la procédure.',
    },
    observations_received: {
      from: ['notice_sent'],
      permission: manage,
      refused: 'Les observations se reçoivent après l’information préalable et avant la décision.',
    },
    decided: {
      from: ['notice_sent', 'observations_received'],
      permission: manage,
      refused: (from) =>
        from === 'opened'
          ? 'La personne doit d’abord être informée des faits et de la sanction encourue (information préalable).'
          : 'Cette procédure a déjà sa décision.',
    },
    notified: {
      from: ['decided'],
      permission: manage,
      refused: 'Seule une décision prise peut être notifiée.',
    },
    // The system too: remobilisation detected from the facts (a contract signed, an appointment honoured).
    ended: {
      from: ['notified'],
      permission: manage,
      roles: ['system'],
      refused: 'Seule une décision notifiée peut prendre fin.',
    },
    cancelled: {
      from: ['opened', 'notice_sent', 'observations_received', 'decided'],
      permission: manage,
      refused: 'Une décision notifiée ou une procédure terminée ne s’annule plus.',
    },
  },
});

export const decisionKinds = ['sanction', 'no_sanction', 'reorientation', 'removal'] as const;
export const decisionKindSchema = z.enum(decisionKinds, { message: 'Nature de la décision obligatoire.' });
export type DecisionKind = z.infer<typeof decisionKindSchema>;
export const decisionKindLabels: Record<DecisionKind, string> = {
  sanction: 'Suspension (ou réduction) de l’allocation',
  no_sanction: 'Pas de sanction',
  reorientation: 'Réorientation',
  removal: 'Radiation',
};

export const modulationReasons = [
  'vulnerability',
  'health',
  'handicap',
  'household',
  'frequency',
  'nature',
] as const;
export type ModulationReason = (typeof modulationReasons)[number];
export const modulationReasonLabels: Record<ModulationReason, string> = {
  vulnerability: 'Vulnérabilité de la personne',
  health: 'État de santé',
  handicap: 'Handicap',
  household: 'Composition du foyer',
  frequency: 'Fréquence des manquements',
  nature: 'Nature des manquements',
};

export const observationModes = ['written', 'interview'] as const;
export type ObservationMode = (typeof observationModes)[number];

export const endReasons = [
  'remobilisation_contract',
  'remobilisation_appointment',
  'term_reached',
  'closed',
] as const;
export type EndReason = (typeof endReasons)[number];
export const endReasonLabels: Record<EndReason, string> = {
  remobilisation_contract: 'Remobilisation : contrat d’engagement signé',
  remobilisation_appointment: 'Remobilisation : rendez-vous honoré',
  term_reached: 'Terme de la sanction atteint',
  closed: 'Procédure close (pas de sanction ou réorientation)',
};

export const openCaseInputSchema = z.object({ failureId: z.uuid({ message: 'Manquement invalide.' }) });

export const noticeInputSchema = z.object({ version: rowVersion, sentOn: calendarDate });

export const observationsInputSchema = z.object({
  version: rowVersion,
  receivedOn: calendarDate,
  mode: z.enum(observationModes, { message: 'Forme des observations obligatoire.' }),
  summary: text('Observations', 4000),
  /** Who assisted the person (name and quality), when someone did. */
  assistedBy: optionalText('Personne qui assistait', 300),
});

export const decisionInputSchema = z.object({
  version: rowVersion,
  decidedOn: calendarDate,
  kind: decisionKindSchema,
  percent: z
    .number({ message: 'Taux : nombre attendu.' })
    .int({ message: 'Taux : nombre entier attendu.' })
    .min(1, { message: 'Taux : entre 1 et 100 %.' })
    .max(100, { message: 'Taux : entre 1 et 100 %.' })
    .nullish()
    .transform((v) => v ?? null),
  months: z
    .number({ message: 'Durée : nombre de mois attendu.' })
    .int({ message: 'Durée : nombre entier de mois attendu.' })
    .min(1, { message: 'Durée : 1 mois au moins.' })
    .max(24, { message: 'Durée : 24 mois au plus.' })
    .nullish()
    .transform((v) => v ?? null),
  modulationReasons: z
    .array(z.enum(modulationReasons, { message: 'Motif de modulation inconnu.' }))
    .max(modulationReasons.length)
    .default([]),
  reason: optionalText('Motivation', 4000),
});
export type DecisionInput = z.output<typeof decisionInputSchema>;

export const notificationInputSchema = z.object({ version: rowVersion, notifiedOn: calendarDate });

export const endInputSchema = z.object({
  version: rowVersion,
  endedOn: calendarDate,
  reason: z.enum(endReasons, { message: 'Motif de fin obligatoire.' }),
});

export const cancelInputSchema = z.object({ version: rowVersion, reason: text('Motif', 1000) });

export const sanctionCaseParams = z.object({
  id: z.uuid({ message: 'Identifiant invalide.' }),
  caseId: z.uuid({ message: 'Identifiant invalide.' }),
});

export const sanctionCaseSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  failure: failureSchema,
  status: z.enum(sanctionCaseStatuses),
  regime: z.string(),
  factsDate: z.string(),
  repeat: z.union([z.literal(1), z.literal(2)]),
  householdPersons: z.number(),
  noticeSentOn: z.string().nullable(),
  observationsDeadline: z.string().nullable(),
  observationsReceivedOn: z.string().nullable(),
  observationsMode: z.enum(observationModes).nullable(),
  observations: z.string().nullable(),
  assistedBy: z.string().nullable(),
  decisionKind: decisionKindSchema.nullable(),
  percent: z.number().nullable(),
  months: z.number().nullable(),
  modulationReasons: z.array(z.enum(modulationReasons)),
  decisionReason: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decidedByName: z.string().nullable(),
  notifiedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.enum(endReasons).nullable(),
  cancelReason: z.string().nullable(),
  /** Suspension ended by remobilisation: the sums to pay back (display only; caf-transmission.ts). */
  payBack: payBackSchema.nullable().optional(),
  /** The case submitted to the EP: the proposal, and its latest session (date, invitation, opinion). */
  ep: z
    .object({
      proposedOutcome: z.enum(epProposedOutcomes),
      submittedOn: z.string(),
      sessionId: z.uuid().nullable(),
      sessionDate: z.string().nullable(),
      sessionStatus: z.enum(epSessionStatuses).nullable(),
      invitedOn: z.string().nullable(),
      opinion: z.enum(epOpinions).nullable(),
    })
    .nullable()
    .optional(),
  version: z.number(),
});
export type SanctionCase = z.infer<typeof sanctionCaseSchema>;

export const personSanctionsSchema = z.object({
  subjectToDuties: z.boolean(),
  failures: z.array(failureSchema),
  detected: z.array(detectedFailureSchema),
  cases: z.array(sanctionCaseSchema),
});
export type PersonSanctions = z.infer<typeof personSanctionsSchema>;

// ---- Steering counts (aggregates only) -------------------------------------------------------------

export const sanctionStatisticsQuerySchema = z
  .object({ ...indicatorPeriodShape })
  .superRefine(checkIndicatorPeriod);
export type SanctionStatisticsQuery = z.infer<typeof sanctionStatisticsQuerySchema>;

/** Where a case stands: in progress (no decision yet), its decision, or cancelled. */
export const sanctionOutcomes = [
  'in_progress',
  'sanction',
  'no_sanction',
  'reorientation',
  'removal',
  'cancelled',
] as const;
export type SanctionOutcome = (typeof sanctionOutcomes)[number];
export const sanctionOutcomeLabels: Record<SanctionOutcome, string> = {
  in_progress: 'En cours (pas encore de décision)',
  sanction: 'Suspension',
  no_sanction: 'Pas de sanction',
  reorientation: 'Réorientation',
  removal: 'Radiation',
  cancelled: 'Annulée',
};

export const sanctionStatisticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** One row per month of opening, regime and outcome; months without a case are absent. */
  rows: z.array(
    z.object({
      month: z.string(),
      regime: z.string(),
      outcome: z.enum(sanctionOutcomes),
      cases: z.number().int(),
      /** Of those, suspensions ended by the person's remobilisation. */
      remobilised: z.number().int(),
    }),
  ),
});
export type SanctionStatistics = z.infer<typeof sanctionStatisticsSchema>;
