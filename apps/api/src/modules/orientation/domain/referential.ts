import { z } from 'zod';

/** The shipped reference file (national lists of the socio-professional diagnosis). */
export const referentialFileSchema = z.object({
  themes: z.array(z.object({ id: z.string().regex(/^[a-z0-9_]+$/), label: z.string().min(1) })).min(1),
  situations: z.array(
    z.object({
      theme: z.string(),
      label: z.string().min(1),
      // Keeps a situation's id when its label is reworded (a renamed body, not a new situation).
      id: z
        .string()
        .regex(/^[a-z0-9_]+\.[a-z0-9_]+$/)
        .optional(),
    }),
  ),
  /** Objectives of an accompaniment (action plans of contracts of engagement name them by id). */
  objectives: z
    .array(
      z.object({
        theme: z.string(),
        label: z.string().min(1),
        id: z
          .string()
          .regex(/^[a-z0-9_]+\.[a-z0-9_]+$/)
          .optional(),
      }),
    )
    .optional(),
});
export type ReferentialFile = z.infer<typeof referentialFileSchema>;

/** Lower case, no accent, every run of other characters as one underscore. */
export function slugOf(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The file gives situations no id: theirs is derived from the theme and the label, so it is the
 * same at every load and on every instance (`logement.heberge_chez_un_tiers`). Typography (case,
 * accents, apostrophes, punctuation) does not change it; a reworded label is a new situation and
 * the old one is deactivated, never deleted (diagnoses keep pointing at it).
 */
export function situationId(themeId: string, label: string): string {
  return `${themeId}.${slugOf(label)}`;
}

export interface ReferentialItem {
  id: string;
  themeId: string;
  label: string;
  position: number;
}

export interface ReferentialItems {
  themes: { id: string; label: string; position: number }[];
  situations: ReferentialItem[];
  /** Ids derived like situations' (`theme.slug_of_label`). */
  objectives: ReferentialItem[];
  errors: string[];
}

/** Themes and situations with their ids and positions; situations of an unknown theme are errors. */
export function referentialItems(file: ReferentialFile): ReferentialItems {
  const errors: string[] = [];
  const themes = file.themes.map((t, i) => ({ id: t.id, label: t.label.trim(), position: i + 1 }));
  const themeIds = new Set(themes.map((t) => t.id));
  if (themeIds.size !== themes.length) errors.push('Un identifiant de thème apparaît deux fois.');
  const situations = itemsOf('Situation', file.situations, themeIds, errors);
  const objectives = itemsOf('Objectif', file.objectives ?? [], themeIds, errors);
  return { themes, situations, objectives, errors };
}

/** Items of a theme (situations, objectives) with their derived ids and positions per theme. */
function itemsOf(
  what: string,
  entries: readonly { theme: string; label: string; id?: string }[],
  themeIds: ReadonlySet<string>,
  errors: string[],
): ReferentialItem[] {
  const seen = new Set<string>();
  const items: ReferentialItem[] = [];
  const positions = new Map<string, number>();
  for (const s of entries) {
    if (!themeIds.has(s.theme)) {
      errors.push(`${what} « ${s.label} » : thème inconnu « ${s.theme} ».`);
      continue;
    }
    if (s.id && !s.id.startsWith(`${s.theme}.`)) {
      errors.push(`${what} « ${s.label} » : l’identifiant « ${s.id} » n’est pas du thème « ${s.theme} ».`);
      continue;
    }
    const id = s.id ?? situationId(s.theme, s.label);
    // The same item written twice (typography aside) is one item.
    if (seen.has(id)) continue;
    seen.add(id);
    const position = (positions.get(s.theme) ?? 0) + 1;
    positions.set(s.theme, position);
    items.push({ id, themeId: s.theme, label: s.label.trim(), position });
  }
  return items;
}
