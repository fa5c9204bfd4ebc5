import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { isUuid } from '../../../platform/ids';

/** The pôle named by its code (history `hub` id) or uuid, in the département; null when unknown. */
export async function findHub(db: Kysely<Database>, departmentCode: string, hub: string) {
  const row = await db
    .selectFrom('insertion_hub')
    .select(['id', 'code'])
    .where('department_code', '=', departmentCode)
    .where((eb) => (isUuid(hub) ? eb.or([eb('id', '=', hub), eb('code', '=', hub)]) : eb('code', '=', hub)))
    .executeTakeFirst();
  return row ?? null;
}

/** The structure of the département with this uuid; null when unknown. */
export async function findStructure(db: Kysely<Database>, departmentCode: string, id: string) {
  const row = await db
    .selectFrom('structure')
    .select(['id', 'hub_id'])
    .where('department_code', '=', departmentCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}
