import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';

type TimelineRow = Insertable<Database['timeline_event']>;

/**
 * Writes timeline rows built by `beneficiaryEvents.row` (declared types only) in one statement:
 * the flux and the France Travail batches write thousands at once.
 */
export async function insertTimelineRows(trx: Kysely<Database>, rows: TimelineRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO timeline_event (department_code, person_id, occurred_on, type, data, actor_account_id, source)
    SELECT x.department_code, x.person_id, x.occurred_on, x.type, x.data::jsonb, x.actor_account_id, x.source
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(department_code text, person_id uuid,
      occurred_on date, type text, data text, actor_account_id uuid, source text)`.execute(trx);
}
