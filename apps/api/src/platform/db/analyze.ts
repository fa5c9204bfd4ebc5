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

/**
 * After a bulk import the planner's statistics describe the tables as they were (often empty), and
 * it then picks full scans; refreshing them right away keeps searches on their indexes.
 */
export async function analyzeAfterBulk(db: Db, rowsWritten: number, tables: string[] = ENTRY_TABLES) {
  if (rowsWritten < 1000) return;
  for (const table of tables) await sql.raw(`ANALYZE ${table}`).execute(db);
}
