import { z } from 'zod';
import { contractRefusalSchema } from './engagement-contract-moves';
import { referralPlanStepSchema } from './referral';
import { calendarDate, rowVersion } from './scalars';
import { requiredText } from './text-fields';
import { defineWorkflow } from './workflow';

/**
 * The contract of engagement (SPEC §6, RULES "Contract of engagement"): a contract keeps its
 * versions; a version is drafted, proposed (its content then frozen and hashed), signed by both
 * parties; only a signed version is ever in force; an amendment is a new version signed again.
 */

export const contractStatuses = [
  'draft',
  'proposed',
  'signed',
  'in_force',
  'ended',
  'renewed',
  'cancelled',
] as const;
export const contractStatusSchema = z.enum(contractStatuses);
export type ContractStatus = z.infer<typeof contractStatusSchema>;
export const contractStatusLabels: Record<ContractStatus, string> = {
  draft: 'Brouillon',
  proposed: 'Proposé à la signature',
  signed: 'Signé (pas encore commencé)',
  in_force: 'En vigueur',
  ended: 'Terminé',
  renewed: 'Renouvelé',
  cancelled: 'Annulé',
};

/**
 * The contract's lifecycle. Beyond the table (the use cases' checks): proposing needs a complete
 * content (dates, commitments, a plan of at least 15 h a week or a regime); `signed` is reached when
 * the second party signs the proposed version, `in_force` at its start date (at once when signed on
 * or after it, else by the daily job); `renewed` when a renewing contract comes into force.
 */
export const engagementContractWorkflow = defineWorkflow({
  name: 'engagement-contract',
  statuses: contractStatuses,
  transitions: {
    proposed: {
      from: ['draft'],
      permission: 'contract.write',
      refused: 'Seul un brouillon peut être proposé à la signature.',
    },
    draft: {
      from: ['proposed'],
      permission: 'contract.write',
      refused: 'Seul un contrat proposé peut être repris en brouillon.',
    },
    signed: {
      from: ['proposed'],
      permission: 'contract.write',
      roles: ['beneficiary'],
      refused: 'Seul un contrat proposé à la signature peut être signé.',
    },
    in_force: {
      from: ['signed'],
      permission: 'contract.write',
      roles: ['system', 'beneficiary'],
      refused: 'Seul un contrat signé peut entrer en vigueur.',
    },
    ended: {
      from: ['in_force'],
      permission: 'contract.write',
      roles: ['system'],
      refused: 'Seul un contrat en vigueur peut être terminé.',
    },
    renewed: {
      from: ['in_force', 'ended'],
      permission: 'contract.write',
      roles: ['system', 'beneficiary'],
      refused: 'Seul un contrat en vigueur ou terminé peut être renouvelé.',
    },
    cancelled: {
      from: ['draft', 'proposed', 'signed'],
      permission: 'contract.write',
      refused: 'Un contrat en vigueur ne s’annule pas : terminez-le.',
    },
  },
});

export const contractVersionStatuses = ['draft', 'proposed', 'signed', 'superseded', 'withdrawn'] as const;
export const contractVersionStatusSchema = z.enum(contractVersionStatuses);
export type ContractVersionStatus = z.infer<typeof contractVersionStatusSchema>;
export const contractVersionStatusLabels: Record<ContractVersionStatus, string> = {
  draft: 'Brouillon',
  proposed: 'Proposée à la signature',
  signed: 'Signée',
  superseded: 'Remplacée par un avenant',
  withdrawn: 'Abandonnée',
};

/** A version's lifecycle: an amendment of a contract in force runs through it too. */
export const contractVersionWorkflow = defineWorkflow({
  name: 'engagement-contract-version',
  statuses: contractVersionStatuses,
  transitions: {
    proposed: {
      from: ['draft'],
      permission: 'contract.write',
      refused: 'Seule une version en brouillon peut être proposée.',
    },
    draft: {
      from: ['proposed'],
      permission: 'contract.write',
      refused: 'Seule une version proposée peut être reprise en brouillon.',
    },
    signed: {
      from: ['proposed'],
      permission: 'contract.write',
      roles: ['beneficiary'],
      refused: 'Seule une version proposée peut être signée.',
    },
    superseded: {
      from: ['signed'],
      permission: 'contract.write',
      roles: ['beneficiary'],
      refused: 'Seule une version signée peut être remplacée.',
    },
    withdrawn: {
      from: ['draft', 'proposed'],
      permission: 'contract.write',
      refused: 'Une version signée ne peut pas être abandonnée.',
    },
  },
});

