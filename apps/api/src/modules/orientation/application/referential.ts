import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DiagnosticReferential } from '@parcours/contracts';
import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { type ReferentialFile, referentialFileSchema, referentialItems } from '../domain/referential';

export const defaultReferentialFile = path.resolve(
  import.meta.dirname,
  '../infra/reference/diagnostic-referential.json',
);

export function readReferentialFile(file = defaultReferentialFile): {
  content: string;
  data: ReferentialFile;
} {
  const content = fs.readFileSync(file, 'utf8');
  const parsed = referentialFileSchema.safeParse(JSON.parse(content));
  if (!parsed.success) {
    throw new Error(
      `Référentiel du diagnostic invalide (${file}) :\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return { content, data: parsed.data };
}

export interface ReferentialLoad {
  version: string;
  changed: boolean;
  themes: { added: number; deactivated: number };
  situations: { added: number; deactivated: number };
  objectives: { added: number; deactivated: number };
}

/**
 * Loads a version of the lists: new items are added, changed labels updated, items no longer in
 * the file deactivated — never deleted, since diagnoses point at their ids. A file already loaded
 * (same content hash as the latest version) changes nothing.
 */
export async function loadDiagnosticReferential(
  ctx: Pick<AppContext, 'db'>,
  departmentCode: string,
  file: { content: string; data: ReferentialFile },
): Promise<ReferentialLoad> {
  const hash = createHash('sha256').update(file.content).digest('hex');
  const items = referentialItems(file.data);
  if (items.errors.length)
    throw new Error(`Référentiel du diagnostic incohérent :\n  ${items.errors.join('\n  ')}`);
  return ctx.db.transaction().execute(async (trx) => {
    // Two instances starting together load it once.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`diagnostic-referential:${departmentCode}`}))`.execute(
      trx,
    );
    const versions = await trx
      .selectFrom('diagnostic_referential')
      .select(['version', 'source_hash'])
      .where('department_code', '=', departmentCode)
      .orderBy('loaded_at', 'desc')
      .orderBy('version', 'desc')
      .execute();
    const none = { added: 0, deactivated: 0 };
    // A base loaded before the objectives had their table (0022) loads them once.
    const objectivesBefore = await trx
      .selectFrom('diagnostic_objective')
      .select(['id', 'active'])
      .where('department_code', '=', departmentCode)
      .execute();
    const objectivesMissing = objectivesBefore.length === 0 && items.objectives.length > 0;
    if (versions[0]?.source_hash === hash && !objectivesMissing) {
      return {
        version: versions[0].version,
        changed: false,
        themes: none,
        situations: { ...none },
        objectives: { ...none },
      };
    }
    const themesBefore = await trx
      .selectFrom('diagnostic_theme')
      .select(['id', 'active'])
      .where('department_code', '=', departmentCode)
      .execute();
    const situationsBefore = await trx
      .selectFrom('diagnostic_situation')
      .select(['id', 'active'])
      .where('department_code', '=', departmentCode)
      .execute();
    const themeIds = new Set(items.themes.map((t) => t.id));
    const situationIds = new Set(items.situations.map((s) => s.id));
    const knownThemes = new Set(themesBefore.map((t) => t.id));
    const knownSituations = new Set(situationsBefore.map((s) => s.id));

    for (const t of items.themes) {
      await trx
        .insertInto('diagnostic_theme')
        .values({
          department_code: departmentCode,
          id: t.id,
          label: t.label,
          position: t.position,
          active: true,
        })
        .onConflict((oc) =>
          oc
            .columns(['department_code', 'id'])
            .doUpdateSet({ label: t.label, position: t.position, active: true }),
        )
        .execute();
    }
    for (const s of items.situations) {
      await trx
        .insertInto('diagnostic_situation')
        .values({
          department_code: departmentCode,
          id: s.id,
          theme_id: s.themeId,
          label: s.label,
          position: s.position,
          active: true,
        })
        .onConflict((oc) =>
          oc
            .columns(['department_code', 'id'])
            .doUpdateSet({ label: s.label, position: s.position, active: true }),
        )
        .execute();
    }
    for (const o of items.objectives) {
      await trx
        .insertInto('diagnostic_objective')
        .values({
          department_code: departmentCode,
          id: o.id,
          theme_id: o.themeId,
          label: o.label,
          position: o.position,
          active: true,
        })
        .onConflict((oc) =>
          oc
            .columns(['department_code', 'id'])
            .doUpdateSet({ label: o.label, position: o.position, active: true }),
        )
        .execute();
    }
    const objectiveIds = new Set(items.objectives.map((o) => o.id));
    const knownObjectives = new Set(objectivesBefore.map((o) => o.id));
    const goneObjectives = objectivesBefore
      .filter((o) => o.active && !objectiveIds.has(o.id))
      .map((o) => o.id);
    if (goneObjectives.length) {
      await trx
        .updateTable('diagnostic_objective')
        .set({ active: false })
        .where('department_code', '=', departmentCode)
        .where('id', 'in', goneObjectives)
        .execute();
    }
    const goneThemes = themesBefore.filter((t) => t.active && !themeIds.has(t.id)).map((t) => t.id);
    const goneSituations = situationsBefore
      .filter((s) => s.active && !situationIds.has(s.id))
      .map((s) => s.id);
    if (goneThemes.length) {
      await trx
        .updateTable('diagnostic_theme')
        .set({ active: false })
        .where('department_code', '=', departmentCode)
        .where('id', 'in', goneThemes)
        .execute();
    }
    if (goneSituations.length) {
      await trx
        .updateTable('diagnostic_situation')
        .set({ active: false })
        .where('department_code', '=', departmentCode)
        .where('id', 'in', goneSituations)
        .execute();
    }
    // Same file, only the objectives added: the version stays.
    const version = versions[0]?.source_hash === hash ? versions[0].version : String(versions.length + 1);
    if (version !== versions[0]?.version) {
      await trx
        .insertInto('diagnostic_referential')
        .values({ department_code: departmentCode, version, source_hash: hash })
        .execute();
    }
    return {
      version,
      changed: true,
      themes: {
        added: items.themes.filter((t) => !knownThemes.has(t.id)).length,
        deactivated: goneThemes.length,
      },
      situations: {
        added: items.situations.filter((s) => !knownSituations.has(s.id)).length,
        deactivated: goneSituations.length,
      },
      objectives: {
        added: items.objectives.filter((o) => !knownObjectives.has(o.id)).length,
        deactivated: goneObjectives.length,
      },
    };
  });
}

