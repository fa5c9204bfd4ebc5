import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { defineProjector } from '../../../platform/events';

/**
 * The indicators' columns on the facts (migration 0037, ADR 0017): the pôle of `entry_spell` and
 * `orientation` rows and each orientation's `superseded_on`. Triggers keep them in every writer's
 * transaction (no event to listen to); `projections rebuild` recomputes them from the persons'
 * households and orientations.
 */
async function rebuildFactHubs(db: Kysely<Database>, departmentCode: string) {
  return db.transaction().execute(async (trx) => {
    // The same lookup as the triggers' (migration 0037), not a copy of it.
    const hubOf = sql`parcours_person_hub(t.person_id)`;
    let changed = 0;
    for (const table of ['entry_spell', 'orientation'] as const) {
      const r = await sql`UPDATE ${sql.table(table)} t SET hub_id = ${hubOf}
        WHERE t.department_code = ${departmentCode} AND t.hub_id IS DISTINCT FROM ${hubOf}`.execute(trx);
      changed += Number(r.numAffectedRows ?? 0n);
    }
    const r = await sql`UPDATE orientation o SET superseded_on = x.next
      FROM (
        SELECT id, lead(notified_on) OVER (PARTITION BY person_id ORDER BY notified_on, recorded_at, id) AS next
        FROM orientation WHERE department_code = ${departmentCode}
      ) x
      WHERE o.id = x.id AND o.superseded_on IS DISTINCT FROM x.next`.execute(trx);
    changed += Number(r.numAffectedRows ?? 0n);
    const rows = await sql<{ n: number }>`SELECT
        (SELECT count(*) FROM entry_spell WHERE department_code = ${departmentCode})
        + (SELECT count(*) FROM orientation WHERE department_code = ${departmentCode}) AS n`.execute(trx);
    return { rows: Number(rows.rows[0]?.n ?? 0), changed };
  });
}

export const factHubsProjector = defineProjector({
  name: 'steering.fact-hubs',
  description: 'pôle des entrées et orientations, et date de fin de chaque orientation (indicateurs)',
  events: [],
  apply: async () => undefined,
  rebuild: rebuildFactHubs,
});
