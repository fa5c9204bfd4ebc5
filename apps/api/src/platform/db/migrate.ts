import { sql } from 'kysely';
import type { Db } from './database';
import { migrations } from './migrations';

const LOCK_KEY = 7_281_964; // arbitrary, shared by every instance of Parcours

/** Applies pending migrations, each in its own transaction; concurrent starts wait on a lock. */
export async function migrate(db: Db): Promise<string[]> {
  const applied: string[] = [];
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
    db,
  );
  for (const migration of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const exists = await trx
        .selectFrom('schema_migration')
        .select('id')
        .where('id', '=', migration.id)
        .executeTakeFirst();
      if (exists) return false;
      await sql.raw(migration.sql).execute(trx);
      await trx.insertInto('schema_migration').values({ id: migration.id }).execute();
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}
