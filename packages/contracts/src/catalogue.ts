import { z } from 'zod';
import { dataInclusionPublicSchema, serviceTypeSchema, thematiqueSchema } from './data-inclusion';
import { actionKindSchema, actionStatusSchema } from './offer';
import { calendarDate, rowVersion } from './scalars';
import { defineWorkflow } from './workflow';

/**
 * The catalogue of insertion actions (issue 12, SPEC §7): actions with their operators,
 * territories, vocabulary and budgets; sessions with capacity and free places; the search.
 * Free places of a session = capacity − its referrals holding a place (sent, accepted, entered).
 */

// ---- Sessions -------------------------------------------------------------------------------------

export const actionSessionStatuses = ['planned', 'cancelled'] as const;
export type ActionSessionStatus = (typeof actionSessionStatuses)[number];
export const actionSessionStatusLabels: Record<ActionSessionStatus, string> = {
  planned: 'Programmée',
  cancelled: 'Annulée',
};

/** A session is planned, then may be cancelled (places taken stay with their referrals). */
export const actionSessionWorkflow = defineWorkflow({
  name: 'action_session',
  statuses: actionSessionStatuses,
  transitions: {
    cancelled: {
      from: ['planned'],
      permission: 'offer.manage',
      refused: 'Cette session est déjà annulée.',
    },
  },
});

/** What a session is for a référent on a day: open, full, finished or cancelled. */
export const sessionStates = ['open', 'full', 'finished', 'cancelled'] as const;
export type SessionState = (typeof sessionStates)[number];
export const sessionStateLabels: Record<SessionState, string> = {
  open: 'Ouverte',
  full: 'Complet',
  finished: 'Terminée',
  cancelled: 'Annulée',
};

export const actionSessionSchema = z.object({
  id: z.uuid(),
  actionId: z.uuid(),
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  capacity: z.number().int(),
  weeklyHours: z.number().nullable(),
  status: z.enum(actionSessionStatuses),
  /** Referrals holding a place (sent, accepted, entered). */
  taken: z.number().int(),
  freePlaces: z.number().int(),
  state: z.enum(sessionStates),
  version: z.number().int(),
});
export type ActionSession = z.infer<typeof actionSessionSchema>;

const optionalText = (label: string, max: number) =>
  z
    .string({ message: `${label} : texte invalide.` })
    .trim()
    .max(max, { message: `${label} : ${max} caractères au maximum.` })
    .nullish()
    .transform((v) => (v ? v : null));

const requiredText = (required: string, max: number, tooLong: string) =>
  z.string({ message: required }).trim().min(1, { message: required }).max(max, { message: tooLong });

const hours = z
  .number({ message: 'Heures par semaine invalides (nombre attendu).' })
  .min(0, { message: 'Les heures par semaine ne peuvent pas être négatives.' })
  .max(60, { message: 'Pas plus de 60 heures par semaine.' })
  .multipleOf(0.25, { message: 'Heures par semaine : par quart d’heure (0,25).' })
  .nullish()
  .transform((v) => v ?? null);

const communeCode = z
  .string({ message: 'Code commune invalide.' })
  .regex(/^[0-9][0-9AB][0-9]{3}$/, { message: 'Code commune invalide.' })
  .nullish()
  .transform((v) => v ?? null);

export const sessionInputSchema = z
  .object({
    label: requiredText(
      'L’intitulé de la session est obligatoire.',
      200,
      'Intitulé : 200 caractères au maximum.',
    ),
    startsOn: calendarDate,
    endsOn: calendarDate,
    place: optionalText('Lieu', 300),
    communeCode,
    capacity: z
      .number({ message: 'La capacité est obligatoire (nombre de places).' })
      .int({ message: 'La capacité doit être un nombre entier.' })
      .min(1, { message: 'Au moins une place.' })
      .max(10000, { message: 'Pas plus de 10 000 places.' }),
    weeklyHours: hours,
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: 'La fin précède le début.',
        input: v.endsOn,
      });
  });
export type SessionInput = z.input<typeof sessionInputSchema>;
export const sessionUpdateSchema = z.intersection(sessionInputSchema, z.object({ version: rowVersion }));
export const sessionCancelSchema = z.object({ version: rowVersion });

// ---- Actions --------------------------------------------------------------------------------------

export const actionPhaseSchema = z.object({
  label: requiredText('L’intitulé de la phase est obligatoire.', 200, 'Phase : 200 caractères au maximum.'),
  description: optionalText('Description de la phase', 2000),
  hours: z
    .number({ message: 'Heures de la phase invalides.' })
    .min(0, { message: 'Heures de la phase invalides.' })
    .max(10000, { message: 'Heures de la phase invalides.' })
    .nullish()
    .transform((v) => v ?? null),
});
export type ActionPhase = z.infer<typeof actionPhaseSchema>;

