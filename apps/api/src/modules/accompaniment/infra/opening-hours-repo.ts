import { DEFAULT_OPENING_HOURS, type OpeningHours, openingHoursOrNull } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';

/**
 * The opening hours that bound an agenda's slots, and whose they are (for the message):
 * a structure's own hours; for a pôle, those of its "Pôle d'insertion (services)" structure when
 * an administrator configured them; otherwise the default hours.
 */
export async function agendaOpeningHours(
  db: Kysely<Database>,
  departmentCode: string,
  owner: { hubId: string | null; structureId: string | null },
): Promise<{ hours: OpeningHours; where: string }> {
  let q = db
    .selectFrom('structure')
    .select(['name', 'opening_hours'])
    .where('department_code', '=', departmentCode);
  if (owner.structureId) q = q.where('id', '=', owner.structureId);
  else if (owner.hubId)
    q = q
      .where('hub_id', '=', owner.hubId)
      .where('kind', '=', 'insertion_hub_office')
      .where('active', '=', true)
      .where('opening_hours', 'is not', null);
  else return { hours: DEFAULT_OPENING_HOURS, where: 'par défaut' };
  const row = await q.orderBy('name').limit(1).executeTakeFirst();
  const hours = openingHoursOrNull(row?.opening_hours);
  if (!row || !hours) return { hours: DEFAULT_OPENING_HOURS, where: 'par défaut' };
  return { hours, where: `de ${row.name}` };
}
