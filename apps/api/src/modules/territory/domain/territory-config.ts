import { z } from 'zod';

/** A département's territory as data: its pôles and the communes each covers. */
export const territoryConfigSchema = z.object({
  departmentCode: z.string().regex(/^(\d{2}|2A|2B|97\d)$/, { message: 'Code de département invalide.' }),
  name: z.string().min(2),
  hubs: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9-]+$/, { message: 'Code de pôle : minuscules, chiffres et tirets.' }),
        name: z.string().min(2),
        communes: z.array(z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, { message: 'Code INSEE invalide.' })),
      }),
    )
    .min(1),
});
export type TerritoryConfig = z.infer<typeof territoryConfigSchema>;

export interface OfficialCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  commune?: string;
  codesPostaux?: string[];
}

/**
 * Communes of a département as the insertion policy sees them: municipal arrondissements
 * (Marseille, Lyon, Paris) replace their city.
 */
export function departmentCommunes(all: OfficialCommune[], departmentCode: string) {
  const own = all.filter((c) => c.departement === departmentCode);
  const split = new Set(own.filter((c) => c.type === 'arrondissement-municipal').map((c) => c.commune));
  return own
    .filter(
      (c) => (c.type === 'commune-actuelle' && !split.has(c.code)) || c.type === 'arrondissement-municipal',
    )
    .map((c) => ({ inseeCode: c.code, name: c.nom, postalCodes: c.codesPostaux ?? [] }));
}

/** Problems of a territory file against the official list: unknown codes, duplicates, gaps. */
export function checkTerritoryConfig(config: TerritoryConfig, communeCodes: Set<string>) {
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const hub of config.hubs) {
    for (const code of hub.communes) {
      if (!communeCodes.has(code))
        errors.push(`pôle ${hub.code} : commune ${code} inconnue dans le département`);
      const other = seen.get(code);
      if (other) errors.push(`commune ${code} rattachée à deux pôles (${other}, ${hub.code})`);
      seen.set(code, hub.code);
    }
  }
  const unassigned = [...communeCodes].filter((c) => !seen.has(c)).sort();
  return { errors, unassigned };
}
