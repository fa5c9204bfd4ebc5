import { z } from 'zod';
import { calendarDate, isCalendarDate } from './scalars';

/**
 * The Plan Pauvreté indicators computed by Parcours (INDICATORS.md, seed 004 §3). Keys are stable:
 * the API, the CLI, the convention table and the screens read this one list.
 */
export const planPauvreteIndicatorKeys = [
  'newEntrants',
  'newEntrantsOriented',
  'newEntrantsOrientedWithin1Month',
  'firstAppointmentsSet',
  'firstAppointmentsWithin2Weeks',
  'firstContracts',
  'firstContractsWithin2Months',
  'activityGuaranteeOriented',
  'activityGuaranteeInProgress',
  'globalSupportPerAdvisor',
  'globalSupportStartDelayDays',
] as const;
export type PlanPauvreteIndicatorKey = (typeof planPauvreteIndicatorKeys)[number];
export const planPauvreteIndicatorKeySchema = z.enum(planPauvreteIndicatorKeys, {
  message: 'Indicateur inconnu.',
});

/** Counts of persons; the last two are a ratio and a mean (null when undefined). */
export const countIndicatorKeys = planPauvreteIndicatorKeys.filter(
  (k) => k !== 'globalSupportPerAdvisor' && k !== 'globalSupportStartDelayDays',
) as Exclude<PlanPauvreteIndicatorKey, 'globalSupportPerAdvisor' | 'globalSupportStartDelayDays'>[];

export interface IndicatorDefinition {
  /** Reference of the seed's table (3.1.1 …). */
  ref: string;
  /** Short French label (a column or a line). */
  label: string;
  /** The exact definition, in French, shown next to the figure. */
  definition: string;
  /** Counted over the period (flow), on its last day (stock), or a ratio / mean. */
  kind: 'flow' | 'stock' | 'ratio' | 'mean';
  /** The key this one is a part of (the rate's denominator), if any. */
  of?: PlanPauvreteIndicatorKey;
}

export const indicatorDefinitions: Record<PlanPauvreteIndicatorKey, IndicatorDefinition> = {
  newEntrants: {
    ref: '3.1.1',
    label: 'Nouveaux entrants',
    definition:
      'Personnes soumises aux droits et devoirs dont la date d’entrée (date de la transmission quotidienne CAF/MSA qui ouvre le droit) est dans la période. Une personne dont le droit se ferme puis se rouvre est de nouveau entrante.',
    kind: 'flow',
  },
  newEntrantsOriented: {
    ref: '3.1.1',
    label: 'Nouveaux entrants orientés',
    definition:
      'Parmi les nouveaux entrants de la période, ceux qui ont une orientation initiale (première orientation notifiée à partir de la date d’entrée), quelle qu’en soit la date.',
    kind: 'flow',
    of: 'newEntrants',
  },
  newEntrantsOrientedWithin1Month: {
    ref: '3.1.1',
    label: 'Nouveaux entrants orientés en 1 mois et moins',
    definition:
      'Parmi les nouveaux entrants de la période, ceux dont l’orientation initiale est notifiée au plus tard un mois calendaire après l’entrée (31 janvier + 1 mois = 28 ou 29 février).',
    kind: 'flow',
    of: 'newEntrants',
  },
  firstAppointmentsSet: {
    ref: '3.1.2',
    label: 'Premiers rendez-vous d’accompagnement fixés',
    definition:
      'Personnes orientées dans la période (orientation initiale) vers le parcours social ou socio-professionnel (hors parcours professionnel : France Travail) qui ont un premier rendez-vous d’accompagnement fixé à partir de la date d’orientation, quel qu’en soit le résultat, sauf annulé.',
    kind: 'flow',
  },
  firstAppointmentsWithin2Weeks: {
    ref: '3.1.2',
    label: 'Premiers rendez-vous fixés dans le délai de 2 semaines',
    definition:
      'Parmi les premiers rendez-vous d’accompagnement fixés, ceux dont la date est au plus tard 14 jours après la date d’orientation.',
    kind: 'flow',
    of: 'firstAppointmentsSet',
  },
  firstContracts: {
    ref: '3.1.3',
    label: 'Premiers contrats d’engagement',
    definition:
      'Personnes orientées dans la période (orientation initiale) qui ont signé un premier contrat d’engagement à partir de la date d’orientation ; les contrats suivants du même droit sont des renouvellements, non comptés.',
    kind: 'flow',
  },
  firstContractsWithin2Months: {
    ref: '3.1.3',
    label: 'Premiers contrats d’engagement dans les 2 mois',
    definition:
      'Parmi les premiers contrats d’engagement, ceux signés au plus tard deux mois calendaires après la notification de l’orientation.',
    kind: 'flow',
    of: 'firstContracts',
  },
  activityGuaranteeOriented: {
    ref: '3.2.1',
    label: 'Orientés vers la garantie d’activité (flux)',
    definition:
      'Personnes ayant une orientation (initiale ou non) dans la période qui désigne un programme de garantie d’activité : accompagnement global ou garantie d’activité départementale.',
    kind: 'flow',
  },
  activityGuaranteeInProgress: {
    ref: '3.2.1',
    label: 'En cours d’accompagnement par la garantie d’activité (stock)',
    definition:
      'Personnes dont la dernière orientation à la date du dernier jour de la période désigne un programme de garantie d’activité et dont le droit est ouvert ce jour-là.',
    kind: 'stock',
  },
  globalSupportPerAdvisor: {
    ref: '3.2.2',
    label: 'Personnes accompagnées par binôme d’accompagnement global',
    definition:
      'Personnes en accompagnement global le dernier jour de la période, divisées par le nombre de binômes France Travail / département actifs ce jour-là, arrondi à une décimale ; vide s’il n’y a aucun binôme.',
    kind: 'ratio',
  },
  globalSupportStartDelayDays: {
    ref: '3.2.2',
    label: 'Délai moyen de démarrage de l’accompagnement global (jours)',
    definition:
      'Pour les orientations de la période vers l’accompagnement global : moyenne des jours entre l’orientation et le premier rendez-vous d’accompagnement non annulé à partir de cette date (pour celles qui en ont un), arrondie à une décimale ; vide s’il n’y en a aucune.',
    kind: 'mean',
  },
};

