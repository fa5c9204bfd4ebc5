/** DREES statistics (issue 13, point 4) and masked statistics exports (point 6). */
import { z } from 'zod';
import { calendarDate } from './scalars';
import { SMALL_CELL_THRESHOLD } from './statistical-masking';

/**
 * Where an orientation sends a person, from the kind of its body (docs/statistics.md). The issue's
 * reading of the DREES survey: France Travail; another body of the employment network (Cap emploi);
 * a body outside the employment network (mission locale, PLIE, département services, CCAS, lieux
 * d'accueil, operators, medical team).
 */
export const dreesBodyGroups = ['france_travail', 'employment_network', 'non_employment'] as const;
export type DreesBodyGroup = (typeof dreesBodyGroups)[number];
export const dreesBodyGroupLabels: Record<DreesBodyGroup, string> = {
  france_travail: 'France Travail',
  employment_network: 'Autre organisme du réseau pour l’emploi',
  non_employment: 'Organisme hors réseau pour l’emploi',
};

/** `structure.kind` (or `orientation.body_kind`) → group; a kind not listed is outside the network. */
export const dreesGroupOfBodyKind: Record<string, DreesBodyGroup> = {
  france_travail: 'france_travail',
  cap_emploi: 'employment_network',
  mission_locale: 'non_employment',
  plie: 'non_employment',
  mds: 'non_employment',
  insertion_hub_office: 'non_employment',
  ccas: 'non_employment',
  lieu_accueil: 'non_employment',
  operator: 'non_employment',
  medical_team: 'non_employment',
};

export const dreesTableKeys = [
  'orientation',
  'age',
  'sex',
  'household',
  'seniority',
  'franceTravailRegistration',
  'contractInForce',
  'contractDuration',
  'entryToOrientation',
  'orientationToContract',
  'reorientations',
] as const;
export type DreesTableKey = (typeof dreesTableKeys)[number];

export const statisticsQuerySchema = z.object({
  /** The date of the stock (normally 31 December); the last 31 December when absent. */
  on: calendarDate.optional(),
});
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;

const cell = z.number().int().nullable();
export const dreesTableSchema = z.object({
  key: z.enum(dreesTableKeys),
  title: z.string(),
  definition: z.string(),
  /** The header of the label column (« Tranche d’âge »). */
  rowHeader: z.string(),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  /** Counts; null is masked (« < 5 », or a cell masked so that a total cannot reveal one). */
  cells: z.array(z.array(cell)),
  rowTotals: z.array(cell),
  columnTotals: z.array(cell),
  total: cell,
});
export type DreesTable = z.infer<typeof dreesTableSchema>;

export const dreesStatisticsSchema = z.object({
  on: z.string(),
  /** The year the flows (delays, reorientations) are counted over: 1 January to `on`. */
  yearStart: z.string(),
  threshold: z.number().int(),
  tables: z.array(dreesTableSchema),
});
export type DreesStatistics = z.infer<typeof dreesStatisticsSchema>;

export const MASKING_RULE = `Secret statistique : tout effectif de 1 à ${SMALL_CELL_THRESHOLD - 1} est masqué (« < ${SMALL_CELL_THRESHOLD} »), totaux compris ; 0 est publié. Masquage secondaire : dans chaque ligne et chaque colonne (avec son total), une case masquée n’est jamais seule — la plus petite autre case non nulle est masquée aussi, jusqu’à ce qu’aucun total publié ne permette de retrouver une case masquée.`;

export const NEVER_EXPORTED =
  'Aucune donnée directement identifiante : ni nom, ni NIR, ni adresse, ni numéro d’allocataire CAF ; les âges ne sont donnés que par tranches ; seuls des effectifs agrégés sont publiés.';
