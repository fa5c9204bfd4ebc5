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

/** A role name as a quoted SQL identifier. */
function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Gives the application's role what it needs, and no more, on the tables the migrations created
 * (run by the owner, after the migrations; idempotent): read and write every table, except the
 * audit trail, which it may only read and append to. Not being the owner, it cannot disable the
 * append-only triggers either.
 */
export async function grantAppRole(ownerDb: Db, role: string): Promise<void> {
  const r = ident(role);
  await ownerDb.transaction().execute(async (trx) => {
    for (const statement of [
      `GRANT USAGE ON SCHEMA public TO ${r}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
      `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM ${r}`,
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_chain_start FROM ${r}`,
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migration FROM ${r}`,
    ]) {
      await sql.raw(statement).execute(trx);
    }
  });
}

/** What the connected role could do to the audit trail beyond reading and appending (empty: nothing). */
export async function auditPowers(db: Db): Promise<string[]> {
  const { rows } = await sql<{
    superuser: boolean;
    owner: boolean;
    upd: boolean;
    del: boolean;
    trunc: boolean;
  }>`
    SELECT r.rolsuper AS superuser,
           pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
           has_table_privilege('audit_event', 'UPDATE') AS upd,
           has_table_privilege('audit_event', 'DELETE') AS del,
           has_table_privilege('audit_event', 'TRUNCATE') AS trunc
    FROM pg_roles r, pg_class c
    WHERE r.rolname = current_user AND c.oid = 'audit_event'::regclass`.execute(db);
  const p = rows[0];
  if (!p) return [];
  return [
    p.superuser && 'superuser',
    p.owner && 'owner',
    p.upd && 'UPDATE',
    p.del && 'DELETE',
    p.trunc && 'TRUNCATE',
  ].filter((x): x is string => typeof x === 'string');
}
