import { z } from 'zod';
import { checkIndicatorPeriod, hubFilter, indicatorPeriodShape } from './indicators';

/** Steering dashboards (issue 13, point 5): filters and chart series, aggregates only. */
export const dashboardQuerySchema = z
  .object({
    ...indicatorPeriodShape,
    /** The pôle: its code (history `hub` id) or uuid; absent for the whole département. */
    hub: hubFilter.optional(),
    structure: z.uuid({ message: 'Structure invalide.' }).optional(),
  })
  .superRefine(checkIndicatorPeriod);
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** One bar of a distribution: a stable key, its French label and the count of persons. */
export const dashboardBandSchema = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export type DashboardBand = z.infer<typeof dashboardBandSchema>;

export const dashboardMonthSchema = z.object({
  /** YYYY-MM */
  month: z.string(),
  entrants: z.number().int(),
  oriented: z.number().int(),
  orientedWithin1Month: z.number().int(),
});

export const dashboardQueueHubSchema = z.object({
  hubId: z.uuid().nullable(),
  hubName: z.string(),
  bands: z.array(dashboardBandSchema),
  total: z.number().int(),
});

export const dashboardLoadSchema = z.object({
  structureId: z.uuid(),
  structureName: z.string(),
  hubName: z.string().nullable(),
  referents: z.number().int(),
  persons: z.number().int(),
  /** Sum of the caps of the référents active that day (dated rule « plafonds de portefeuille »). */
  cap: z.number().int(),
});

export const dashboardActionSchema = z.object({
  actionId: z.uuid(),
  code: z.string(),
  title: z.string(),
  /** Referrals sent in the period, by their status today (referral statuses). */
  referrals: z.record(z.string(), z.number().int()),
  /** Exits dated in the period, by exit category (SPEC §7 typology). */
  exits: z.record(z.string(), z.number().int()),
});

export const dashboardResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  hub: z.string().nullable(),
  structure: z.string().nullable(),
  /** The day stocks are read on (queue, portfolios): the period's last day, or today if earlier. */
  on: z.string(),
  newEntrants: z.array(dashboardMonthSchema),
  orientationDelays: z.object({
    entrants: z.number().int(),
    within1Month: z.number().int(),
    within6Weeks: z.number().int(),
    bands: z.array(dashboardBandSchema),
  }),
  queue: z.array(dashboardQueueHubSchema),
  firstAppointmentDelays: z.object({
    oriented: z.number().int(),
    within2Weeks: z.number().int(),
    bands: z.array(dashboardBandSchema),
  }),
  contractDelays: z.object({
    oriented: z.number().int(),
    within2Months: z.number().int(),
    bands: z.array(dashboardBandSchema),
  }),
  portfolioLoads: z.array(dashboardLoadSchema),
  actions: z.array(dashboardActionSchema),
});
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;

/** Bands of each distribution, in their order: keys are stable, labels are what the charts print. */
export const orientationDelayBands = [
  { key: 'd0_15', label: '15 jours et moins' },
  { key: 'd16_1m', label: '16 jours à 1 mois' },
  { key: 'd1m_6w', label: 'Plus d’1 mois à 6 semaines' },
  { key: 'd6w_3m', label: 'Plus de 6 semaines à 3 mois' },
  { key: 'over3m', label: 'Plus de 3 mois' },
  { key: 'none', label: 'Pas encore orienté' },
] as const;
export const queueAgeBands = [
  { key: 'd0_15', label: '15 jours et moins' },
  { key: 'd16_30', label: '16 à 30 jours' },
  { key: 'd31_60', label: '31 à 60 jours' },
  { key: 'd61_90', label: '61 à 90 jours' },
  { key: 'over90', label: 'Plus de 90 jours' },
] as const;
export const firstAppointmentDelayBands = [
  { key: 'd0_7', label: '7 jours et moins' },
  { key: 'd8_14', label: '8 à 14 jours' },
  { key: 'd15_30', label: '15 à 30 jours' },
  { key: 'd31_60', label: '31 à 60 jours' },
  { key: 'over60', label: 'Plus de 60 jours' },
  { key: 'none', label: 'Pas encore de rendez-vous' },
] as const;
export const contractDelayBands = [
  { key: 'm0_1', label: '1 mois et moins' },
  { key: 'm1_2', label: 'Plus d’1 mois à 2 mois' },
  { key: 'm2_3', label: 'Plus de 2 mois à 3 mois' },
  { key: 'm3_6', label: 'Plus de 3 mois à 6 mois' },
  { key: 'over6m', label: 'Plus de 6 mois' },
  { key: 'none', label: 'Pas encore de contrat' },
] as const;
