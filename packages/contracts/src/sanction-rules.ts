import { z } from 'zod';
import { calendarDate } from './scalars';

/**
 * The sanction rules as dated rule sets (RULES.md "Sanctions", SPEC §8): the legal regime in force at
 * the date of the facts (kind `sanction_regime`) and the département's own practice (kind
 * `sanction_practice`, sheet 3-9 of the 2020 convention). A case is judged by the sets of its facts'
 * date; administrators add a set from a date, the former ones stay.
 */

/** The bounds of a sanction for one level (a first failure, a repeated one). */
export interface SanctionLevel {
  /** Lowest share of the allocation withheld, null when the text sets no minimum. */
  minPercent: number | null;
  maxPercent: number;
  minMonths: number;
  maxMonths: number;
}

/** What a `sanction_regime` set holds (besides its date and source). */
export interface SanctionRegimeValue {
  /** Code of the regime (`earlier`, `suspension_remobilisation_2025`…), printed by the CLI. */
  regime: string;
  /** Its French name, for the screens and letters. */
  label: string;
  first: SanctionLevel;
  repeated: SanctionLevel;
  /** The ceiling for a household of more than one person (null: no such ceiling). */
  householdCapPercent: number | null;
  /** Whether the single-parent increase alone (a household of one) also triggers the ceiling. */
  capForSingleParentIncrease: boolean;
  /** A failure within this many months of an earlier sanctioned one counts as repeated. */
  repeatWindowMonths: number;
  /** The équipe pluridisciplinaire's opinion before any sanction (earlier regime). */
  epOpinionRequiredForSanction: boolean;
  /** The équipe pluridisciplinaire's opinion before a removal (radiation). */
  epOpinionRequiredForRemoval: boolean;
  /** The right ends at the end of the suspension (earlier regime). */
  removalAtEndOfSuspension: boolean;
}

const levelSchema = z.object({
  minPercent: z.number().nullable(),
  maxPercent: z.number(),
  minMonths: z.number(),
  maxMonths: z.number(),
});

const origin = {
  effectiveFrom: z.string(),
  source: z.string(),
  builtIn: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
};

/** A `sanction_regime` set as the screens show it. */
export const sanctionRegimeSchema = z.object({
  ...origin,
  regime: z.string(),
  label: z.string(),
  first: levelSchema,
  repeated: levelSchema,
  householdCapPercent: z.number().nullable(),
  capForSingleParentIncrease: z.boolean(),
  repeatWindowMonths: z.number().int(),
  epOpinionRequiredForSanction: z.boolean(),
  epOpinionRequiredForRemoval: z.boolean(),
  removalAtEndOfSuspension: z.boolean(),
});
export type SanctionRegime = z.infer<typeof sanctionRegimeSchema>;

/** What a `sanction_practice` set holds: the département's own steps (sheet 3-9). */
export interface SanctionPracticeValue {
  /** Whether the département applies these steps (within the bounds of the regime in force). */
  applies: boolean;
  /** Absent at the convocation: allocation suspended for this many months… */
  firstSuspensionMonths: number;
  /** …then reinstated automatically. */
  automaticReinstatement: boolean;
  /** Absent again: suspended for this many months… */
  secondSuspensionMonths: number;
  /** …then removed. */
  removalAfterSecondSuspension: boolean;
  /** The SAS de rétablissement: weeks and half-days a week. */
  sasWeeks: number;
  sasHalfDaysPerWeek: number;
}

export const sanctionPracticeSchema = z.object({
  ...origin,
  applies: z.boolean(),
  firstSuspensionMonths: z.number().int(),
  automaticReinstatement: z.boolean(),
  secondSuspensionMonths: z.number().int(),
  removalAfterSecondSuspension: z.boolean(),
  sasWeeks: z.number().int(),
  sasHalfDaysPerWeek: z.number().int(),
});
export type SanctionPractice = z.infer<typeof sanctionPracticeSchema>;

/** `GET /api/sanction-rules`: each kind's set in force today and its history, the latest first. */
export const sanctionRulesSchema = z.object({
  regime: z.object({ current: sanctionRegimeSchema, rules: z.array(sanctionRegimeSchema) }),
  practice: z.object({ current: sanctionPracticeSchema, rules: z.array(sanctionPracticeSchema) }),
});
export type SanctionRules = z.infer<typeof sanctionRulesSchema>;

const source = z
  .string({ message: 'Indiquez le texte ou la décision qui fixe ces règles.' })
  .trim()
  .min(3, { message: 'Indiquez le texte ou la décision qui fixe ces règles.' })
  .max(300, { message: 'Au plus 300 caractères.' });

const percent = (what: string) =>
  z
    .number({ message: `${what} : pourcentage obligatoire.` })
    .int({ message: `${what} : nombre entier.` })
    .min(1, { message: `${what} : au moins 1 %.` })
    .max(100, { message: `${what} : au plus 100 %.` });
const months = (what: string) =>
  z
    .number({ message: `${what} : nombre de mois obligatoire.` })
    .int({ message: `${what} : nombre entier de mois.` })
    .min(1, { message: `${what} : au moins 1 mois.` })
    .max(24, { message: `${what} : au plus 24 mois.` });
const flag = z.boolean({ message: 'Réponse oui ou non obligatoire.' });

