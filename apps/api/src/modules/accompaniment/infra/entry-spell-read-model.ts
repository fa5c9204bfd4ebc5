import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';

/**
 * The entry-spell read model of the accompaniment (INDICATORS.md), next to the initial orientation
 * kept by the orientation's read model (`entry_spell.oriented_on`, refreshed before this one):
 *
 * - first accompaniment appointment: the earliest appointment of purpose accompaniment dated on or
 *   after the spell's initial orientation date, whatever its outcome (planned, seen, no-show,
 *   excused) except cancelled — and except rescheduled: a rescheduled appointment was replaced by
 *   another one (the new appointment, pointing back to it, is the one that was fixed);
 * - first contract: the earliest contract of engagement signed (`signed_on` set) on or after that
 *   date.
 *
 * Both stay within the spell: before the person's next entry date (a later one belongs to the
 * next spell). A spell without an initial orientation has neither. Ties on a day: the earlier time,
 * then the earlier recorded.
 *
 * One set-based statement, limited to `personIds` (the persons of the fact) or, without them, the
 * whole département (rebuild): index lookups on `appointment (person_id, on_date)` and
 * `engagement_contract (person_id, signed_on)` for a few persons, joins and sorts for a rebuild
 * (`npm run bench -- read-model`, PostgreSQL, 200 000 persons, 1 000 000 appointments: one person
 * p95 7.8 ms, the département 5 s; half the rebuild time of a LATERAL … LIMIT 1 per spell).
 * Returns the number of entry spells whose columns changed.
 */
export async function refreshAccompanimentReadModel(
  db: Kysely<Database>,
  departmentCode: string,
  personIds?: readonly string[],
): Promise<number> {
  if (personIds && personIds.length === 0) return 0;
  const only = personIds ? sql`AND s.person_id = ANY(${[...personIds]}::uuid[])` : sql``;
  const result = await sql`
    WITH spells AS (
      SELECT s.id, s.person_id, s.oriented_on,
        lead(s.entry_date) OVER (PARTITION BY s.person_id ORDER BY s.entry_date) AS next_entry
      FROM entry_spell s
      WHERE s.department_code = ${departmentCode} ${only}
    ), appointments AS (
      SELECT DISTINCT ON (sp.id) sp.id AS spell_id, a.id, a.on_date
      FROM spells sp
      JOIN appointment a ON a.person_id = sp.person_id
      WHERE sp.oriented_on IS NOT NULL
        AND a.purpose = 'accompaniment' AND a.status NOT IN ('cancelled', 'rescheduled')
        AND a.on_date >= sp.oriented_on
        AND (sp.next_entry IS NULL OR a.on_date < sp.next_entry)
      ORDER BY sp.id, a.on_date, a.starts_at NULLS LAST, a.recorded_at, a.id
    ), contracts AS (
      SELECT DISTINCT ON (sp.id) sp.id AS spell_id, c.id, c.signed_on
      FROM spells sp
      JOIN engagement_contract c ON c.person_id = sp.person_id
      WHERE sp.oriented_on IS NOT NULL
        AND c.signed_on IS NOT NULL AND c.signed_on >= sp.oriented_on
        AND (sp.next_entry IS NULL OR c.signed_on < sp.next_entry)
      ORDER BY sp.id, c.signed_on, c.recorded_at, c.id
    ), firsts AS (
      SELECT sp.id, ap.id AS appointment_id, ap.on_date, ct.id AS contract_id, ct.signed_on
      FROM spells sp
      LEFT JOIN appointments ap ON ap.spell_id = sp.id
      LEFT JOIN contracts ct ON ct.spell_id = sp.id
    )
    UPDATE entry_spell e
    SET first_accompaniment_appointment_id = f.appointment_id, first_accompaniment_on = f.on_date,
      first_contract_id = f.contract_id, first_contract_signed_on = f.signed_on
    FROM firsts f
    WHERE e.id = f.id
      AND (e.first_accompaniment_appointment_id, e.first_accompaniment_on, e.first_contract_id,
          e.first_contract_signed_on)
        IS DISTINCT FROM (f.appointment_id, f.on_date, f.contract_id, f.signed_on)`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Lets go of the appointments and contracts of these persons before the history import deletes
 * the rows it replaces; `refreshAccompanimentReadModel` sets them again from the facts afterwards.
 */
export async function releaseAccompanimentReadModel(db: Kysely<Database>, personIds: readonly string[]) {
  if (personIds.length === 0) return;
  await sql`UPDATE entry_spell SET first_accompaniment_appointment_id = NULL, first_accompaniment_on = NULL,
      first_contract_id = NULL, first_contract_signed_on = NULL
    WHERE person_id = ANY(${[...personIds]}::uuid[])
      AND (first_accompaniment_appointment_id IS NOT NULL OR first_contract_id IS NOT NULL)`.execute(db);
}
