import fs from 'node:fs';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { type ParsedConventionRow, parseConventionTable } from '../domain/convention-parser';
import { indicatorColumns } from '../infra/convention-repo';

/** The repository's copy of the convention's indicator table (public document, see apps/api/data/README.md). */
export const defaultConventionFile = path.resolve(
  import.meta.dirname,
  '../../../../data/convention-indicators-2020.tsv',
);

/** The note of the history line an import writes. */
export const importComment = 'Valeur de la convention (tableau importé)';

export interface ConventionImportResult {
  file: string;
  rows: { total: number; created: number; updated: number };
  values: { total: number; created: number; updated: number; keptEdited: number };
  /** False when the import found everything as it was (a second run). */
  changed: boolean;
}

const describe = (r: ParsedConventionRow) => ({
  position: r.position,
  axis: r.axis,
  axis_text: r.axisText,
  section: r.section,
  section_text: r.sectionText,
  objective_ref: r.objectiveRef,
  objective_text: r.objectiveText,
  objective_first: r.objectiveFirst,
  label: r.label,
  definition: r.definition,
  department_comment: r.departmentComment,
  indicator_key: r.indicatorKey,
});

/**
 * Loads the table in one transaction: rows by their stable key, one value per column with a line
 * of history. Idempotent (a second run changes nothing); a value edited in Parcours is kept even
 * when the file says otherwise; rows and values the file no longer has are left as they are.
 */
export async function importConventionTable(
  ctx: AppContext,
  departmentCode: string,
  opts: { file?: string } = {},
): Promise<ConventionImportResult> {
  const file = opts.file ?? defaultConventionFile;
  if (!fs.existsSync(file)) throw new Error(`Fichier introuvable : ${file}`);
  const parsed = parseConventionTable(fs.readFileSync(file, 'utf8'));
  const result: ConventionImportResult = {
    file,
    rows: { total: parsed.rows.length, created: 0, updated: 0 },
    values: { total: 0, created: 0, updated: 0, keptEdited: 0 },
    changed: false,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const stored = new Map(
      (
        await trx
          .selectFrom('convention_indicator')
          .select(indicatorColumns)
          .where('department_code', '=', departmentCode)
          .execute()
      ).map((r) => [r.key, r]),
    );
    for (const row of parsed.rows) {
      const wanted = describe(row);
      const before = stored.get(row.key);
      let indicatorId: string;
      if (!before) {
        const inserted = await trx
          .insertInto('convention_indicator')
          .values({ department_code: departmentCode, key: row.key, ...wanted })
          .returning('id')
          .executeTakeFirstOrThrow();
        indicatorId = inserted.id;
        result.rows.created++;
      } else {
        indicatorId = before.id;
        const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter(
          (k) => before[k] !== wanted[k],
        );
        if (changed.length > 0) {
          await trx
            .updateTable('convention_indicator')
            .set(Object.fromEntries(changed.map((k) => [k, wanted[k]])))
            .where('id', '=', indicatorId)
            .execute();
          result.rows.updated++;
        }
      }
      const values = new Map(
        (
          await trx
            .selectFrom('convention_value')
            .select(['id', 'column_kind', 'year', 'printed', 'edited'])
            .where('indicator_id', '=', indicatorId)
            .execute()
        ).map((v) => [`${v.column_kind}-${v.year}`, v]),
      );
      for (const v of row.values) {
        result.values.total++;
        const current = values.get(`${v.column}-${v.year}`);
        const fact = { printed: v.printed, value_kind: v.kind, number: v.number };
        if (!current) {
          const inserted = await trx
            .insertInto('convention_value')
            .values({
              department_code: departmentCode,
              indicator_id: indicatorId,
              column_kind: v.column,
              year: v.year,
              ...fact,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await history(trx, departmentCode, inserted.id, null, fact);
          result.values.created++;
        } else if (current.printed !== v.printed) {
          if (current.edited) {
            result.values.keptEdited++;
            continue;
          }
          await trx
            .updateTable('convention_value')
            .set((eb) => ({
              ...fact,
              version: eb('version', '+', 1),
              updated_at: new Date(),
              updated_by: null,
            }))
            .where('id', '=', current.id)
            .execute();
          await history(trx, departmentCode, current.id, current.printed, fact);
          result.values.updated++;
        }
      }
    }
  });
  result.changed =
    result.rows.created + result.rows.updated + result.values.created + result.values.updated > 0;
  return result;
}

function history(
  trx: Transaction<Database>,
  departmentCode: string,
  valueId: string,
  before: string | null,
  fact: { printed: string; value_kind: string },
) {
  return trx
    .insertInto('convention_value_change')
    .values({
      department_code: departmentCode,
      value_id: valueId,
      source: 'import',
      printed_before: before,
      printed: fact.printed,
      value_kind: fact.value_kind,
      comment: importComment,
      author_account_id: null,
    })
    .execute();
}