export const actionIndicatorSchema = z.object({
  label: requiredText(
    'L’intitulé de l’indicateur est obligatoire.',
    300,
    'Indicateur : 300 caractères au maximum.',
  ),
  target: optionalText('Cible de l’indicateur', 200),
  /** Targets by year, as the action's sheet prints them ({ "2020": "60 %" }). */
  targets: z
    .record(z.string().regex(/^\d{4}$/, { message: 'Année invalide.' }), z.string().max(200))
    .optional(),
});
export type ActionIndicator = z.infer<typeof actionIndicatorSchema>;

const age = (label: string) =>
  z
    .number({ message: `${label} invalide.` })
    .int({ message: `${label} invalide (nombre entier).` })
    .min(0, { message: `${label} invalide.` })
    .max(120, { message: `${label} invalide (120 au plus).` })
    .nullish()
    .transform((v) => v ?? null);

export const actionInputSchema = z
  .object({
    code: z
      .string({ message: 'Le code de l’action est obligatoire.' })
      .trim()
      .min(1, { message: 'Le code de l’action est obligatoire.' })
      .max(20, { message: 'Code : 20 caractères au maximum.' })
      .regex(/^[0-9A-Za-z][0-9A-Za-z.\- ]*$/, {
        message: 'Code invalide (chiffres, lettres, tirets : « 3-4 »).',
      }),
    title: requiredText(
      'L’intitulé de l’action est obligatoire.',
      300,
      'Intitulé : 300 caractères au maximum.',
    ),
    axis: z
      .number({ message: 'L’axe est obligatoire.' })
      .int({ message: 'Axe invalide (1 à 4).' })
      .min(1, { message: 'Axe invalide (1 à 4).' })
      .max(4, { message: 'Axe invalide (1 à 4).' }),
    kind: actionKindSchema,
    status: actionStatusSchema,
    grouping: optionalText('Regroupement', 300),
    objectives: optionalText('Objectifs', 4000),
    description: optionalText('Description', 8000),
    publicDescription: optionalText('Public visé', 2000),
    targetMinAge: age('Âge minimum'),
    targetMaxAge: age('Âge maximum'),
    targetSex: z
      .enum(['F', 'M'], { message: 'Sexe invalide.' })
      .nullish()
      .transform((v) => v ?? null),
    publics: z.array(dataInclusionPublicSchema).max(14).default([]),
    thematiques: z.array(thematiqueSchema).max(69).default([]),
    serviceType: serviceTypeSchema.nullish().transform((v) => v ?? null),
    weeklyHours: hours,
    weeks: z
      .number({ message: 'Nombre de semaines invalide.' })
      .int({ message: 'Nombre de semaines invalide (entier).' })
      .min(1, { message: 'Au moins une semaine.' })
      .max(520, { message: 'Pas plus de 520 semaines.' })
      .nullish()
      .transform((v) => v ?? null),
    phases: z.array(actionPhaseSchema).max(30).default([]),
    plannedBeneficiaries: z
      .number({ message: 'Nombre de bénéficiaires invalide.' })
      .int({ message: 'Nombre de bénéficiaires invalide (entier).' })
      .min(0, { message: 'Nombre de bénéficiaires invalide.' })
      .max(1000000, { message: 'Nombre de bénéficiaires invalide.' })
      .nullish()
      .transform((v) => v ?? null),
    plannedBeneficiariesText: optionalText('Bénéficiaires prévus', 200),
    indicators: z.array(actionIndicatorSchema).max(30).default([]),
    unitCostCents: z
      .number({ message: 'Coût unitaire invalide.' })
      .int({ message: 'Coût unitaire invalide (en centimes).' })
      .min(0, { message: 'Le coût unitaire ne peut pas être négatif.' })
      .max(100_000_000_00, { message: 'Coût unitaire invalide.' })
      .nullish()
      .transform((v) => v ?? null),
    startsOn: calendarDate.nullish().transform((v) => v ?? null),
    endsOn: calendarDate.nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.targetMinAge !== null && v.targetMaxAge !== null && v.targetMaxAge < v.targetMinAge)
      ctx.addIssue({
        code: 'custom',
        path: ['targetMaxAge'],
        message: 'L’âge maximum est inférieur à l’âge minimum.',
        input: v.targetMaxAge,
      });
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: 'La fin précède le début.',
        input: v.endsOn,
      });
  });
export type ActionInput = z.input<typeof actionInputSchema>;
export const actionUpdateSchema = z.intersection(actionInputSchema, z.object({ version: rowVersion }));

export const actionOperatorsInputSchema = z.object({
  structureIds: z
    .array(z.uuid({ message: 'Structure invalide.' }))
    .max(20, { message: '20 opérateurs au maximum.' }),
  version: rowVersion,
});

export const actionTerritoryInputSchema = z
  .object({
    lot: optionalText('Lot', 100),
    hubId: z
      .uuid({ message: 'Pôle invalide.' })
      .nullish()
      .transform((v) => v ?? null),
    communeCode,
  })
  .superRefine((v, ctx) => {
    if (!v.hubId && !v.communeCode)
      ctx.addIssue({
        code: 'custom',
        path: ['hubId'],
        message: 'Un pôle ou une commune est obligatoire.',
        input: v.hubId,
      });
  });
