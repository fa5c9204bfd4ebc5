import { z } from 'zod';

/** The insertion offer's vocabulary (SPEC §7, seed 004): axes, kinds, statuses, exits. */
export const offerAxes = [1, 2, 3, 4] as const;
export const offerAxisLabels: Record<number, string> = {
  1: 'Axe 1 — Les enfants et les jeunes',
  2: 'Axe 2 — Le travail social',
  3: "Axe 3 — Le service public de l'insertion",
  4: 'Axe 4 — La formation en travail social',
};

export const actionKinds = ['socle', 'hors_socle', 'initiative_departementale'] as const;
export const actionKindSchema = z.enum(actionKinds);
export type ActionKind = z.infer<typeof actionKindSchema>;
export const actionKindLabels: Record<ActionKind, string> = {
  socle: 'Socle',
  hors_socle: 'Hors socle',
  initiative_departementale: 'Initiative départementale',
};

export const actionStatuses = ['nouvelle', 'poursuivie', 'renforcee', 'annulee'] as const;
export const actionStatusSchema = z.enum(actionStatuses);
export type ActionStatus = z.infer<typeof actionStatusSchema>;
export const actionStatusLabels: Record<ActionStatus, string> = {
  nouvelle: 'Nouvelle',
  poursuivie: 'Poursuivie',
  renforcee: 'Renforcée',
  annulee: 'Annulée',
};

export const budgetSources = ['annex_table', 'action_sheet', 'manual'] as const;
export const budgetSourceSchema = z.enum(budgetSources);
export type BudgetSource = z.infer<typeof budgetSourceSchema>;
export const budgetSourceLabels: Record<BudgetSource, string> = {
  annex_table: "Tableau de l'annexe",
  action_sheet: "Fiche de l'action",
  manual: 'Saisi dans Parcours',
};

/** Referral statuses; those holding a place in a session (free places = capacity − them). */
export const referralStatuses = ['sent', 'accepted', 'refused', 'cancelled', 'entered', 'exited'] as const;
export const referralStatusSchema = z.enum(referralStatuses);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;
export const placeHoldingReferralStatuses: readonly ReferralStatus[] = ['sent', 'accepted', 'entered'];

/** Exit typology of SPEC §7 (seed 004): a category, then the precise type within it. */
export const exitCategories = [
  'positive',
  'pathway_step',
  'insertion_step',
  'abandonment',
  'reorientation',
] as const;
export const exitCategorySchema = z.enum(exitCategories);
export type ExitCategory = z.infer<typeof exitCategorySchema>;
export const exitCategoryLabels: Record<ExitCategory, string> = {
  positive: 'Sortie positive',
  pathway_step: 'Étape de parcours',
  insertion_step: "Étape d'insertion",
  abandonment: 'Abandon',
  reorientation: 'Réorientation',
};
export const exitTypes = {
  positive: {
    cdi: 'CDI',
    long_contract: 'CDD, intérim ou contrat aidé de plus de 3 mois',
    qualifying_training: 'Formation qualifiante',
  },
  pathway_step: {
    short_contract: 'CDD de moins de 3 mois ou chantier d’insertion',
    employment_support: 'Entrée dans une action d’accompagnement vers l’emploi',
    refresher_training: 'Remise à niveau ou préparation à un concours',
  },
  insertion_step: {
    social_step: 'Étape d’insertion sociale (santé, logement, mobilité, droits…)',
  },
  abandonment: {
    abandonment: 'Abandon',
  },
  reorientation: {
    reorientation: 'Réorientation vers une autre action ou un autre parcours',
  },
} as const satisfies Record<ExitCategory, Record<string, string>>;
export type ExitType = { [C in ExitCategory]: keyof (typeof exitTypes)[C] }[ExitCategory];

/** Euros from cents, for screens and exports (amounts are kept in cents). */
export function euros(cents: number): number {
  return Math.round(cents) / 100;
}
