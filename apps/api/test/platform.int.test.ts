import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { migrations } from '../src/platform/db/migrations';
import { Client, createPostgresDatabase, engines, loggedIn, startTestApp } from './support/harness';

async function columns(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const rows = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>`
    SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(db);
  return rows.rows;
}

describe('migrations', () => {
  it('have unique ids in order', () => {
    const ids = migrations.map((m) => m.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(engines)(
    'apply once, then find nothing to do, and give every root table its tenant column (%s)',
    async (engine) => {
      const pgdb = engine === 'postgres' ? await createPostgresDatabase() : undefined;
      const handle = await openDatabase({ databaseUrl: pgdb?.url, dataDir: 'memory://' });
      try {
        expect(await migrate(handle.db)).toEqual(migrations.map((m) => m.id));
        expect(await migrate(handle.db)).toEqual([]);
        const cols = await columns(handle.db);
        const tables = new Set(cols.map((c) => c.table_name));
        for (const table of tables) {
          if (table === 'schema_migration' || table === 'department') continue;
          expect(
            cols.some((c) => c.table_name === table && c.column_name === 'department_code'),
            `${table}.department_code`,
          ).toBe(true);
        }
      } finally {
        await handle.close();
        await pgdb?.drop();
      }
    },
  );

  it.runIf(engines.includes('postgres'))('produce the same schema on PGlite and PostgreSQL', async () => {
    const pgdb = await createPostgresDatabase();
    const a = await openDatabase({ dataDir: 'memory://' });
    const b = await openDatabase({ databaseUrl: pgdb.url, dataDir: 'memory://' });
    try {
      await migrate(a.db);
      await migrate(b.db);
      expect(await columns(a.db)).toEqual(await columns(b.db));
    } finally {
      await a.close();
      await b.close();
      await pgdb.drop();
    }
  });
});

describe.each(engines)('health and failure (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('is ready while the database answers', async () => {
    const c = new Client(app.url);
    expect((await c.get('/health')).body).toEqual({ status: 'ok' });
    expect((await c.get('/ready')).body).toEqual({ status: 'ready' });
  });

  it('serves the OpenAPI document generated from the schemas (to signed-in agents)', async () => {
    const doc = await (await loggedIn(app, 'pilotage@parcours.test')).get('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/admin/accounts', '/api/territory/hubs']),
    );
    expect(doc.body.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('rejects a malformed body and an oversized one with clean errors', async () => {
    const bad = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR');
    const huge = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(2_000_000) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 503 without a stack trace when the database is gone', async () => {
    const admin = new Client(app.url);
    await admin.login('admin@parcours.test');
    if (engine === 'postgres') {
      // A real outage: the server drops every connection and accepts no new one.
      const url = new URL(app.ctx.config.databaseUrl!);
      const dbName = url.pathname.slice(1);
      const adminDb = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://' });
      await sql.raw(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`).execute(adminDb.db);
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${dbName}`.execute(
        adminDb.db,
      );
      await adminDb.close();
    } else {
      // The embedded engine has no server to lose: its handle going away is the outage.
      await app.ctx.db.destroy();
    }
    const ready = await new Client(app.url).get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('SERVICE_UNAVAILABLE');
    const res = await new Client(app.url).post('/api/auth/login', {
      email: 'admin@parcours.test',
      password: 'x',
    });
    expect(res.status).toBe(503);
    expect(res.text).not.toMatch(/at .*\.ts|stack/i);
    expect(res.body.error.message).toMatch(/indisponible/);
  });
});