// ---- Content --------------------------------------------------------------------------------------

export const planStepKinds = [
  'catalogue_action',
  'training',
  'workshop',
  'administrative',
  'company_placement',
  'employer_meeting',
  'remobilisation',
  'health',
  'other',
] as const;
export const planStepKindSchema = z.enum(planStepKinds);
export type PlanStepKind = z.infer<typeof planStepKindSchema>;
export const planStepKindLabels: Record<PlanStepKind, string> = {
  catalogue_action: 'Action du programme départemental d’insertion',
  training: 'Formation',
  workshop: 'Atelier',
  administrative: 'Démarche administrative',
  company_placement: 'Mise en situation en entreprise',
  employer_meeting: 'Rencontre avec des employeurs',
  remobilisation: 'Action de remobilisation',
  health: 'Démarche de santé',
  other: 'Autre étape',
};

export const hoursRegimes = ['standard', 'reduced', 'exempt'] as const;
export const hoursRegimeSchema = z.enum(hoursRegimes);
export type HoursRegime = z.infer<typeof hoursRegimeSchema>;
export const hoursRegimeLabels: Record<HoursRegime, string> = {
  standard: 'Au moins 15 heures par semaine',
  reduced: 'Durée hebdomadaire réduite',
  exempt: 'Sans durée hebdomadaire (dispense)',
};

export const exemptionGrounds = [
  'health',
  'handicap',
  'invalidity',
  'isolated_parent_child_under_12',
] as const;
export const exemptionGroundSchema = z.enum(exemptionGrounds);
export type ExemptionGround = z.infer<typeof exemptionGroundSchema>;
export const exemptionGroundLabels: Record<ExemptionGround, string> = {
  health: 'Difficultés de santé',
  handicap: 'Handicap',
  invalidity: 'Invalidité',
  isolated_parent_child_under_12: 'Parent isolé sans solution de garde pour un enfant de moins de 12 ans',
};

const text = requiredText;

export const planStepInputSchema = z.object({
  /** An objective of the national diagnostic referential, by id. */
  objectiveId: text('Objectif', 200),
  kind: planStepKindSchema,
  /** An action of the catalogue (issue 12) when `kind` is `catalogue_action`. */
  actionId: z
    .uuid({ message: 'Action invalide.' })
    .nullish()
    .transform((v) => v ?? null),
  label: text('Intitulé de l’étape', 300),
  weeklyHours: z
    .number({ message: 'Heures par semaine : nombre obligatoire.' })
    .min(0, { message: 'Heures par semaine : 0 au minimum.' })
    .max(60, { message: 'Heures par semaine : 60 au maximum.' })
    .multipleOf(0.25, { message: 'Heures par semaine : par quart d’heure (0,25).' }),
  startDate: calendarDate,
  endDate: calendarDate,
});
export type PlanStepInput = z.input<typeof planStepInputSchema>;

/** What the parties agree on; checked for completeness when the version is proposed. */
export const contractContentSchema = z.object({
  startDate: calendarDate,
  endDate: calendarDate,
  /** Commitments of the accompanying body (the référent unique is named by the contract). */
  bodyCommitments: z.string().trim().max(4000, { message: '4 000 caractères au maximum.' }),
  personCommitments: z.string().trim().max(4000, { message: '4 000 caractères au maximum.' }),
  hoursRegime: hoursRegimeSchema,
  /** Required for `reduced`: the reason adapted to the personal and family situation. */
  reducedReason: z
    .string()
    .trim()
    .max(2000, { message: '2 000 caractères au maximum.' })
    .nullish()
    .transform((v) => (v ? v : null)),
  /** Required for `exempt`. */
  exemptionGround: exemptionGroundSchema.nullish().transform((v) => v ?? null),
  /**
   * The isolated-parent exemption with no child under 12 known from the household: allowed only
   * with the agent's explicit statement that the person declared one.
   */
  childUnder12Statement: z.boolean().default(false),
  plan: z.array(planStepInputSchema).max(50, { message: '50 étapes au maximum.' }).default([]),
});
export type ContractContentInput = z.input<typeof contractContentSchema>;
export type ContractContent = z.output<typeof contractContentSchema>;

