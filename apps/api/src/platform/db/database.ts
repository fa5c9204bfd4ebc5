import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
import { preparedPool } from './prepared';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Engine = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
  /** PGlite only: the data directory as a gzipped tarball (loaded back with `snapshot`). */
  dump?: () => Promise<Blob>;
}

// Same parsers on both engines: int8 (bigserial ids) as strings, dates as 'YYYY-MM-DD' (a business
// date has no time zone).
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => v);
pg.types.setTypeParser(DATE, (v) => v);
const pgliteParsers = { [INT8]: (v: string) => v, [DATE]: (v: string) => v };

export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** A dump of a data directory to start an in-memory PGlite from (tests; see Config.pgliteSnapshot). */
  snapshot?: string;
}): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
    });
    // An idle client losing its server must not crash the process; /ready reports it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparedPool(pool) }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  let dir = opts.dataDir;
  if (!dir.startsWith('memory://')) {
    dir = path.resolve(dir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
  }
  const options = { extensions: { pg_trgm, unaccent }, parsers: pgliteParsers };
  // A snapshot only seeds a database that does not exist yet (PGlite refuses to load over one).
  const fresh = dir.startsWith('memory://') || !fs.existsSync(path.join(dir, 'PG_VERSION'));
  const client =
    opts.snapshot && fresh
      ? await PGlite.create(dir, { ...options, loadDataDir: new Blob([fs.readFileSync(opts.snapshot)]) })
      : await PGlite.create(dir, options);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, engine: 'pglite', close: () => db.destroy(), dump: () => client.dumpDataDir('gzip') };
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
