import { type DreesBodyGroup, dreesGroupOfBodyKind } from '@parcours/contracts';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';

/**
 * The DREES figures, computed in SQL from the dated facts (docs/statistics.md): each query groups
 * by the bands and returns counts only, never a person.
 */

const kindsOf = (group: DreesBodyGroup) =>
  Object.entries(dreesGroupOfBodyKind)
    .filter(([, g]) => g === group)
    .map(([kind]) => kind);

/** The group of a body kind, as SQL: any kind not listed is outside the employment network. */
function groupOf(kind: RawBuilder<unknown>) {
  return sql<string>`CASE WHEN ${kind} = ANY(${kindsOf('france_travail')}::text[]) THEN 'france_travail'
    WHEN ${kind} = ANY(${kindsOf('employment_network')}::text[]) THEN 'employment_network'
    ELSE 'non_employment' END`;
}

/** A delay from `from` to `to` in calendar-month bands (≤ 1 month: to ≤ from + 1 month). */
function delayBand(from: RawBuilder<unknown>, to: RawBuilder<unknown>) {
  return sql<string>`CASE WHEN ${to} <= (${from} + interval '1 month')::date THEN 'le1m'
    WHEN ${to} <= (${from} + interval '2 months')::date THEN 'le2m'
    WHEN ${to} <= (${from} + interval '3 months')::date THEN 'le3m'
    WHEN ${to} <= (${from} + interval '6 months')::date THEN 'le6m'
    ELSE 'gt6m' END`;
}

export interface StockRow {
  age: string;
  sex: string;
  household: string;
  seniority: string;
  state: string;
  registered: boolean;
  duration: string | null;
  n: number;
}

/** The persons subject to rights and duties on `on`, counted by every band of the stock tables. */
export async function dreesStock(db: Kysely<Database>, dep: string, on: string): Promise<StockRow[]> {
  const d = sql`${on}::date`;
  const result = await sql<StockRow>`
    WITH pop AS (
      SELECT p.id, p.sex, p.birth_date, p.household_id
      FROM person p
      WHERE p.department_code = ${dep} AND p.duplicate_of IS NULL
        AND EXISTS (SELECT 1 FROM rights_period r WHERE r.person_id = p.id
          AND r.valid_from <= ${d} AND (r.valid_to IS NULL OR r.valid_to > ${d})
          AND r.rights_open AND r.subject_to_duties)
    ), spell AS (
      SELECT DISTINCT ON (s.person_id) s.person_id, s.id, s.entry_date
      FROM entry_spell s JOIN pop ON pop.id = s.person_id
      WHERE s.entry_date <= ${d}
      ORDER BY s.person_id, s.entry_date DESC, s.id DESC
    ), orient AS (
      SELECT DISTINCT ON (o.person_id) o.person_id, ${groupOf(sql`coalesce(o.body_kind, st.kind)`)} AS grp
      FROM orientation o
      JOIN pop ON pop.id = o.person_id
      JOIN structure st ON st.id = o.structure_id
      LEFT JOIN spell sp ON sp.person_id = o.person_id
      WHERE o.notified_on <= ${d} AND (sp.entry_date IS NULL OR o.notified_on >= sp.entry_date)
      ORDER BY o.person_id, o.notified_on DESC, o.recorded_at DESC, o.id DESC
    ), contract AS (
      SELECT DISTINCT ON (c.person_id) c.person_id, c.start_date, c.end_date
      FROM engagement_contract c JOIN pop ON pop.id = c.person_id
      WHERE c.signed_on IS NOT NULL AND c.signed_on <= ${d} AND c.start_date <= ${d}
        AND c.end_date >= ${d} AND c.status <> 'cancelled'
      ORDER BY c.person_id, c.start_date DESC, c.id DESC
    ), hh AS (
      SELECT pop.id AS person_id,
        count(DISTINCT m.person_id) FILTER (WHERE m.role IN ('DEM', 'CJT')) >= 2 AS couple,
        count(m.person_id) FILTER (WHERE m.role = 'ENF') > 0 AS children
      FROM pop
      LEFT JOIN household_member m ON m.household_id = pop.household_id
        AND m.from_date <= ${d} AND (m.to_date IS NULL OR m.to_date > ${d})
      GROUP BY pop.id
    ), facts AS (
      SELECT
        CASE WHEN a.years < 25 THEN 'lt25' WHEN a.years < 30 THEN '25_29' WHEN a.years < 40 THEN '30_39'
          WHEN a.years < 50 THEN '40_49' WHEN a.years < 60 THEN '50_59' ELSE '60plus' END AS age,
        pop.sex,
        CASE WHEN hh.couple THEN 'couple_' ELSE 'single_' END
          || CASE WHEN hh.children THEN 'children' ELSE 'no_child' END AS household,
        CASE WHEN sp.entry_date IS NULL THEN 'unknown'
          WHEN sp.entry_date > (${d} - interval '6 months')::date THEN 'lt6m'
          WHEN sp.entry_date > (${d} - interval '1 year')::date THEN '6to12m'
          WHEN sp.entry_date > (${d} - interval '2 years')::date THEN '1to2y'
          WHEN sp.entry_date > (${d} - interval '5 years')::date THEN '2to5y'
          WHEN sp.entry_date > (${d} - interval '10 years')::date THEN '5to10y'
          ELSE '10yplus' END AS seniority,
        coalesce(o.grp, 'not_oriented') AS state,
        EXISTS (SELECT 1 FROM ft_registration f WHERE f.entry_spell_id = sp.id AND f.state = 'registered')
          AS registered,
        CASE WHEN c.person_id IS NULL THEN NULL
          WHEN c.end_date < (c.start_date + interval '3 months')::date THEN 'le3m'
          WHEN c.end_date < (c.start_date + interval '6 months')::date THEN 'le6m'
          WHEN c.end_date < (c.start_date + interval '12 months')::date THEN 'le12m'
          ELSE 'gt12m' END AS duration
      FROM pop
      CROSS JOIN LATERAL (SELECT extract(year FROM age(${d}, pop.birth_date))::int AS years) a
      JOIN hh ON hh.person_id = pop.id
      LEFT JOIN spell sp ON sp.person_id = pop.id
      LEFT JOIN orient o ON o.person_id = pop.id
      LEFT JOIN contract c ON c.person_id = pop.id
    )
    SELECT age, sex, household, seniority, state, registered, duration, count(*)::int AS n
    FROM facts
    GROUP BY age, sex, household, seniority, state, registered, duration`.execute(db);
  return result.rows;
}

