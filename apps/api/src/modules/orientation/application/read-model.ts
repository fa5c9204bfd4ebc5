import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { defineProjector } from '../../../platform/events';
import { orientationDecided } from '../domain/events';

/**
 * The entry-spell read model of the orientation (INDICATORS.md): each entry spell keeps its
 * initial orientation — the first orientation notified on or after its entry date and before the
 * person's next entry. Derived from the facts only, so the same statement maintains it (in the
 * transaction of a decision or of a history import) and rebuilds it (command line).
 *
 * `personIds` limits the work to those persons; without it the whole département is recomputed.
 * Returns the number of entry spells whose columns changed.
 */
export async function refreshOrientationReadModel(
  db: Kysely<Database>,
  departmentCode: string,
  personIds?: readonly string[],
): Promise<number> {
  if (personIds && personIds.length === 0) return 0;
  const only = personIds ? sql`AND s.person_id = ANY(${[...personIds]}::uuid[])` : sql``;
  const result = await sql`
    WITH spells AS (
      SELECT s.id, s.person_id, s.entry_date,
        lead(s.entry_date) OVER (PARTITION BY s.person_id ORDER BY s.entry_date) AS next_entry
      FROM entry_spell s
      WHERE s.department_code = ${departmentCode} ${only}
    ), initial AS (
      SELECT sp.id, o.id AS orientation_id, o.notified_on, o.pathway, o.programme
      FROM spells sp
      LEFT JOIN LATERAL (
        SELECT o.id, o.notified_on, o.pathway, o.programme
        FROM orientation o
        WHERE o.person_id = sp.person_id AND o.notified_on >= sp.entry_date
          AND (sp.next_entry IS NULL OR o.notified_on < sp.next_entry)
        ORDER BY o.notified_on, o.recorded_at, o.id
        LIMIT 1
      ) o ON true
    )
    UPDATE entry_spell e
    SET orientation_id = i.orientation_id, oriented_on = i.notified_on,
      orientation_pathway = i.pathway, orientation_programme = i.programme
    FROM initial i
    WHERE e.id = i.id
      AND (e.orientation_id, e.oriented_on, e.orientation_pathway, e.orientation_programme)
        IS DISTINCT FROM (i.orientation_id, i.notified_on, i.pathway, i.programme)`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** Rebuilds the whole read model of a département from the facts, in one transaction. */
export async function rebuildOrientationReadModel(
  db: Kysely<Database>,
  departmentCode: string,
): Promise<{ spells: number; changed: number }> {
  return db.transaction().execute(async (trx) => {
    const changed = await refreshOrientationReadModel(trx, departmentCode);
    const count = await trx
      .selectFrom('entry_spell')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('department_code', '=', departmentCode)
      .executeTakeFirstOrThrow();
    return { spells: Number(count.n), changed };
  });
}

/**
 * The read model as a projector: each decision refreshes its person's entry spells in the
 * decision's transaction; `projections rebuild` recomputes the département from the facts.
 */
export const entrySpellProjector = defineProjector({
  name: 'orientation.entry-spells',
  description: 'orientation initiale de chaque entrée',
  events: [orientationDecided],
  apply: (trx, event) => refreshOrientationReadModel(trx, event.departmentCode, [event.payload.personId]),
  rebuild: async (db, departmentCode) => {
    const { spells, changed } = await rebuildOrientationReadModel(db, departmentCode);
    return { rows: spells, changed };
  },
});