/** The fields of a new regime, flat (one form field each). */
export const sanctionRegimeInputSchema = z
  .object({
    effectiveFrom: calendarDate,
    regime: z
      .string({ message: 'Code du régime obligatoire.' })
      .trim()
      .min(1, { message: 'Code du régime obligatoire.' })
      .max(60, { message: 'Au plus 60 caractères.' })
      .regex(/^[a-z0-9_]+$/, { message: 'Code invalide : lettres minuscules, chiffres et « _ » seulement.' }),
    label: z
      .string({ message: 'Nom du régime obligatoire.' })
      .trim()
      .min(3, { message: 'Nom du régime obligatoire.' })
      .max(120, { message: 'Au plus 120 caractères.' }),
    firstMinPercent: percent('Premier manquement, minimum').nullable(),
    firstMaxPercent: percent('Premier manquement, maximum'),
    firstMinMonths: months('Premier manquement, durée minimale'),
    firstMaxMonths: months('Premier manquement, durée maximale'),
    repeatedMinPercent: percent('Manquement répété, minimum').nullable(),
    repeatedMaxPercent: percent('Manquement répété, maximum'),
    repeatedMinMonths: months('Manquement répété, durée minimale'),
    repeatedMaxMonths: months('Manquement répété, durée maximale'),
    householdCapPercent: percent('Plafond pour un foyer de plusieurs personnes').nullable(),
    capForSingleParentIncrease: flag,
    repeatWindowMonths: months('Période de réitération'),
    epOpinionRequiredForSanction: flag,
    epOpinionRequiredForRemoval: flag,
    removalAtEndOfSuspension: flag,
    source,
  })
  .superRefine((v, ctx) => {
    const order = (min: number | null, max: number, path: string, message: string) => {
      if (min !== null && min > max) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    order(v.firstMinPercent, v.firstMaxPercent, 'firstMinPercent', 'Le minimum dépasse le maximum.');
    order(v.firstMinMonths, v.firstMaxMonths, 'firstMinMonths', 'La durée minimale dépasse la maximale.');
    order(v.repeatedMinPercent, v.repeatedMaxPercent, 'repeatedMinPercent', 'Le minimum dépasse le maximum.');
    order(
      v.repeatedMinMonths,
      v.repeatedMaxMonths,
      'repeatedMinMonths',
      'La durée minimale dépasse la maximale.',
    );
    const cap = v.householdCapPercent;
    if (cap !== null && Math.max(v.firstMinPercent ?? 0, v.repeatedMinPercent ?? 0) > cap)
      ctx.addIssue({
        code: 'custom',
        path: ['householdCapPercent'],
        message: 'Le plafond ne peut pas être inférieur au minimum d’une sanction.',
      });
    if (v.capForSingleParentIncrease && cap === null)
      ctx.addIssue({
        code: 'custom',
        path: ['capForSingleParentIncrease'],
        message:
          'Sans plafond pour les foyers de plusieurs personnes, la majoration ne peut pas en déclencher.',
      });
  });
export type SanctionRegimeInput = z.infer<typeof sanctionRegimeInputSchema>;

export const sanctionPracticeInputSchema = z.object({
  effectiveFrom: calendarDate,
  applies: flag,
  firstSuspensionMonths: months('Première suspension'),
  automaticReinstatement: flag,
  secondSuspensionMonths: months('Seconde suspension'),
  removalAfterSecondSuspension: flag,
  sasWeeks: z
    .number({ message: 'SAS : nombre de semaines obligatoire.' })
    .int({ message: 'SAS : nombre entier de semaines.' })
    .min(1, { message: 'SAS : au moins 1 semaine.' })
    .max(26, { message: 'SAS : au plus 26 semaines.' }),
  sasHalfDaysPerWeek: z
    .number({ message: 'SAS : nombre de demi-journées obligatoire.' })
    .int({ message: 'SAS : nombre entier de demi-journées.' })
    .min(1, { message: 'SAS : au moins 1 demi-journée par semaine.' })
    .max(10, { message: 'SAS : au plus 10 demi-journées par semaine.' }),
  source,
});
export type SanctionPracticeInput = z.infer<typeof sanctionPracticeInputSchema>;

/** The situation the bounds are asked for (CLI `rules sanction`). */
export const sanctionBoundsQuerySchema = z.object({
  factsDate: calendarDate,
  householdPersons: z
    .string({ message: 'Nombre de personnes du foyer obligatoire.' })
    .regex(/^\d{1,3}$/, { message: 'Nombre de personnes du foyer : un entier d’au moins 1 est attendu.' })
    .transform(Number)
    .refine((n) => n >= 1, { message: 'Nombre de personnes du foyer : au moins 1 (la personne elle-même).' }),
  singleParentIncrease: z.enum(['yes', 'no'], {
    message: 'Majoration pour isolement : « yes » ou « no » attendu.',
  }),
  repeat: z.enum(['1', '2'], {
    message: 'Manquement : « 1 » (premier) ou « 2 » (répété) attendu.',
  }),
});
export type SanctionBoundsQuery = z.input<typeof sanctionBoundsQuerySchema>;

/** The bounds of a sanction for a situation, under the regime in force at the facts' date. */
export const sanctionBoundsSchema = z.object({
  regime: z.string(),
  minPercent: z.number().nullable(),
  maxPercent: z.number(),
  minMonths: z.number(),
  maxMonths: z.number(),
  epOpinionRequiredForRemoval: z.boolean(),
});
export type SanctionBounds = z.infer<typeof sanctionBoundsSchema>;
