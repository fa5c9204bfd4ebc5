import { z } from 'zod';

/**
 * Accompaniment alerts (SPEC §5–6, RULES "Delays"): derived at query time from dated facts
 * (orientations, appointments, contracts), never kept by hand. Thresholds are dated configuration.
 */

export const alertKinds = [
  'no_first_appointment',
  'no_contract_legal',
  'no_contract_convention',
  'contract_ending',
  'contract_expired',
  'social_review',
  'legacy_no_contract',
] as const;
export const alertKindSchema = z.enum(alertKinds, { message: 'Type d’alerte inconnu.' });
export type AlertKind = z.infer<typeof alertKindSchema>;

/** The heading of each group of alerts (screen, digest). */
export const alertKindLabels: Record<AlertKind, string> = {
  no_first_appointment: 'Pas de premier rendez-vous d’accompagnement dans les 14 jours après l’orientation',
  no_contract_legal: 'Pas de contrat d’engagement signé un mois après la notification (délai légal)',
  no_contract_convention: 'Pas de contrat d’engagement signé deux mois après l’orientation (objectif)',
  contract_ending: 'Contrat d’engagement qui se termine dans les 30 jours',
  contract_expired: 'Contrat d’engagement expiré sans renouvellement',
  social_review: 'Parcours social non réexaminé depuis 12 mois',
  legacy_no_contract: 'Suivi avant le 1er janvier 2025, toujours sans contrat d’engagement',
};

/** Short names for narrow places (the portfolio's column). */
export const alertKindShortLabels: Record<AlertKind, string> = {
  no_first_appointment: 'Pas de 1er rendez-vous (14 jours)',
  no_contract_legal: 'Contrat non signé (délai légal)',
  no_contract_convention: 'Contrat non signé (objectif 2 mois)',
  contract_ending: 'Contrat finissant sous 30 jours',
  contract_expired: 'Contrat expiré',
  social_review: 'Réexamen du parcours social dû',
  legacy_no_contract: 'Suivi avant 2025, contrat avant 2027',
};

export const alertSchema = z.object({
  kind: alertKindSchema,
  personId: z.uuid(),
  /** Name as given (never the NIR). */
  personName: z.string(),
  referentName: z.string().nullable(),
  /** The date the fact was due (or the contract ends): Paris calendar date. */
  dueDate: z.string(),
  /** Days since the due date; negative while it is still ahead (a contract ending, 2027). */
  daysLate: z.number().int(),
  /** French sentence: « orientée le 02/09/2026, échéance le 16/09/2026 (5 jours de retard) ». */
  label: z.string(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertsQuerySchema = z.object({
  /** Administrators choose the structure; structure agents always see their own. */
  structureId: z.uuid({ message: 'Structure invalide.' }).optional(),
  /** One référent of the structure (manager, administrator). */
  referentId: z.uuid({ message: 'Référent invalide.' }).optional(),
  kind: alertKindSchema.optional(),
});
export type AlertsQuery = z.input<typeof alertsQuerySchema>;

export const alertGroupSchema = z.object({
  kind: alertKindSchema,
  label: z.string(),
  count: z.number().int(),
  items: z.array(alertSchema),
});

export const alertsResultSchema = z.object({
  today: z.string(),
  structure: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The référents the reader may filter on (manager, administrator); empty for a référent. */
  referents: z.array(z.object({ id: z.uuid(), name: z.string() })),
  total: z.number().int(),
  /** Every kind, in order, with its count (zero included). */
  groups: z.array(alertGroupSchema),
});
export type AlertsResult = z.infer<typeof alertsResultSchema>;

/** The agent's own choice about the daily digest of their alerts. */
export const alertDigestPreferenceSchema = z.object({ enabled: z.boolean() });
export type AlertDigestPreference = z.infer<typeof alertDigestPreferenceSchema>;
export const alertDigestPreferenceInputSchema = z.object({
  enabled: z.boolean({ message: 'Choix obligatoire : oui ou non.' }),
});
