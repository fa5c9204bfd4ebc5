import type { ConventionCell, ConventionColumnKind, ConventionValueKind } from '@parcours/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredConventionRow {
  id: string;
  key: string;
  position: number;
  axis: number;
  axis_text: string;
  section: string;
  section_text: string;
  objective_ref: string | null;
  objective_text: string | null;
  objective_first: boolean;
  label: string;
  definition: string | null;
  department_comment: string | null;
  indicator_key: string | null;
}

export interface StoredConventionCell extends ConventionCell {
  indicatorId: string;
}

export const indicatorColumns = [
  'id',
  'key',
  'position',
  'axis',
  'axis_text',
  'section',
  'section_text',
  'objective_ref',
  'objective_text',
  'objective_first',
  'label',
  'definition',
  'department_comment',
  'indicator_key',
] as const;

export function loadConventionRows(db: Db, departmentCode: string): Promise<StoredConventionRow[]> {
  return db
    .selectFrom('convention_indicator')
    .select(indicatorColumns)
    .where('department_code', '=', departmentCode)
    .orderBy('position')
    .orderBy('key')
    .execute();
}

/** The cells of the département (or one), with the author's name and the last change's comment. */
export async function loadConventionCells(
  db: Db,
  departmentCode: string,
  valueId?: string,
): Promise<StoredConventionCell[]> {
  let query = db
    .selectFrom('convention_value as v')
    .leftJoin('account as a', 'a.id', 'v.updated_by')
    .select((eb) => [
      'v.id',
      'v.indicator_id',
      'v.column_kind',
      'v.year',
      'v.printed',
      'v.value_kind',
      'v.number',
      'v.version',
      'v.edited',
      'v.updated_at',
      'a.display_name',
      eb
        .selectFrom('convention_value_change as c')
        .select('c.comment')
        .whereRef('c.value_id', '=', 'v.id')
        .orderBy('c.changed_at', 'desc')
        .orderBy((e) => e.case().when('c.source', '=', 'edit').then(0).else(1).end())
        .limit(1)
        .as('last_comment'),
    ])
    .where('v.department_code', '=', departmentCode);
  if (valueId) query = query.where('v.id', '=', valueId);
  const rows = await query.orderBy('v.year').orderBy('v.column_kind', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    indicatorId: r.indicator_id,
    kind: r.column_kind as ConventionColumnKind,
    year: r.year,
    printed: r.printed,
    valueKind: r.value_kind as ConventionValueKind,
    number: r.number === null ? null : Number(r.number),
    version: r.version,
    edited: r.edited,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.display_name ?? null,
    lastComment: r.last_comment ?? null,
  }));
}

export function lockConventionValue(trx: Transaction<Database>, departmentCode: string, id: string) {
  return trx
    .selectFrom('convention_value as v')
    .innerJoin('convention_indicator as i', 'i.id', 'v.indicator_id')
    .select(['v.id', 'v.printed', 'v.version', 'v.column_kind', 'v.year', 'i.key'])
    .where('v.id', '=', id)
    .where('v.department_code', '=', departmentCode)
    .forUpdate('v')
    .executeTakeFirst();
}

export function loadConventionChanges(db: Db, departmentCode: string, valueId: string) {
  return db
    .selectFrom('convention_value_change as c')
    .leftJoin('account as a', 'a.id', 'c.author_account_id')
    .select([
      'c.id',
      'c.source',
      'c.printed_before',
      'c.printed',
      'c.value_kind',
      'c.comment',
      'c.changed_at',
      'a.display_name',
    ])
    .where('c.value_id', '=', valueId)
    .where('c.department_code', '=', departmentCode)
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id')
    .execute();
}
