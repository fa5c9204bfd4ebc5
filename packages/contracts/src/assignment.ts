import { z } from 'zod';
import { calendarDate } from './scalars';
import { type StructureKind, structureKindSchema, structureKinds } from './territory';

/**
 * Référent unique: the assignment inbox of a structure, the référents' portfolios against their
 * caps (dated configuration), bulk assignment and change of référent with its history.
 */

// ---- Portfolio caps (dated rule set, kind 'portfolio_caps') ---------------------------------------

export const PORTFOLIO_CAP_MAX = 1000;

const capNumber = (label: string) =>
  z
    .number({ message: `${label} : nombre entier attendu.` })
    .int({ message: `${label} : nombre entier attendu.` })
    .min(1, { message: `${label} : au moins 1.` })
    .max(PORTFOLIO_CAP_MAX, { message: `${label} : au plus ${PORTFOLIO_CAP_MAX}.` });

/** A cap per kind of structure (every kind, so that a new structure always has one). */
export const cappedStructureKinds: readonly StructureKind[] = structureKinds;

export const portfolioCapsValueSchema = z.object({
  /** Persons per référent, by kind of structure. */
  byKind: z.object(
    Object.fromEntries(cappedStructureKinds.map((k) => [k, capNumber(k)])) as Record<
      StructureKind,
      ReturnType<typeof capNumber>
    >,
  ),
  /** Persons per France Travail / département pair of accompagnement global. */
  globalSupportPair: capNumber('Accompagnement global'),
});
export type PortfolioCapsValue = z.infer<typeof portfolioCapsValueSchema>;

export const portfolioCapSetSchema = portfolioCapsValueSchema.extend({
  effectiveFrom: z.string(),
  source: z.string(),
  builtIn: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type PortfolioCapSet = z.infer<typeof portfolioCapSetSchema>;

export const portfolioCapsSchema = z.object({
  /** The caps in force today. */
  current: portfolioCapSetSchema,
  /** Every dated set, the latest first (never edited: a new set is dated). */
  sets: z.array(portfolioCapSetSchema),
});
export type PortfolioCaps = z.infer<typeof portfolioCapsSchema>;

export const portfolioCapSetInputSchema = portfolioCapsValueSchema.extend({
  effectiveFrom: calendarDate,
  source: z
    .string({ message: 'Indiquez la décision ou la raison de ces plafonds.' })
    .trim()
    .min(3, { message: 'Indiquez la décision ou la raison de ces plafonds.' })
    .max(300, { message: 'Au plus 300 caractères.' }),
});
export type PortfolioCapSetInput = z.infer<typeof portfolioCapSetInputSchema>;

// ---- Inbox ----------------------------------------------------------------------------------------

export const assignmentInboxQuerySchema = z.object({
  /** The structure (an administrator chooses it; a structure manager sees their own). */
  structureId: z.uuid({ message: 'Structure invalide.' }).optional(),
});

export const inboxItemSchema = z.object({
  personId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  orientationId: z.uuid(),
  /** The decision's day (the notification's when the decision day is unknown). */
  orientedOn: z.string(),
  notifiedOn: z.string(),
  pathway: z.string(),
  programme: z.string().nullable(),
  daysSinceOrientation: z.number().int(),
  /** First accompaniment appointment target: orientation + 14 days (social, socio-professional). */
  firstAppointmentDue: z.string().nullable(),
  firstAppointmentOverdue: z.boolean(),
  /** Contract signed within one month of the notification (legal, orientations since 2025). */
  contractLegalDue: z.string().nullable(),
  contractLegalOverdue: z.boolean(),
  /** Contract signed within two months of the orientation (the convention's target). */
  contractConventionDue: z.string(),
  contractConventionOverdue: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const referentLoadSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  accountId: z.uuid().nullable(),
  globalSupportPair: z.boolean(),
  /** Persons followed now (open assignments). */
  load: z.number().int(),
  cap: z.number().int(),
});
export type ReferentLoad = z.infer<typeof referentLoadSchema>;

export const assignmentInboxSchema = z.object({
  structure: z.object({ id: z.uuid(), name: z.string(), kind: structureKindSchema }),
  today: z.string(),
  capsEffectiveFrom: z.string(),
  items: z.array(inboxItemSchema),
  referents: z.array(referentLoadSchema),
  /** The least loaded référent (load / cap, ties by name), null when the structure has none. */
  proposedReferentId: z.uuid().nullable(),
});
export type AssignmentInbox = z.infer<typeof assignmentInboxSchema>;

export const assignmentStructuresSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: structureKindSchema })),
});

// ---- Assign, change -------------------------------------------------------------------------------

const reasonText = (missing: string) =>
  z
    .string({ message: missing })
    .trim()
    .min(3, { message: missing })
    .max(500, { message: 'Au plus 500 caractères.' });

/** Optional text: empty means absent. */
const optionalReason = z
  .string({ message: 'Motif invalide.' })
  .trim()
  .max(500, { message: 'Au plus 500 caractères.' })
  .optional()
  .transform((v) => (v ? v : undefined));

export const ASSIGN_MAX_PERSONS = 100;

export const assignPersonsSchema = z.object({
  referentId: z.uuid({ message: 'Choisissez un référent.' }),
  personIds: z
    .array(z.uuid({ message: 'Personne invalide.' }), { message: 'Choisissez au moins une personne.' })
    .min(1, { message: 'Choisissez au moins une personne.' })
    .max(ASSIGN_MAX_PERSONS, { message: `Au plus ${ASSIGN_MAX_PERSONS} personnes à la fois.` }),
  /** Required when the référent's portfolio goes over its cap. */
  overCapReason: optionalReason,
});
export type AssignPersonsInput = z.input<typeof assignPersonsSchema>;

export const assignResultSchema = z.object({
  assigned: z.number().int(),
  referentId: z.uuid(),
  load: z.number().int(),
  cap: z.number().int(),
});

export const changeReferentSchema = z.object({
  referentId: z.uuid({ message: 'Choisissez un référent.' }),
  reason: reasonText('Indiquez le motif du changement de référent.'),
  overCapReason: optionalReason,
});
export type ChangeReferentInput = z.input<typeof changeReferentSchema>;

export const referentHistoryItemSchema = z.object({
  id: z.uuid(),
  referentId: z.uuid(),
  referentName: z.string(),
  structureName: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  source: z.string(),
  assignedByName: z.string().nullable(),
  reason: z.string().nullable(),
  overCapReason: z.string().nullable(),
  endedByName: z.string().nullable(),
  endReason: z.string().nullable(),
});
export type ReferentHistoryItem = z.infer<typeof referentHistoryItemSchema>;

export const currentReferentSchema = z.object({
  referentId: z.uuid(),
  name: z.string(),
  structureId: z.uuid(),
  structureName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  fromDate: z.string(),
});
export type CurrentReferent = z.infer<typeof currentReferentSchema>;

export const personReferentsSchema = z.object({
  current: currentReferentSchema.nullable(),
  /** The latest first. */
  items: z.array(referentHistoryItemSchema),
  /** Référents the reader may choose for a change (empty without `assignment.manage`). */
  candidates: z.array(referentLoadSchema),
});
export type PersonReferents = z.infer<typeof personReferentsSchema>;