/** Loads the national diagnostic lists (themes, situations) with stable ids on first start. */
export async function ensureDiagnosticReferential(ctx: AppContext): Promise<void> {
  const result = await loadDiagnosticReferential(ctx, ctx.config.departmentCode, readReferentialFile());
  if (result.changed) {
    ctx.log.info(
      {
        version: result.version,
        themes: result.themes,
        situations: result.situations,
        objectives: result.objectives,
      },
      'diagnostic referential loaded',
    );
  }
}

/** The lists as the diagnosis form shows them (inactive items kept, flagged, for older diagnoses). */
export async function getDiagnosticReferential(
  db: Db,
  departmentCode: string,
): Promise<DiagnosticReferential> {
  const [version, themes, situations, objectives] = await Promise.all([
    db
      .selectFrom('diagnostic_referential')
      .select(['version', 'loaded_at'])
      .where('department_code', '=', departmentCode)
      .orderBy('loaded_at', 'desc')
      .orderBy('version', 'desc')
      .executeTakeFirst(),
    db
      .selectFrom('diagnostic_theme')
      .select(['id', 'label', 'active'])
      .where('department_code', '=', departmentCode)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('diagnostic_situation')
      .select(['id', 'theme_id', 'label', 'active'])
      .where('department_code', '=', departmentCode)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('diagnostic_objective')
      .select(['id', 'theme_id', 'label', 'active'])
      .where('department_code', '=', departmentCode)
      .orderBy('position')
      .execute(),
  ]);
  return {
    version: version?.version ?? null,
    loadedAt: version ? new Date(version.loaded_at).toISOString() : null,
    themes: themes.map((t) => ({
      id: t.id,
      label: t.label,
      active: t.active,
      situations: situations
        .filter((s) => s.theme_id === t.id)
        .map((s) => ({ id: s.id, label: s.label, active: s.active })),
      objectives: objectives
        .filter((o) => o.theme_id === t.id)
        .map((o) => ({ id: o.id, label: o.label, active: o.active })),
    })),
  };
}