// ---- Inputs ---------------------------------------------------------------------------------------

export const contractCreateSchema = z.object({
  content: contractContentSchema,
  /** The contract this one renews (it becomes `renewed` when this one comes into force). */
  renewsContractId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
});

export const contractDraftUpdateSchema = z.object({
  content: contractContentSchema,
  /** Row version of the version being edited (two agents on one draft: the second gets 409). */
  version: rowVersion,
});

export const contractVersionParams = z.object({
  id: z.uuid({ message: 'Identifiant invalide.' }),
  number: z.coerce.number({ message: 'Numéro de version invalide.' }).int().min(1).max(1000),
});

// ---- Outputs --------------------------------------------------------------------------------------

export const planWeekSchema = z.object({
  /** First day of the week (weeks run from the contract's start date, 7 days each). */
  weekStart: z.string(),
  weekEnd: z.string(),
  hours: z.number(),
  underMinimum: z.boolean(),
});
export type PlanWeek = z.infer<typeof planWeekSchema>;

/** The content as answered: the input's output shape without transforms (responses are encoded). */
const planStepOutputSchema = z.object({
  objectiveId: z.string(),
  kind: planStepKindSchema,
  actionId: z.string().nullable(),
  label: z.string(),
  weeklyHours: z.number(),
  startDate: z.string(),
  endDate: z.string(),
});
export const contractContentOutputSchema = z.object({
  startDate: z.string(),
  endDate: z.string(),
  bodyCommitments: z.string(),
  personCommitments: z.string(),
  hoursRegime: hoursRegimeSchema,
  reducedReason: z.string().nullable(),
  exemptionGround: exemptionGroundSchema.nullable(),
  childUnder12Statement: z.boolean(),
  plan: z.array(planStepOutputSchema),
});

export const planStepSchema = planStepOutputSchema.extend({
  id: z.uuid(),
  position: z.number().int(),
  objectiveLabel: z.string().nullable(),
  actionTitle: z.string().nullable(),
});

export const contractVersionSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: contractVersionStatusSchema,
  content: contractContentOutputSchema,
  plan: z.array(planStepSchema),
  referralSteps: z.array(referralPlanStepSchema).default([]), // fiches de liaison counted in `weeks`
  weeks: z.array(planWeekSchema),
  contentHash: z.string().nullable(),
  proposedAt: z.string().nullable(),
  agentSignedAt: z.string().nullable(),
  agentSignedByName: z.string().nullable(),
  personSignedAt: z.string().nullable(),
  personSignatureMethod: z.enum(['on_screen', 'beneficiary_space']).nullable(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ContractVersion = z.infer<typeof contractVersionSchema>;

export const contractSummarySchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  status: contractStatusSchema,
  statusReason: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  /** Months and days, in French ("6 mois"). */
  durationLabel: z.string(),
  signedOn: z.string().nullable(),
  weeklyHours: z.number(),
  hoursRegime: hoursRegimeSchema,
  referentName: z.string().nullable(),
  structureName: z.string().nullable(),
  currentVersionNo: z.number().int(),
  inForceVersionNo: z.number().int().nullable(),
  renewsContractId: z.uuid().nullable(),
  /** Taken over from a previous system: no versions, no plan. */
  source: z.string(),
  version: z.number().int(),
});
export type ContractSummary = z.infer<typeof contractSummarySchema>;

export const contractDetailSchema = contractSummarySchema.extend({
  versions: z.array(contractVersionSchema),
  /** The person's refusals to sign a proposed version, oldest first. */
  refusals: z.array(contractRefusalSchema),
  /** Minimum weekly hours of the rule set in force at the contract's start (15). */
  minimumWeeklyHours: z.number(),
});
export type ContractDetail = z.infer<typeof contractDetailSchema>;

export const personContractsSchema = z.object({
  items: z.array(contractSummarySchema),
  /** What the system knows to propose a regime: children under 12 in the household, isolated parent. */
  household: z.object({
    childrenUnder12: z.number().int(),
    isolatedParent: z.boolean(),
    proposedExemption: exemptionGroundSchema.nullable(),
  }),
  /** The référent unique the body's commitments name by default. */
  referentName: z.string().nullable(),
  minimumWeeklyHours: z.number(),
});
export type PersonContracts = z.infer<typeof personContractsSchema>;
