/**
 * Indexes for the Plan Pauvreté indicators (issue 13, INDICATORS.md), each justified by a measure of
 * `npm run bench -- indicators` (bench/RESULTS.md): EXPLAIN ANALYZE of the département's figures
 * for one year (100 000 persons: whole set 0.36 -> 0.28 s, département 0.22 -> 0.15 s).
 */
export const sql = /* sql */ `
-- 3.1.x cohorts: "entry OR initial orientation in the period" became a BitmapOr instead of a seq scan of entry_spell (50 000 persons: 93-104 -> 29-67 ms).
CREATE INDEX entry_spell_oriented_idx ON entry_spell (department_code, oriented_on)
  WHERE oriented_on IS NOT NULL;
-- 3.2.1 / 3.2.2: programme orientations of the period (~5 % of orientations) without a seq scan of orientation (64-70 -> 21-30 ms).
CREATE INDEX orientation_programme_idx ON orientation (department_code, notified_on)
  INCLUDE (person_id, programme) WHERE programme IS NOT NULL;
`;
