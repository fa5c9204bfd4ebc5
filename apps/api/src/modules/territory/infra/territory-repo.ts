import {
  type Commune,
  type Hub,
  openingHoursOrNull,
  type Structure,
  type StructureKind,
} from '@parcours/contracts';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database';

export async function listHubs(db: Db, departmentCode: string, id?: string): Promise<Hub[]> {
  let q = db
    .selectFrom('insertion_hub as h')
    .select([
      'h.id',
      'h.code',
      'h.name',
      'h.version',
      (eb) =>
        eb
          .selectFrom('commune as c')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('c.hub_id', '=', 'h.id')
          .as('commune_count'),
    ])
    .where('h.department_code', '=', departmentCode);
  if (id) q = q.where('h.id', '=', id);
  const rows = await q.orderBy('h.name').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    version: r.version,
    communeCount: Number(r.commune_count ?? 0),
  }));
}

export async function listCommunes(
  db: Db,
  departmentCode: string,
  filter: { hubId?: string; q?: string; unassigned?: 'true' | 'false'; inseeCode?: string },
): Promise<Commune[]> {
  let q = db
    .selectFrom('commune as c')
    .leftJoin('insertion_hub as h', 'h.id', 'c.hub_id')
    .select(['c.insee_code', 'c.name', 'c.postal_codes', 'c.hub_id', 'h.name as hub_name'])
    .where('c.department_code', '=', departmentCode);
  if (filter.hubId) q = q.where('c.hub_id', '=', filter.hubId);
  if (filter.unassigned === 'true') q = q.where('c.hub_id', 'is', null);
  if (filter.inseeCode) q = q.where('c.insee_code', '=', filter.inseeCode);
  if (filter.q) {
    const term = `%${filter.q}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`unaccent(lower(c.name))`, 'like', sql`unaccent(lower(${term}))`),
        eb('c.insee_code', 'like', term),
        eb(sql`array_to_string(c.postal_codes, ' ')`, 'like', term),
      ]),
    );
  }
  const rows = await q.orderBy('c.name').execute();
  return rows.map((r) => ({
    inseeCode: r.insee_code,
    name: r.name,
    postalCodes: r.postal_codes,
    hubId: r.hub_id,
    hubName: r.hub_name,
  }));
}

export async function listStructures(
  db: Db,
  departmentCode: string,
  filter: { kind?: StructureKind; hubId?: string; q?: string; id?: string },
): Promise<Structure[]> {
  let q = db
    .selectFrom('structure as s')
    .leftJoin('insertion_hub as h', 'h.id', 's.hub_id')
    .select([
      's.id',
      's.kind',
      's.name',
      's.hub_id',
      'h.name as hub_name',
      's.commune_code',
      's.address',
      's.email',
      's.phone',
      's.active',
      's.opening_hours',
      's.version',
      (eb) =>
        eb
          .selectFrom('account as a')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.structure_id', '=', 's.id')
          .where('a.active', '=', true)
          .as('agent_count'),
    ])
    .where('s.department_code', '=', departmentCode);
  if (filter.id) q = q.where('s.id', '=', filter.id);
  if (filter.kind) q = q.where('s.kind', '=', filter.kind);
  if (filter.hubId) q = q.where('s.hub_id', '=', filter.hubId);
  if (filter.q) q = q.where(sql`unaccent(lower(s.name))`, 'like', sql`unaccent(lower(${`%${filter.q}%`}))`);
  const rows = await q.orderBy('s.name').limit(2000).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as StructureKind,
    name: r.name,
    hubId: r.hub_id,
    hubName: r.hub_name,
    communeCode: r.commune_code,
    address: r.address,
    email: r.email,
    phone: r.phone,
    active: r.active,
    openingHours: openingHoursOrNull(r.opening_hours),
    agentCount: Number(r.agent_count ?? 0),
    version: r.version,
  }));
}

export async function hubExists(db: Db, departmentCode: string, id: string): Promise<boolean> {
  const hub = await db
    .selectFrom('insertion_hub')
    .select('id')
    .where('id', '=', id)
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();
  return hub !== undefined;
}

/** Renames a pôle if it is still at the version the agent saw; false otherwise. */
export async function updateHubName(
  db: Db,
  departmentCode: string,
  id: string,
  input: { name: string; version: number },
): Promise<boolean> {
  const r = await db
    .updateTable('insertion_hub')
    .set({ name: input.name, version: input.version + 1 })
    .where('id', '=', id)
    .where('department_code', '=', departmentCode)
    .where('version', '=', input.version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export function communeHub(db: Db, departmentCode: string, inseeCode: string) {
  return db
    .selectFrom('commune')
    .select('hub_id')
    .where('insee_code', '=', inseeCode)
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();
}

/** Households whose address is in the commune, and their persons: what moves with it. */
export async function communeResidents(db: Db, departmentCode: string, inseeCode: string) {
  const row = await db
    .selectFrom('household as h')
    .leftJoin('person as p', (join) =>
      join.onRef('p.household_id', '=', 'h.id').onRef('p.department_code', '=', 'h.department_code'),
    )
    .select([
      sql<number>`count(distinct h.id)::int`.as('households'),
      sql<number>`count(p.id)::int`.as('persons'),
    ])
    .where('h.department_code', '=', departmentCode)
    .where('h.commune_code', '=', inseeCode)
    .executeTakeFirstOrThrow();
  return { households: Number(row.households), persons: Number(row.persons) };
}

export async function setCommuneHub(db: Db, inseeCode: string, hubId: string) {
  await db
    .updateTable('commune')
    .set({ hub_id: hubId, updated_at: new Date() })
    .where('insee_code', '=', inseeCode)
    .execute();
}
