import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../../platform/context';
import {
  checkTerritoryConfig,
  departmentCommunes,
  type TerritoryConfig,
  territoryConfigSchema,
} from '../domain/territory-config';
import { officialCommunes } from '../infra/official-communes';

export function defaultTerritoryFile(departmentCode: string) {
  return path.resolve(import.meta.dirname, '../infra/territories', `${departmentCode}.json`);
}

export function readTerritoryFile(file: string): TerritoryConfig {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  const parsed = territoryConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Fichier de territoire invalide (${file}) :\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

/**
 * Creates the département, its communes and pôles. Idempotent: a commune already attached to a
 * pôle keeps it, so an administrator's changes survive a reload.
 */
export async function loadTerritory(ctx: AppContext, config: TerritoryConfig) {
  const communes = departmentCommunes(officialCommunes(), config.departmentCode);
  if (communes.length === 0)
    throw new Error(`Aucune commune officielle pour le département ${config.departmentCode}.`);
  const { errors, unassigned } = checkTerritoryConfig(config, new Set(communes.map((c) => c.inseeCode)));
  if (errors.length > 0) throw new Error(`Fichier de territoire incohérent :\n  ${errors.join('\n  ')}`);

  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('department')
      .values({ code: config.departmentCode, name: config.name })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: config.name }))
      .execute();
    const hubIds = new Map<string, string>();
    for (const hub of config.hubs) {
      const row = await trx
        .insertInto('insertion_hub')
        .values({ department_code: config.departmentCode, code: hub.code, name: hub.name })
        .onConflict((oc) => oc.columns(['department_code', 'code']).doUpdateSet({ code: hub.code }))
        .returning('id')
        .executeTakeFirstOrThrow();
      hubIds.set(hub.code, row.id);
    }
    const hubOf = new Map<string, string>();
    for (const hub of config.hubs) for (const code of hub.communes) hubOf.set(code, hubIds.get(hub.code)!);
    for (let i = 0; i < communes.length; i += 500) {
      const batch = communes.slice(i, i + 500);
      await trx
        .insertInto('commune')
        .values(
          batch.map((c) => ({
            department_code: config.departmentCode,
            insee_code: c.inseeCode,
            name: c.name,
            postal_codes: c.postalCodes,
            hub_id: hubOf.get(c.inseeCode) ?? null,
          })),
        )
        .onConflict((oc) =>
          oc.column('insee_code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            postal_codes: eb.ref('excluded.postal_codes'),
            hub_id: eb.fn.coalesce('commune.hub_id', 'excluded.hub_id'),
          })),
        )
        .execute();
    }
    return { communes: communes.length, hubs: config.hubs.length, unassigned };
  });
}

/** Ensures the département's territory exists (first start), loading its default file if shipped. */
export async function ensureTerritory(ctx: AppContext) {
  const dep = await ctx.db
    .selectFrom('department')
    .select('code')
    .where('code', '=', ctx.config.departmentCode)
    .executeTakeFirst();
  if (dep) return;
  const file = defaultTerritoryFile(ctx.config.departmentCode);
  if (!fs.existsSync(file)) {
    ctx.log.warn(
      `Aucun territoire pour le département ${ctx.config.departmentCode} : lancez « npm run cli -- territory load --file <fichier> ».`,
    );
    await ctx.db
      .insertInto('department')
      .values({ code: ctx.config.departmentCode, name: `Département ${ctx.config.departmentCode}` })
      .execute();
    return;
  }
  await loadTerritory(ctx, readTerritoryFile(file));
}