/** Longest period the indicators are computed over. */
export const INDICATOR_PERIOD_MAX_YEARS = 10;

function yearsLater(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // 29 February + n years falls back to 28 February when that year has none.
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** A period `[from, to]`, inclusive, in Europe/Paris dates: from ≤ to, at most 10 years. */
export const indicatorPeriodShape = {
  from: calendarDate,
  to: calendarDate,
};
export function checkIndicatorPeriod(value: { from: string; to: string }, ctx: z.RefinementCtx) {
  // A malformed date already has its message (and would make yearsLater throw).
  if (!isCalendarDate(value.from) || !isCalendarDate(value.to)) return;
  if (value.from > value.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: 'La fin de la période doit être postérieure ou égale à son début.',
    });
  } else if (value.to >= yearsLater(value.from, INDICATOR_PERIOD_MAX_YEARS)) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `La période ne peut pas dépasser ${INDICATOR_PERIOD_MAX_YEARS} ans.`,
    });
  }
}

/**
 * The pôle filter: the hub's code (the `id` of a `hub` line of a history file) or its uuid;
 * absent for the whole département.
 */
export const hubFilter = z
  .string()
  .trim()
  .min(1, 'Pôle d’insertion invalide.')
  .max(100, 'Pôle d’insertion invalide.')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'Pôle d’insertion invalide.');

export const planPauvreteQuerySchema = z
  .object({ ...indicatorPeriodShape, hub: hubFilter.optional() })
  .superRefine(checkIndicatorPeriod);
export type PlanPauvreteQuery = z.infer<typeof planPauvreteQuerySchema>;

export const planPauvreteIndicatorsSchema = z.object({
  newEntrants: z.number().int(),
  newEntrantsOriented: z.number().int(),
  newEntrantsOrientedWithin1Month: z.number().int(),
  firstAppointmentsSet: z.number().int(),
  firstAppointmentsWithin2Weeks: z.number().int(),
  firstContracts: z.number().int(),
  firstContractsWithin2Months: z.number().int(),
  activityGuaranteeOriented: z.number().int(),
  activityGuaranteeInProgress: z.number().int(),
  globalSupportPerAdvisor: z.number().nullable(),
  globalSupportStartDelayDays: z.number().nullable(),
});
export type PlanPauvreteIndicators = z.infer<typeof planPauvreteIndicatorsSchema>;

/** INDICATORS.md's API contract: `hub` echoes the filter as asked (null for the département). */
export const planPauvreteResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  hub: z.string().nullable(),
  indicators: planPauvreteIndicatorsSchema,
});
export type PlanPauvreteResponse = z.infer<typeof planPauvreteResponseSchema>;

/** The persons behind a count (drill-down): roles that may see persons, within their scope. */
export const indicatorPersonsQuerySchema = z
  .object({
    ...indicatorPeriodShape,
    hub: hubFilter.optional(),
    indicator: planPauvreteIndicatorKeySchema,
    page: z.coerce.number().int().min(1, 'Page invalide.').max(100_000, 'Page invalide.').default(1),
  })
  .superRefine(checkIndicatorPeriod);
export type IndicatorPersonsQuery = z.infer<typeof indicatorPersonsQuerySchema>;

export const indicatorPersonSchema = z.object({
  id: z.uuid(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  /** The entry date of the spell counted, when the indicator starts from an entry. */
  entryDate: z.string().nullable(),
  /** The orientation counted (initial, or naming the programme). */
  orientedOn: z.string().nullable(),
  /** The later event looked at: first appointment or first contract, when there is one. */
  eventOn: z.string().nullable(),
});
export type IndicatorPerson = z.infer<typeof indicatorPersonSchema>;

export const indicatorPersonsResponseSchema = z.object({
  indicator: planPauvreteIndicatorKeySchema,
  from: z.string(),
  to: z.string(),
  hub: z.string().nullable(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  persons: z.array(indicatorPersonSchema),
});
export type IndicatorPersonsResponse = z.infer<typeof indicatorPersonsResponseSchema>;
