import { type RawBuilder, sql } from 'kysely';

/** The filters of every dashboard query, resolved: uuids or null. */
export interface DashboardScope {
  departmentCode: string;
  from: string;
  to: string;
  /** The day stocks are read on (queue, portfolios). */
  on: string;
  hubId: string | null;
  structureId: string | null;
}

/** The person's pôle is the pôle of their household's commune. */
export function personInHub(personColumn: RawBuilder<unknown>, hubId: string | null) {
  if (!hubId) return sql``;
  return sql`AND EXISTS (SELECT 1 FROM person hp JOIN household hh ON hh.id = hp.household_id
    JOIN commune hc ON hc.insee_code = hh.commune_code
    WHERE hp.id = ${personColumn} AND hc.hub_id = ${hubId}::uuid)`;
}

/** A spell's structure is the one its initial orientation names (unoriented spells have none). */
export function spellOfStructure(spellAlias: string, structureId: string | null) {
  if (!structureId) return sql``;
  return sql`AND EXISTS (SELECT 1 FROM orientation so WHERE so.id = ${sql.ref(`${spellAlias}.orientation_id`)}
    AND so.structure_id = ${structureId}::uuid)`;
}

/** Counts come back as strings (node-postgres int8) or numbers (PGlite). */
export const n = (v: unknown) => Number(v ?? 0);
