import { sql } from 'kysely';
import type { Db } from './database';

const ENTRY_TABLES = [
  'household',
  'person',
  'household_member',
  'rights_period',
  'entry_spell',
  'timeline_event',
  'ft_registration',
];

/** What the history import writes besides the entry tables (its anti-joins probe these). */
export const HISTORY_TABLES = [
  ...ENTRY_TABLES,
  'person_name_token',
  'orientation',
  'referent_assignment',
  'appointment',
  'engagement_contract',
];

/**
 * After a bulk import the planner's statistics describe the tables as they were (often empty, or
 * never analysed when autovacuum is off), and it then picks full scans; refreshing them right away
 * keeps searches and the next import on their indexes.
 */
export async function analyzeAfterBulk(db: Db, rowsWritten: number, tables: string[] = ENTRY_TABLES) {
  if (rowsWritten < 1000) return;
  for (const table of tables) await sql.raw(`ANALYZE ${table}`).execute(db);
}
