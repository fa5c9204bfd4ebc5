import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { isUuid } from '../../../platform/ids';

/** The pôle of a département named by its code (history `hub` id) or its uuid; null when unknown. */
export async function findHub(
  db: Kysely<Database>,
  departmentCode: string,
  codeOrId: string,
): Promise<{ id: string; code: string } | null> {
  const row = await db
    .selectFrom('insertion_hub')
    .select(['id', 'code'])
    .where('department_code', '=', departmentCode)
    .where((eb) =>
      isUuid(codeOrId)
        ? eb.or([eb('id', '=', codeOrId.toLowerCase()), eb('code', '=', codeOrId)])
        : eb('code', '=', codeOrId),
    )
    .orderBy('code')
    .executeTakeFirst();
  return row ?? null;
}
