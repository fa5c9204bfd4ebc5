import { z } from 'zod';
import { planPauvreteIndicatorKeySchema } from './indicators';
import { rowVersion } from './scalars';

/**
 * The convention's indicator table (issue 13, point 2): the rows of the seed (axes 1, 2, 3 with
 * their definitions and comments), the values per column as printed, their history of changes,
 * and the computed figure of a year for the rows Parcours computes (3.1.x, 3.2.x).
 */

/** What a printed value is: a count, a percentage, « ND », « NC », words, or nothing. */
export const conventionValueKinds = ['number', 'percent', 'nd', 'nc', 'text', 'empty'] as const;
export type ConventionValueKind = (typeof conventionValueKinds)[number];

export interface ConventionClassifiedValue {
  printed: string;
  kind: ConventionValueKind;
  /** The count or the percentage (95 for « 95% »); null for the other kinds. */
  number: number | null;
  /** The footnote stars printed after a count (« 27358* »), null when none. */
  footnote: string | null;
}

/** Reads a cell as printed: « 32519 », « 7971** », « 95% », « ND », « NC », « Cible à définir », ''. */
export function classifyConventionValue(raw: string): ConventionClassifiedValue {
  const printed = raw.replace(/[\u00a0\u202f]/g, ' ').trim();
  if (printed === '') return { printed, kind: 'empty', number: null, footnote: null };
  if (/^ND$/i.test(printed)) return { printed, kind: 'nd', number: null, footnote: null };
  if (/^NC$/i.test(printed)) return { printed, kind: 'nc', number: null, footnote: null };
  const count = printed.match(/^(\d{1,3}(?: \d{3})+|\d+)(?:,(\d+))?(\**)$/);
  if (count)
    return {
      printed,
      kind: 'number',
      number: Number(`${count[1]!.replace(/ /g, '')}${count[2] ? `.${count[2]}` : ''}`),
      footnote: count[3] || null,
    };
  const percent = printed.match(/^(\d+)(?:,(\d+))?\s?%$/);
  if (percent)
    return {
      printed,
      kind: 'percent',
      number: Number(`${percent[1]}${percent[2] ? `.${percent[2]}` : ''}`),
      footnote: null,
    };
  return { printed, kind: 'text', number: null, footnote: null };
}

/** The seed's value columns: a situation at 31 December or an objective, of a year. */
export const conventionColumnKinds = ['situation', 'objective'] as const;
export type ConventionColumnKind = (typeof conventionColumnKinds)[number];

export function conventionColumnLabel(kind: ConventionColumnKind, year: number): string {
  return kind === 'situation' ? `Situation au 31 déc. ${year}` : `Objectif ${year}`;
}

export const conventionYearSchema = z.coerce
  .number({ message: 'Année : obligatoire.' })
  .int({ message: 'Année invalide.' })
  .min(2000, { message: 'Année invalide.' })
  .max(2100, { message: 'Année invalide.' });

export const conventionTableQuerySchema = z.object({ year: conventionYearSchema.optional() });
export type ConventionTableQuery = z.infer<typeof conventionTableQuerySchema>;

export const conventionColumnSchema = z.object({
  kind: z.enum(conventionColumnKinds),
  year: z.number().int(),
  label: z.string(),
});
export type ConventionColumn = z.infer<typeof conventionColumnSchema>;

export const conventionCellSchema = z.object({
  id: z.uuid(),
  kind: z.enum(conventionColumnKinds),
  year: z.number().int(),
  printed: z.string(),
  valueKind: z.enum(conventionValueKinds),
  number: z.number().nullable(),
  version: z.number().int(),
  /** True once someone changed it in Parcours (an import keeps it then). */
  edited: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  /** The comment of the last change (the import's note for the seed's values). */
  lastComment: z.string().nullable(),
});
export type ConventionCell = z.infer<typeof conventionCellSchema>;

export const conventionComputedSchema = z.object({
  /** The figure of `computePlanPauvreteIndicators` for the year (null: not defined). */
  value: z.number().nullable(),
  /** Its share of its base (`of` of the definition) in %, one decimal; null when none. */
  ratePercent: z.number().nullable(),
});

export const conventionRowSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  position: z.number().int(),
  axis: z.number().int(),
  axisLabel: z.string(),
  section: z.string(),
  sectionLabel: z.string(),
  objectiveRef: z.string().nullable(),
  objectiveLabel: z.string().nullable(),
  label: z.string(),
  definition: z.string().nullable(),
  /** « Commentaires et éléments de définition CD13 ». */
  departmentComment: z.string().nullable(),
  indicatorKey: planPauvreteIndicatorKeySchema.nullable(),
  cells: z.array(conventionCellSchema),
  computed: conventionComputedSchema.nullable(),
});
export type ConventionRow = z.infer<typeof conventionRowSchema>;

export const conventionTableSchema = z.object({
  /** The year of the computed column (1 January – 31 December). */
  year: z.number().int(),
  columns: z.array(conventionColumnSchema),
  rows: z.array(conventionRowSchema),
});
export type ConventionTable = z.infer<typeof conventionTableSchema>;

export const conventionValueInputSchema = z
  .object({
    /** « ND »: not available. The value is then ignored. */
    notAvailable: z.boolean({ message: 'ND : oui ou non attendu.' }).default(false),
    value: z
      .string({ message: 'Valeur invalide.' })
      .trim()
      .max(500, 'Valeur invalide : 500 caractères au plus.')
      .optional(),
    comment: z
      .string({ message: 'Commentaire : obligatoire.' })
      .trim()
      .min(1, 'Commentaire : obligatoire.')
      .max(2000, 'Commentaire invalide : 2 000 caractères au plus.'),
    version: rowVersion,
  })
  .superRefine((v, ctx) => {
    if (!v.notAvailable && !v.value)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Valeur : obligatoire (ou cochez « ND »).' });
  });
export type ConventionValueInput = z.input<typeof conventionValueInputSchema>;

export const conventionChangeSchema = z.object({
  id: z.uuid(),
  source: z.enum(['import', 'edit']),
  printedBefore: z.string().nullable(),
  printed: z.string(),
  valueKind: z.enum(conventionValueKinds),
  comment: z.string().nullable(),
  author: z.string().nullable(),
  changedAt: z.string(),
});
export type ConventionChange = z.infer<typeof conventionChangeSchema>;

export const conventionHistorySchema = z.object({
  cell: conventionCellSchema,
  rowLabel: z.string(),
  changes: z.array(conventionChangeSchema),
});
export type ConventionHistory = z.infer<typeof conventionHistorySchema>;