export interface BandCount {
  band: string;
  n: number;
}

/** Initial orientations notified in [from, on]: delay since the entry, in bands. */
export async function dreesEntryToOrientation(db: Kysely<Database>, dep: string, from: string, on: string) {
  const result = await sql<BandCount>`
    SELECT ${delayBand(sql`s.entry_date`, sql`s.oriented_on`)} AS band, count(*)::int AS n
    FROM entry_spell s JOIN person p ON p.id = s.person_id
    WHERE s.department_code = ${dep} AND p.duplicate_of IS NULL
      AND s.oriented_on BETWEEN ${from}::date AND ${on}::date
    GROUP BY 1`.execute(db);
  return result.rows;
}

/** First contracts signed in [from, on]: delay since the initial orientation, in bands. */
export async function dreesOrientationToContract(
  db: Kysely<Database>,
  dep: string,
  from: string,
  on: string,
) {
  const result = await sql<BandCount>`
    SELECT ${delayBand(sql`s.oriented_on`, sql`s.first_contract_signed_on`)} AS band, count(*)::int AS n
    FROM entry_spell s JOIN person p ON p.id = s.person_id
    WHERE s.department_code = ${dep} AND p.duplicate_of IS NULL AND s.oriented_on IS NOT NULL
      AND s.first_contract_signed_on BETWEEN ${from}::date AND ${on}::date
    GROUP BY 1`.execute(db);
  return result.rows;
}

/**
 * Persons reoriented in [from, on] between the employment network and the other bodies: an
 * orientation of the period whose previous orientation, in the same entry spell, was of the other side.
 */
export async function dreesReorientations(db: Kysely<Database>, dep: string, from: string, on: string) {
  const result = await sql<BandCount>`
    WITH o AS (
      SELECT o.person_id, o.notified_on,
        ${groupOf(sql`coalesce(o.body_kind, st.kind)`)} = 'non_employment' AS outside,
        lag(o.notified_on) OVER w AS previous_on,
        lag(${groupOf(sql`coalesce(o.body_kind, st.kind)`)} = 'non_employment') OVER w AS previous_outside
      FROM orientation o
      JOIN person p ON p.id = o.person_id
      JOIN structure st ON st.id = o.structure_id
      WHERE o.department_code = ${dep} AND p.duplicate_of IS NULL AND o.notified_on <= ${on}::date
      WINDOW w AS (PARTITION BY o.person_id ORDER BY o.notified_on, o.recorded_at, o.id)
    )
    SELECT CASE WHEN o.outside THEN 'to_non_employment' ELSE 'to_employment' END AS band,
      count(DISTINCT o.person_id)::int AS n
    FROM o
    WHERE o.notified_on >= ${from}::date AND o.previous_outside IS NOT NULL
      AND o.outside <> o.previous_outside
      AND NOT EXISTS (SELECT 1 FROM entry_spell s WHERE s.person_id = o.person_id
        AND s.entry_date > o.previous_on AND s.entry_date <= o.notified_on)
    GROUP BY 1`.execute(db);
  return result.rows;
}
