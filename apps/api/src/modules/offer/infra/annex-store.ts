import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';

type Trx = Transaction<Database>;

/** JSON with sorted keys: PostgreSQL's jsonb reorders keys, PGlite's too, so compare this way. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** A stored value and the value to write are the same fact (int8 and numeric read as strings, jsonb parsed). */
export function sameValue(stored: unknown, wanted: unknown): boolean {
  if (stored === null || stored === undefined || wanted === null || wanted === undefined)
    return (stored ?? null) === (wanted ?? null);
  if (typeof wanted === 'number' || typeof stored === 'number' || typeof stored === 'bigint')
    return Number(stored) === Number(wanted);
  if (typeof wanted === 'string' && typeof stored === 'object') {
    try {
      return canonical(stored) === canonical(JSON.parse(wanted));
    } catch {
      return false;
    }
  }
  if (typeof wanted === 'object') return canonical(stored) === canonical(wanted);
  return stored === wanted;
}

/** The keys of `wanted` whose value differs from the stored row's. */
export function changedKeys<T extends object>(stored: object, wanted: T): (keyof T)[] {
  const s = stored as Record<string, unknown>;
  const w = wanted as Record<string, unknown>;
  return Object.keys(w).filter((k) => !sameValue(s[k], w[k])) as (keyof T)[];
}

export const hubsByCode = async (trx: Trx, departmentCode: string) =>
  new Map(
    (
      await trx
        .selectFrom('insertion_hub')
        .select(['id', 'code'])
        .where('department_code', '=', departmentCode)
        .execute()
    ).map((h) => [h.code, h.id]),
  );

export const storedAction = (trx: Trx, departmentCode: string, code: string) =>
  trx
    .selectFrom('insertion_action')
    .selectAll()
    .where('department_code', '=', departmentCode)
    .where('code', '=', code)
    .executeTakeFirst();

