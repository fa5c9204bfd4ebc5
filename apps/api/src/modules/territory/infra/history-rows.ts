import { type Kysely, sql } from 'kysely';
import { inBatches, inserted } from '../../../platform/db/bulk';
import type { Database } from '../../../platform/db/schema';

/**
 * The territory's tables as the history import writes them (hubs, their communes, structures),
 * in the caller's transaction. Entities are upserted by external id.
 */

type Q = Kysely<Database>;

export interface HistoryHub {
  id: string;
  name: string;
  communes: string[];
}

export interface HistoryStructure {
  /** The file's id (external id). */
  id: string;
  kind: string;
  name: string;
  hubId: string | null;
}

export interface UpsertOutcome {
  /** External id (hub code) → id, the known ones included. */
  ids: Map<string, string>;
  created: number;
  updated: number;
}

/** Hubs by code, then their communes; a hub counts as updated when its name or a commune moved. */
export async function upsertHistoryHubs(
  trx: Q,
  dep: string,
  hubs: readonly HistoryHub[],
  known: Map<string, string>,
): Promise<UpsertOutcome> {
  const hubIds = new Map(known);
  const hubChanged = new Set<string>();
  let created = 0;
  await inBatches(hubs, async (batch) => {
    const rows = await trx
      .insertInto('insertion_hub')
      .values(batch.map((h) => ({ department_code: dep, code: h.id, name: h.name })))
      .onConflict((oc) =>
        oc
          .columns(['department_code', 'code'])
          .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), version: sql`insertion_hub.version + 1` }))
          .where((eb) => eb('insertion_hub.name', 'is distinct from', eb.ref('excluded.name'))),
      )
      .returning(['id', 'code', inserted])
      .execute();
    for (const r of rows) {
      hubIds.set(r.code, r.id);
      if (r.inserted) created++;
      else hubChanged.add(r.code);
    }
  });
  const hubCommunes = hubs.flatMap((h) =>
    h.communes.map((code) => ({ code, hubId: hubIds.get(h.id) as string })),
  );
  const codeOfHub = new Map([...hubIds].map(([code, id]) => [id, code]));
  await inBatches(hubCommunes, async (batch) => {
    const r = await sql<{ hub_id: string }>`
      UPDATE commune SET hub_id = v.hub_id, updated_at = now()
      FROM unnest(${batch.map((b) => b.code)}::text[], ${batch.map((b) => b.hubId)}::uuid[]) AS v(code, hub_id)
      WHERE commune.insee_code = v.code AND commune.department_code = ${dep}
        AND commune.hub_id IS DISTINCT FROM v.hub_id
      RETURNING commune.hub_id`.execute(trx);
    for (const row of r.rows) hubChanged.add(codeOfHub.get(row.hub_id) as string);
  });
  const updated = [...hubChanged].filter((code) => hubs.some((h) => h.id === code)).length;
  return { ids: hubIds, created, updated };
}

/**
 * Structures by external id. `adopted` are structures created by hand that a line names exactly:
 * they receive its id first (and count as updated).
 */
export async function upsertHistoryStructures(
  trx: Q,
  dep: string,
  structures: readonly HistoryStructure[],
  adopted: readonly { id: string; externalId: string }[],
  known: Map<string, string>,
): Promise<UpsertOutcome> {
  const structureIds = new Map(known);
  if (adopted.length) {
    await inBatches(adopted, async (batch) => {
      await sql`
        UPDATE structure SET external_id = v.ext, updated_at = now(), version = structure.version + 1
        FROM unnest(${batch.map((b) => b.id)}::uuid[], ${batch.map((b) => b.externalId)}::text[]) AS v(id, ext)
        WHERE structure.id = v.id`.execute(trx);
    });
    for (const a of adopted) structureIds.set(a.externalId, a.id);
  }
  const adoptedIds = new Set(adopted.map((a) => a.externalId));
  let created = 0;
  let updated = 0;
  await inBatches(structures, async (batch) => {
    const rows = await trx
      .insertInto('structure')
      .values(
        batch.map((b) => ({
          department_code: dep,
          external_id: b.id,
          kind: b.kind,
          name: b.name,
          hub_id: b.hubId,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['department_code', 'external_id'])
          .where('external_id', 'is not', null)
          .doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            name: eb.ref('excluded.name'),
            hub_id: eb.ref('excluded.hub_id'),
            updated_at: new Date(),
            version: sql`structure.version + 1`,
          }))
          .where(
            sql<boolean>`(structure.kind, structure.name, structure.hub_id) IS DISTINCT FROM (excluded.kind, excluded.name, excluded.hub_id)`,
          ),
      )
      .returning(['id', 'external_id', inserted])
      .execute();
    for (const r of rows) {
      structureIds.set(r.external_id as string, r.id);
      if (r.inserted) created++;
      else if (!adoptedIds.has(r.external_id as string)) updated++;
    }
  });
  return { ids: structureIds, created, updated: updated + adoptedIds.size };
}
