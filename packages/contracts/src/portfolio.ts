import { z } from 'zod';
import { alertKindSchema } from './alerts';
import { contractStatusSchema } from './engagement-contract';

/**
 * The portfolio of a référent unique, or of a structure (its manager): the persons assigned, their
 * next appointment, their contract, the hours planned this week and their alerts. Never the NIR.
 */

export const portfolioSorts = ['name', 'next_appointment', 'contract_end', 'alerts'] as const;
export const portfolioSortSchema = z.enum(portfolioSorts, { message: 'Tri inconnu.' });
export type PortfolioSort = z.infer<typeof portfolioSortSchema>;
export const portfolioSortLabels: Record<PortfolioSort, string> = {
  name: 'Nom',
  next_appointment: 'Prochain rendez-vous',
  contract_end: 'Fin du contrat',
  alerts: 'Alertes',
};

/** A contract status, or `none` for persons without any contract. */
export const portfolioContractFilterSchema = z.union([contractStatusSchema, z.literal('none')], {
  message: 'Statut de contrat inconnu.',
});
export type PortfolioContractFilter = z.infer<typeof portfolioContractFilterSchema>;

export const portfolioQuerySchema = z.object({
  /** Administrators choose the structure; structure agents always see their own. */
  structureId: z.uuid({ message: 'Structure invalide.' }).optional(),
  /** One référent (manager, administrator); a référent always sees their own. */
  referentId: z.uuid({ message: 'Référent invalide.' }).optional(),
  contract: portfolioContractFilterSchema.optional(),
  withAlerts: z.enum(['yes', 'no'], { message: 'Filtre invalide : oui ou non.' }).optional(),
  sort: portfolioSortSchema.optional(),
  order: z.enum(['asc', 'desc'], { message: 'Ordre invalide.' }).optional(),
});
export type PortfolioQuery = z.input<typeof portfolioQuerySchema>;

export const portfolioEntrySchema = z.object({
  personId: z.uuid(),
  /** « Yann LE ROUX », as given. */
  personName: z.string(),
  referentId: z.uuid(),
  referentName: z.string(),
  /** Start of the current assignment. */
  since: z.string(),
  nextAppointment: z
    .object({ id: z.uuid(), onDate: z.string(), startsAt: z.string().nullable(), purpose: z.string() })
    .nullable(),
  contract: z
    .object({ id: z.uuid(), status: contractStatusSchema, startDate: z.string(), endDate: z.string() })
    .nullable(),
  /** Weekly hours of the plan of the contract in force, this week; null without a plan. */
  hoursThisWeek: z.number().nullable(),
  alerts: z.array(z.object({ kind: alertKindSchema, label: z.string() })),
});
export type PortfolioEntry = z.infer<typeof portfolioEntrySchema>;

export const portfolioSchema = z.object({
  today: z.string(),
  /** Monday of the week the hours are counted for. */
  weekStart: z.string(),
  structure: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  referents: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The persons of the portfolio before the filters. */
  total: z.number().int(),
  entries: z.array(portfolioEntrySchema),
});
export type Portfolio = z.infer<typeof portfolioSchema>;
