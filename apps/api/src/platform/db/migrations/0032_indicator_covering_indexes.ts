/**
 * Index-only probes for the Plan Pauvreté indicators at département scale (issue 13, measured by
 * `npm run bench -- indicators` on 2 million persons, bench/RESULTS.md): each programme orientation
 * of the 3.2.1 stock probes its person's latest orientation and open rights, and a pôle's 3.1.x
 * probes each of its persons' entry spells — all without reading the tables (1.46 → 0.84 s for the
 * stock, 1.28 → 0.87 s for a pôle's cohorts).
 */
export const sql = /* sql */ `
-- The person's latest orientation on a day (ORDER BY notified_on, recorded_at, id DESC LIMIT 1); it
-- also serves every lookup of orientation_person_idx (same leading columns), which it replaces.
CREATE INDEX orientation_person_latest_idx
  ON orientation (person_id, notified_on DESC, recorded_at DESC, id DESC);
DROP INDEX orientation_person_idx;
-- Open rights on a day, without the heap.
CREATE INDEX rights_period_open_idx ON rights_period (person_id, valid_from DESC)
  INCLUDE (valid_to) WHERE rights_open;
-- Programme orientations with their id: the stock's candidates as an index-only scan.
DROP INDEX orientation_programme_idx;
CREATE INDEX orientation_programme_idx ON orientation (department_code, notified_on)
  INCLUDE (person_id, programme, id) WHERE programme IS NOT NULL;
-- A pôle's cohorts probe the entry spells of each of its persons.
CREATE INDEX entry_spell_person_cover_idx ON entry_spell (person_id)
  INCLUDE (department_code, entry_date, oriented_on, orientation_pathway, first_accompaniment_on,
    first_contract_signed_on);
`;
