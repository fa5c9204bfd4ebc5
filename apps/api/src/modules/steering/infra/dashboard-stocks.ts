import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { type DashboardScope, n, personInHub } from './dashboard-filters';

/**
 * The stocks of the dashboards on one day (`on`), and the referrals of the period per action.
 */

export interface QueueRow {
  hubId: string | null;
  hubName: string | null;
  bands: Map<string, number>;
}

/**
 * Entry spells waiting for their initial orientation on day `on`: entered on or before it, not
 * oriented by then, the person's latest spell that day, rights open and subject to duties that day
 * (rights periods end the day before `valid_to`). By the pôle of the person and age in days.
 */
export async function queueByHub(db: Kysely<Database>, s: DashboardScope): Promise<QueueRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    WITH waiting AS (
      SELECT c.hub_id, ${s.on}::date - e.entry_date AS age
      FROM entry_spell e
      JOIN person p ON p.id = e.person_id
      LEFT JOIN household h ON h.id = p.household_id
      LEFT JOIN commune c ON c.insee_code = h.commune_code
      WHERE e.department_code = ${s.departmentCode} AND e.entry_date <= ${s.on}::date
        AND (e.oriented_on IS NULL OR e.oriented_on > ${s.on}::date)
        AND NOT EXISTS (SELECT 1 FROM entry_spell l WHERE l.person_id = e.person_id
          AND l.entry_date > e.entry_date AND l.entry_date <= ${s.on}::date)
        AND EXISTS (SELECT 1 FROM rights_period r WHERE r.person_id = e.person_id
          AND r.valid_from <= ${s.on}::date AND (r.valid_to IS NULL OR r.valid_to > ${s.on}::date)
          AND r.rights_open AND r.subject_to_duties)
        ${personInHub(sql.ref('e.person_id'), s.hubId)}
    )
    SELECT w.hub_id, ih.name AS hub_name,
      CASE WHEN w.age <= 15 THEN 'd0_15' WHEN w.age <= 30 THEN 'd16_30' WHEN w.age <= 60 THEN 'd31_60'
        WHEN w.age <= 90 THEN 'd61_90' ELSE 'over90' END AS band, count(*) AS count
    FROM waiting w LEFT JOIN insertion_hub ih ON ih.id = w.hub_id
    GROUP BY 1, 2, 3`.execute(db);
  const hubs = await db
    .selectFrom('insertion_hub')
    .select(['id', 'name'])
    .where('department_code', '=', s.departmentCode)
    .$if(s.hubId !== null, (q) => q.where('id', '=', s.hubId!))
    .orderBy('name')
    .execute();
  const out: QueueRow[] = hubs.map((h) => ({ hubId: h.id, hubName: h.name, bands: new Map() }));
  for (const r of rows) {
    const hubId = r.hub_id ? String(r.hub_id) : null;
    let row = out.find((o) => o.hubId === hubId);
    if (!row) {
      row = { hubId, hubName: r.hub_name ? String(r.hub_name) : null, bands: new Map() };
      out.push(row);
    }
    row.bands.set(String(r.band), n(r.count));
  }
  return out;
}

export interface LoadRow {
  structureId: string;
  structureName: string;
  kind: string;
  hubName: string | null;
  referents: number;
  pairs: number;
  persons: number;
}

/**
 * Per structure on day `on`: its référents active that day (activity dates inclusive), the pairs of
 * accompagnement global among them, and the persons followed (assignment dates inclusive).
 * Structures with neither référent nor person are left out.
 */
export async function loadsByStructure(db: Kysely<Database>, s: DashboardScope): Promise<LoadRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT st.id, st.name, st.kind, ih.name AS hub_name,
      (SELECT count(*) FROM referent r WHERE r.structure_id = st.id AND r.active_from <= ${s.on}::date
        AND (r.active_to IS NULL OR r.active_to >= ${s.on}::date)) AS referents,
      (SELECT count(*) FROM referent r WHERE r.structure_id = st.id AND r.global_support_pair
        AND r.active_from <= ${s.on}::date AND (r.active_to IS NULL OR r.active_to >= ${s.on}::date)) AS pairs,
      (SELECT count(DISTINCT ra.person_id) FROM referent_assignment ra JOIN referent r ON r.id = ra.referent_id
        WHERE r.structure_id = st.id AND ra.from_date <= ${s.on}::date
          AND (ra.to_date IS NULL OR ra.to_date >= ${s.on}::date)) AS persons
    FROM structure st LEFT JOIN insertion_hub ih ON ih.id = st.hub_id
    WHERE st.department_code = ${s.departmentCode}
      ${s.hubId ? sql`AND st.hub_id = ${s.hubId}::uuid` : sql``}
      ${s.structureId ? sql`AND st.id = ${s.structureId}::uuid` : sql``}
    ORDER BY st.name, st.id`.execute(db);
  return rows
    .map((r) => ({
      structureId: String(r.id),
      structureName: String(r.name),
      kind: String(r.kind),
      hubName: r.hub_name ? String(r.hub_name) : null,
      referents: n(r.referents),
      pairs: n(r.pairs),
      persons: n(r.persons),
    }))
    .filter((r) => r.referents > 0 || r.persons > 0);
}

export interface ActionRow {
  actionId: string;
  code: string;
  title: string;
  referrals: Record<string, number>;
  exits: Record<string, number>;
}

/**
 * Per action: referrals sent in the period by their status today, and exits dated in the period by
 * category. Pôle: the referred person's; structure: the one that referred.
 */
export async function referralsByAction(db: Kysely<Database>, s: DashboardScope): Promise<ActionRow[]> {
  const filters = sql`${personInHub(sql.ref('f.person_id'), s.hubId)}
    ${s.structureId ? sql`AND f.referring_structure_id = ${s.structureId}::uuid` : sql``}`;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT f.action_id, 'referral' AS what, f.status AS key, count(*) AS count
    FROM referral f
    WHERE f.department_code = ${s.departmentCode} AND f.sent_on BETWEEN ${s.from}::date AND ${s.to}::date ${filters}
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT f.action_id, 'exit', f.exit_category, count(*)
    FROM referral f
    WHERE f.department_code = ${s.departmentCode} AND f.exit_category IS NOT NULL
      AND f.exited_on BETWEEN ${s.from}::date AND ${s.to}::date ${filters}
    GROUP BY 1, 2, 3`.execute(db);
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => String(r.action_id)))];
  const actions = await db
    .selectFrom('insertion_action')
    .select(['id', 'code', 'title'])
    .where('id', 'in', ids)
    .orderBy('code')
    .execute();
  return actions.map((a) => {
    const mine = rows.filter((r) => String(r.action_id) === a.id);
    const of = (what: string) =>
      Object.fromEntries(mine.filter((r) => r.what === what).map((r) => [String(r.key), n(r.count)]));
    return { actionId: a.id, code: a.code, title: a.title, referrals: of('referral'), exits: of('exit') };
  });
}
