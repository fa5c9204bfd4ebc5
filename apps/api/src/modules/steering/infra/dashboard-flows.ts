import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { type DashboardScope, n, personInHub, spellOfStructure } from './dashboard-filters';

/**
 * The flows of the dashboards, live from the entry-spell read model (INDICATORS.md's dates): entry
 * spells by month of entry, orientation delays of those entrants, and the first appointment and
 * first contract after the initial orientations of the period. Delays in calendar months follow
 * INDICATORS.md (31 January + 1 month = 28/29 February); others in days.
 */

export interface MonthRow {
  month: string;
  entrants: number;
  oriented: number;
  orientedWithin1Month: number;
}

export async function monthlyEntrants(db: Kysely<Database>, s: DashboardScope): Promise<MonthRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT to_char(e.entry_date, 'YYYY-MM') AS month, count(*) AS entrants,
      count(e.oriented_on) AS oriented,
      count(*) FILTER (WHERE e.oriented_on <= e.entry_date + interval '1 month') AS within1
    FROM entry_spell e
    WHERE e.department_code = ${s.departmentCode}
      AND e.entry_date BETWEEN ${s.from}::date AND ${s.to}::date
      ${personInHub(sql.ref('e.person_id'), s.hubId)} ${spellOfStructure('e', s.structureId)}
    GROUP BY 1`.execute(db);
  const byMonth = new Map(rows.map((r) => [String(r.month), r]));
  return monthsOf(s.from, s.to).map((month) => {
    const r = byMonth.get(month);
    return {
      month,
      entrants: n(r?.entrants),
      oriented: n(r?.oriented),
      orientedWithin1Month: n(r?.within1),
    };
  });
}

/** Every month YYYY-MM of the period, zeros included (a chart's axis has no holes). */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

export interface BandCounts {
  counts: Map<string, number>;
  total: number;
  within: number;
  within2: number;
}

type BandRow = Record<string, unknown>;

async function bandCounts(db: Kysely<Database>, query: RawBuilder<BandRow>): Promise<BandCounts> {
  const { rows } = await query.execute(db);
  const counts = new Map<string, number>();
  let total = 0;
  let within = 0;
  let within2 = 0;
  for (const r of rows) {
    counts.set(String(r.band), n(r.count));
    total += n(r.count);
    within += n(r.within);
    within2 += n(r.within2);
  }
  return { counts, total, within, within2 };
}

/** Entrants of the period by delay from entry to initial orientation; within 1 month and 6 weeks. */
export function orientationDelays(db: Kysely<Database>, s: DashboardScope) {
  return bandCounts(
    db,
    sql<BandRow>`SELECT CASE WHEN e.oriented_on IS NULL THEN 'none'
        WHEN e.oriented_on - e.entry_date <= 15 THEN 'd0_15'
        WHEN e.oriented_on <= e.entry_date + interval '1 month' THEN 'd16_1m'
        WHEN e.oriented_on - e.entry_date <= 42 THEN 'd1m_6w'
        WHEN e.oriented_on <= e.entry_date + interval '3 months' THEN 'd6w_3m'
        ELSE 'over3m' END AS band, count(*) AS count,
      count(*) FILTER (WHERE e.oriented_on <= e.entry_date + interval '1 month') AS within,
      count(*) FILTER (WHERE e.oriented_on - e.entry_date <= 42) AS within2
    FROM entry_spell e
    WHERE e.department_code = ${s.departmentCode}
      AND e.entry_date BETWEEN ${s.from}::date AND ${s.to}::date
      ${personInHub(sql.ref('e.person_id'), s.hubId)} ${spellOfStructure('e', s.structureId)}
    GROUP BY 1`,
  );
}

/**
 * Initial orientations of the period to the social or socio-professional pathway (3.1.2: France
 * Travail's professional pathway excluded) by days to the first accompaniment appointment fixed.
 */
export function firstAppointmentDelays(db: Kysely<Database>, s: DashboardScope) {
  return bandCounts(
    db,
    sql<BandRow>`SELECT CASE WHEN e.first_accompaniment_on IS NULL THEN 'none'
        WHEN e.first_accompaniment_on - e.oriented_on <= 7 THEN 'd0_7'
        WHEN e.first_accompaniment_on - e.oriented_on <= 14 THEN 'd8_14'
        WHEN e.first_accompaniment_on - e.oriented_on <= 30 THEN 'd15_30'
        WHEN e.first_accompaniment_on - e.oriented_on <= 60 THEN 'd31_60'
        ELSE 'over60' END AS band, count(*) AS count,
      count(*) FILTER (WHERE e.first_accompaniment_on - e.oriented_on <= 14) AS within,
      0 AS within2
    FROM entry_spell e
    WHERE e.department_code = ${s.departmentCode}
      AND e.oriented_on BETWEEN ${s.from}::date AND ${s.to}::date
      AND e.orientation_pathway IN ('social', 'socio-professional')
      ${personInHub(sql.ref('e.person_id'), s.hubId)} ${spellOfStructure('e', s.structureId)}
    GROUP BY 1`,
  );
}

/** Initial orientations of the period by calendar months to the first contract signed (3.1.3). */
export function contractDelays(db: Kysely<Database>, s: DashboardScope) {
  return bandCounts(
    db,
    sql<BandRow>`SELECT CASE WHEN e.first_contract_signed_on IS NULL THEN 'none'
        WHEN e.first_contract_signed_on <= e.oriented_on + interval '1 month' THEN 'm0_1'
        WHEN e.first_contract_signed_on <= e.oriented_on + interval '2 months' THEN 'm1_2'
        WHEN e.first_contract_signed_on <= e.oriented_on + interval '3 months' THEN 'm2_3'
        WHEN e.first_contract_signed_on <= e.oriented_on + interval '6 months' THEN 'm3_6'
        ELSE 'over6m' END AS band, count(*) AS count,
      count(*) FILTER (WHERE e.first_contract_signed_on <= e.oriented_on + interval '2 months') AS within,
      0 AS within2
    FROM entry_spell e
    WHERE e.department_code = ${s.departmentCode}
      AND e.oriented_on BETWEEN ${s.from}::date AND ${s.to}::date
      ${personInHub(sql.ref('e.person_id'), s.hubId)} ${spellOfStructure('e', s.structureId)}
    GROUP BY 1`,
  );
}