export const actionTerritoriesInputSchema = z.object({
  territories: z.array(actionTerritoryInputSchema).max(200, { message: '200 territoires au maximum.' }),
  version: rowVersion,
});

export const actionOperatorSchema = z.object({ id: z.uuid(), name: z.string() });
export const actionTerritorySchema = z.object({
  id: z.uuid(),
  lot: z.string().nullable(),
  hubId: z.uuid().nullable(),
  hubName: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
});
export type ActionTerritory = z.infer<typeof actionTerritorySchema>;

export const actionBudgetSchema = z.object({
  year: z.number().int(),
  source: z.enum(['annex_table', 'action_sheet', 'manual']),
  amountCents: z.number(),
  stateShareCents: z.number().nullable(),
  departmentShareCents: z.number().nullable(),
  note: z.string().nullable(),
});

/** One result of the search: the action and its open sessions (with free places). */
export const actionSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  axis: z.number().int(),
  kind: actionKindSchema,
  status: actionStatusSchema,
  operators: z.array(actionOperatorSchema),
  thematiques: z.array(z.string()),
  publics: z.array(z.string()),
  serviceType: z.string().nullable(),
  weeklyHours: z.number().nullable(),
  weeks: z.number().int().nullable(),
  /** "Département entier" or the pôles and communes served. */
  territoryLabel: z.string(),
  /** Whether the action has sessions at all (none: permanent entries). */
  hasSessions: z.boolean(),
  /** Sessions still open to a referral (planned, not over), full ones included. */
  sessions: z.array(actionSessionSchema),
  /** Sum of the free places of the open sessions; null when the action has no session. */
  freePlaces: z.number().int().nullable(),
});
export type ActionSummary = z.infer<typeof actionSummarySchema>;

export const actionDetailSchema = actionSummarySchema.extend({
  grouping: z.string().nullable(),
  objectives: z.string().nullable(),
  description: z.string().nullable(),
  publicDescription: z.string().nullable(),
  targetMinAge: z.number().int().nullable(),
  targetMaxAge: z.number().int().nullable(),
  targetSex: z.enum(['F', 'M']).nullable(),
  phases: z.array(
    z.object({ label: z.string(), description: z.string().nullable(), hours: z.number().nullable() }),
  ),
  plannedBeneficiaries: z.number().int().nullable(),
  plannedBeneficiariesText: z.string().nullable(),
  indicators: z.array(
    z.object({ label: z.string(), target: z.string().nullable(), targets: z.record(z.string(), z.string()) }),
  ),
  unitCostCents: z.number().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  source: z.string(),
  territories: z.array(actionTerritorySchema),
  budgets: z.array(actionBudgetSchema),
  /** Every session, past and cancelled ones included. */
  allSessions: z.array(actionSessionSchema),
  version: z.number().int(),
});
export type ActionDetail = z.infer<typeof actionDetailSchema>;

// ---- Search ---------------------------------------------------------------------------------------

export const catalogueSearchQuerySchema = z.object({
  /** A diagnosis theme id (`mobilite`) or a data·inclusion thématique code or family. */
  need: z.string().trim().max(200).optional(),
  communeCode: z
    .string()
    .regex(/^[0-9][0-9AB][0-9]{3}$/, { message: 'Code commune invalide.' })
    .optional(),
  hubId: z.uuid({ message: 'Pôle invalide.' }).optional(),
  public: dataInclusionPublicSchema.optional(),
  age: z.coerce
    .number({ message: 'Âge invalide.' })
    .int({ message: 'Âge invalide.' })
    .min(0, { message: 'Âge invalide.' })
    .max(120, { message: 'Âge invalide.' })
    .optional(),
  sex: z.enum(['F', 'M'], { message: 'Sexe invalide.' }).optional(),
  q: z.string().trim().max(200, { message: 'Recherche : 200 caractères au maximum.' }).optional(),
  freeOnly: z.enum(['true', 'false']).optional(),
  includeCancelled: z.enum(['true', 'false']).optional(),
  axis: z.coerce.number().int().min(1).max(4).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CatalogueSearchQuery = z.input<typeof catalogueSearchQuerySchema>;

export const catalogueSearchResultSchema = z.object({
  items: z.array(actionSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CatalogueSearchResult = z.infer<typeof catalogueSearchResultSchema>;

/** The filters' choices: diagnosis themes (needs), communes with their pôle, pôles, operators. */
export const catalogueFiltersSchema = z.object({
  themes: z.array(z.object({ id: z.string(), label: z.string() })),
  communes: z.array(z.object({ code: z.string(), name: z.string(), hubId: z.uuid().nullable() })),
  hubs: z.array(z.object({ id: z.uuid(), name: z.string() })),
  operators: z.array(actionOperatorSchema),
});
export type CatalogueFilters = z.infer<typeof catalogueFiltersSchema>;