/** An operator structure by name, created when missing; `created` tells which. */
export async function ensureOperator(
  trx: Trx,
  departmentCode: string,
  name: string,
): Promise<{ id: string; created: boolean }> {
  const inserted = await trx
    .insertInto('structure')
    .values({ department_code: departmentCode, kind: 'operator', name })
    .onConflict((oc) => oc.columns(['department_code', 'kind', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const row = await trx
    .selectFrom('structure')
    .select('id')
    .where('department_code', '=', departmentCode)
    .where('kind', '=', 'operator')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return { id: row.id, created: false };
}

/** Links an operator to an action; true when the link is new. */
export async function linkOperator(
  trx: Trx,
  departmentCode: string,
  actionId: string,
  structureId: string,
): Promise<boolean> {
  const row = await trx
    .insertInto('insertion_action_operator')
    .values({ department_code: departmentCode, action_id: actionId, structure_id: structureId })
    .onConflict((oc) => oc.columns(['action_id', 'structure_id']).doNothing())
    .returning('action_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds the territory rows the annex names and the action lacks (rows typed in Parcours are kept). */
export async function addTerritories(
  trx: Trx,
  departmentCode: string,
  actionId: string,
  wanted: { lot: string | null; hubId: string }[],
): Promise<number> {
  const existing = await trx
    .selectFrom('insertion_action_territory')
    .select(['lot', 'hub_id'])
    .where('action_id', '=', actionId)
    .execute();
  const missing = wanted.filter(
    (w) => !existing.some((e) => e.hub_id === w.hubId && (e.lot ?? null) === w.lot),
  );
  if (missing.length > 0)
    await trx
      .insertInto('insertion_action_territory')
      .values(
        missing.map((m) => ({
          department_code: departmentCode,
          action_id: actionId,
          lot: m.lot,
          hub_id: m.hubId,
        })),
      )
      .execute();
  return missing.length;
}

export interface BudgetFact {
  year: number;
  source: 'annex_table' | 'action_sheet';
  amount_cents: number;
  state_share_cents: number | null;
  department_share_cents: number | null;
  note: string | null;
}

/**
 * The action's budgets from the annex (table and sheet) made equal to `wanted`: new rows inserted,
 * changed ones updated, those the file no longer prints removed. Manual budgets are never touched.
 */
export async function syncAnnexBudgets(
  trx: Trx,
  departmentCode: string,
  actionId: string,
  wanted: BudgetFact[],
): Promise<number> {
  const stored = await trx
    .selectFrom('insertion_action_budget')
    .selectAll()
    .where('action_id', '=', actionId)
    .where('source', 'in', ['annex_table', 'action_sheet'])
    .execute();
  let changes = 0;
  for (const w of wanted) {
    const s = stored.find((r) => r.year === w.year && r.source === w.source);
    if (!s) {
      await trx
        .insertInto('insertion_action_budget')
        .values({ department_code: departmentCode, action_id: actionId, ...w })
        .execute();
      changes++;
    } else if (changedKeys(s, w).length > 0) {
      await trx.updateTable('insertion_action_budget').set(w).where('id', '=', s.id).execute();
      changes++;
    }
  }
  const gone = stored.filter((s) => !wanted.some((w) => w.year === s.year && w.source === s.source));
  if (gone.length > 0)
    await trx
      .deleteFrom('insertion_action_budget')
      .where(
        'id',
        'in',
        gone.map((g) => g.id),
      )
      .execute();
  return changes + gone.length;
}

export interface SheetRow {
  year: number;
  code: string;
  heading: string;
  sheet_kind: string;
  title: string;
  context: string | null;
  description: string | null;
  objectives: string | null;
  start_text: string | null;
  duration_text: string | null;
  partners_text: string | null;
  public_text: string | null;
  operators: string[];
  yearly: string;
  total_cents: number | null;
  total_text: string | null;
}

/** The action's sheet as printed, written when new or changed; true when something changed. */
export async function syncSheet(
  trx: Trx,
  departmentCode: string,
  actionId: string,
  wanted: SheetRow | null,
): Promise<boolean> {
  const stored = await trx
    .selectFrom('offer_annex_sheet')
    .selectAll()
    .where('action_id', '=', actionId)
    .executeTakeFirst();
  if (!wanted) {
    if (!stored) return false;
    await trx.deleteFrom('offer_annex_sheet').where('action_id', '=', actionId).execute();
    return true;
  }
  if (!stored) {
    await trx
      .insertInto('offer_annex_sheet')
      .values({ action_id: actionId, department_code: departmentCode, ...wanted })
      .execute();
    return true;
  }
  if (changedKeys(stored, wanted).length === 0) return false;
  await trx.updateTable('offer_annex_sheet').set(wanted).where('action_id', '=', actionId).execute();
  return true;
}

export interface LineRow {
  position: number;
  scope: string;
  axis: number | null;
  label: string;
  beneficiaries_text: string | null;
  amount_cents: number;
  state_share_cents: number;
  department_share_cents: number;
  valued_cents: number | null;
  new_credits_cents: number | null;
  action_codes: string[];
}

/** The printed sub-totals and totals of a year made equal to `wanted` (by position). */
export async function syncLines(
  trx: Trx,
  departmentCode: string,
  year: number,
  wanted: LineRow[],
): Promise<number> {
  const stored = await trx
    .selectFrom('offer_annex_line')
    .selectAll()
    .where('department_code', '=', departmentCode)
    .where('year', '=', year)
    .execute();
  let changes = 0;
  for (const w of wanted) {
    const s = stored.find((r) => r.position === w.position);
    if (!s) {
      await trx
        .insertInto('offer_annex_line')
        .values({ department_code: departmentCode, year, ...w })
        .execute();
      changes++;
    } else if (changedKeys(s, w).length > 0) {
      await trx.updateTable('offer_annex_line').set(w).where('id', '=', s.id).execute();
      changes++;
    }
  }
  const gone = stored.filter((s) => !wanted.some((w) => w.position === s.position)).map((s) => s.id);
  if (gone.length > 0) await trx.deleteFrom('offer_annex_line').where('id', 'in', gone).execute();
  return changes + gone.length;
}

/** The import of a year's annex: written when the file changed (its fingerprint). */
export async function recordImport(
  trx: Trx,
  row: {
    department_code: string;
    year: number;
    title: string;
    subtitle: string | null;
    file_sha256: string;
    header_amount_cents: number | null;
    header_state_share_cents: number | null;
    header_department_share_cents: number | null;
  },
): Promise<boolean> {
  const stored = await trx
    .selectFrom('offer_annex_import')
    .selectAll()
    .where('department_code', '=', row.department_code)
    .where('year', '=', row.year)
    .executeTakeFirst();
  if (stored && changedKeys(stored, row).length === 0) return false;
  await trx
    .insertInto('offer_annex_import')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['department_code', 'year']).doUpdateSet({ ...row, imported_at: new Date() }),
    )
    .execute();
  return true;
}

export interface RowFact {
  position: number;
  amount_text: string | null;
  valued_cents: number | null;
  new_credits_cents: number | null;
}

/** The action's row of the year's table (order, text of the amount cell, sub-total columns). */
export async function syncRow(
  trx: Trx,
  departmentCode: string,
  actionId: string,
  year: number,
  wanted: RowFact,
): Promise<boolean> {
  const stored = await trx
    .selectFrom('offer_annex_row')
    .selectAll()
    .where('action_id', '=', actionId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (stored && changedKeys(stored, wanted).length === 0) return false;
  await trx
    .insertInto('offer_annex_row')
    .values({ action_id: actionId, year, department_code: departmentCode, ...wanted })
    .onConflict((oc) => oc.columns(['action_id', 'year']).doUpdateSet(wanted))
    .execute();
  return true;
}
