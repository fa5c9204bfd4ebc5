import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from './schema';

/**
 * The bulk-write kit of the imports: multi-row statements of BATCH rows. Each context writes its
 * own tables with it (e.g. `<context>/infra/history-rows.ts` for the history import).
 */

type Q = Kysely<Database>;

/** Rows per multi-row statement: ~10 columns × 1000 stays far below PostgreSQL's 65 535 parameters. */
export const BATCH = 1000;

export async function inBatches<T>(items: readonly T[], fn: (batch: T[]) => Promise<void>, size = BATCH) {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

/**
 * INSERT … SELECT FROM unnest(one array per column): a batch is one statement whose text does not
 * grow with the rows, about twice as fast as a VALUES list on both engines. `types` gives each
 * written column its PostgreSQL type (the arrays are cast to it); `suffix` may add ON CONFLICT and
 * RETURNING (table-qualified names only: it is SQL text, never data).
 */
export async function bulkInsert<T extends keyof Database & string, R = never>(
  db: Q,
  table: T,
  types: Partial<Record<keyof Insertable<Database[T]> & string, string>>,
  rows: readonly Insertable<Database[T]>[],
  suffix = '',
): Promise<R[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(types) as (keyof Insertable<Database[T]> & string)[];
  const arrays = columns.map(
    (c) => sql`${rows.map((r) => (r[c] as unknown) ?? null)}::${sql.raw(types[c] as string)}[]`,
  );
  const result = await sql<R>`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    SELECT * FROM unnest(${sql.join(arrays)}) ${sql.raw(suffix)}`.execute(db);
  return result.rows;
}

/** Collects rows and writes them by multi-row statements of BATCH rows. */
export class RowBuffer<T> {
  private rows: T[] = [];
  total = 0;
  constructor(private readonly write: (rows: T[]) => Promise<unknown>) {}
  async add(row: T) {
    this.rows.push(row);
    this.total++;
    if (this.rows.length >= BATCH) await this.flush();
  }
  async flush() {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    await this.write(rows);
  }
}

/** Where a bulk writer hands its rows (a RowBuffer's `add`), e.g. the timeline rows of an import. */
export type RowSink<T> = (row: T) => Promise<void>;

/** `RETURNING … inserted`: whether an upsert created the row (true) or updated it (false). */
export const inserted = sql<boolean>`(xmax = 0)`.as('inserted');

export const affected = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint; numAffectedRows?: bigint }) =>
  Number(r.numDeletedRows ?? r.numUpdatedRows ?? r.numAffectedRows ?? 0n);

/**
 * The tail of an INSERT … SELECT FROM unnest(…) that skips a line when an imported row of the same
 * person and key survived the replacement (Parcours built on it): the file's copy is not added twice.
 * Names and source are constants of the callers, never data.
 */
export function keptSuffix(table: string, columns: string[], key: string[], source: string) {
  // OFFSET 0 keeps the NOT EXISTS a per-row probe of the person's index: as an anti-join the planner
  // hashed the whole table for each batch of BATCH rows, so an import slowed down with the database.
  return `AS v(${columns.join(', ')}) WHERE NOT EXISTS (SELECT 1 FROM ${table} k
    WHERE k.person_id = v.person_id AND k.source = '${source}' ${key.map((c) => `AND k.${c} = v.${c}`).join(' ')}
    OFFSET 0)
    RETURNING 1 AS created`;
}
