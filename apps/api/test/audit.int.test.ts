import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app';
import type { ChainedFields } from '../src/platform/audit/audit';
import { AuditTrail, chainedFieldsOf, chainMac, legacyChainHash } from '../src/platform/audit/audit';
import { auditKeyFrom, loadAuditKey } from '../src/platform/audit/key';
import { openDatabase } from '../src/platform/db/database';
import { auditPowers, migrate } from '../src/platform/db/migrate';
import { migrations } from '../src/platform/db/migrations';
import type { Database } from '../src/platform/db/schema';
import { createPostgresDatabase, engines, loggedIn, startTestApp } from './support/harness';

const PERSON = '11111111-1111-4111-8111-111111111111';

describe.each(engines)('audit trail (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('records a read of a person’s file in one line, and answers "who accessed this file"', async () => {
    const advisor = await app.ctx.db
      .selectFrom('account')
      .selectAll()
      .where('email', '=', 'orientation@parcours.test')
      .executeTakeFirstOrThrow();
    const actor = { accountId: advisor.id, role: advisor.role, departmentCode: advisor.department_code };
    await app.ctx.audit.personRead(actor, PERSON, { ip: '10.0.0.7', id: 'req-1' }, 'convocation');

    const admin = await loggedIn(app, 'admin@parcours.test');
    const res = await admin.get(`/api/admin/audit?personId=${PERSON}`);
    expect(res.status).toBe(200);
    const read = res.body.items.find((e: { action: string }) => e.action === 'person.read');
    expect(read).toMatchObject({
      actorName: 'Karim Orientation',
      actorRole: 'orientation_advisor',
      reason: 'convocation',
      ip: '10.0.0.7',
    });

    const bad = await admin.get('/api/admin/audit?personId=pas-un-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].message).toBe('Identifiant de personne invalide.');
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the trail', async () => {
    await expect(sql`UPDATE audit_event SET action = 'x'`.execute(app.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_event`.execute(app.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_event`.execute(app.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the chain, then detects a trace altered behind the triggers', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const ok = await admin.post('/api/admin/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.checked).toBeGreaterThan(5);

    const target = await app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'person.read')
      .executeTakeFirstOrThrow();
    // A superuser can bypass triggers; the hash chain is what still tells.
    await app.ctx.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`.execute(trx);
      await sql`UPDATE audit_event SET reason = 'autre motif' WHERE seq = ${target.seq}::bigint`.execute(trx);
      await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`.execute(trx);
    });
    const broken = await app.ctx.audit.verify('13');
    expect(broken).toMatchObject({ ok: false, brokenAtSeq: target.seq, reason: 'contenu modifié' });
  });
});

describe('audit trail: a deleted trace breaks the chain', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });

  it('is detected by verify', async () => {
    const { seq } = await app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .orderBy('seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await app.ctx.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`.execute(trx);
      await sql`DELETE FROM audit_event WHERE seq = ${seq}::bigint`.execute(trx);
      await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`.execute(trx);
    });
    const result = await app.ctx.audit.verify('13');
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/chaînage rompu/);
  });
});

const GENESIS = '0'.repeat(64);
const ADVISOR = {
  accountId: '22222222-2222-4222-8222-222222222222',
  role: 'orientation_advisor',
  departmentCode: '13',
};

/** `n` reads of files, all at once (as many agents opening files together). */
async function appendReads(audit: AuditTrail, n: number, tag: string) {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      audit.personRead(ADVISOR, PERSON, { ip: '10.0.0.1', id: `${tag}-${i}` }),
    ),
  );
}

/**
 * The attack of issue 8: with the owner's rights, rewrite the trace at `index` of the chain and
 * recompute every later chain value with `hash` (the former plain SHA-256, or a guessed key).
 */
async function forgeFrom(
  db: Kysely<Database>,
  index: number,
  hash: (prev: string, f: ChainedFields) => string,
  opts: { stopAtSeq?: string } = {},
): Promise<string> {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .where('department_code', '=', '13')
    .orderBy('seq')
    .execute();
  const target = rows[index]!;
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`.execute(trx);
    let prev = index === 0 ? GENESIS : rows[index - 1]!.hash;
    for (const row of rows.slice(index)) {
      if (opts.stopAtSeq && BigInt(row.seq) >= BigInt(opts.stopAtSeq)) {
        // A trace the forger cannot re-seal: only its link to the previous one is changed.
        await sql`UPDATE audit_event SET prev_hash = ${prev} WHERE seq = ${row.seq}::bigint`.execute(trx);
        break;
      }
      const fields = chainedFieldsOf(row);
      if (row.seq === target.seq) fields.reason = 'motif réécrit';
      const value = hash(prev, fields);
      await sql`UPDATE audit_event SET reason = ${fields.reason}, prev_hash = ${prev}, hash = ${value}
                WHERE seq = ${row.seq}::bigint`.execute(trx);
      prev = value;
    }
    await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`.execute(trx);
  });
  return target.seq;
}

/** Deletes the last `n` traces behind the triggers; returns the first and last deleted seq. */
async function cutTail(db: Kysely<Database>, n: number): Promise<[string, string]> {
  const rows = await db
    .selectFrom('audit_event')
    .select('seq')
    .where('department_code', '=', '13')
    .orderBy('seq', 'desc')
    .limit(n)
    .execute();
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`.execute(trx);
    await sql`DELETE FROM audit_event WHERE seq >= ${rows.at(-1)!.seq}::bigint`.execute(trx);
    await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`.execute(trx);
  });
  return [rows.at(-1)!.seq, rows[0]!.seq];
}

describe.each(engines)('audit trail: keyed chain, checkpoints, group commit (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-audit-'));
  const checkpointFile = path.join(dir, 'checkpoints.jsonl');
  beforeAll(async () => {
    app = await startTestApp(engine, { auditCheckpointFile: checkpointFile });
  });

  it('lists the persons of a bulk read, sealed with the trace, and finds the rows that list a person', async () => {
    const other = '33333333-3333-4333-8333-333333333333';
    await app.ctx.audit.record({
      actor: ADVISOR,
      action: 'person.list_read',
      personIds: [PERSON, other.toUpperCase()],
      details: { q: 'dupont' },
    });
    const rows = await app.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'person_ids'])
      .where(sql<boolean>`person_ids @> ARRAY[${other}]::uuid[]`)
      .execute();
    expect(rows).toEqual([{ action: 'person.list_read', person_ids: [PERSON, other] }]);
    expect((await app.ctx.audit.verify('13')).ok).toBe(true);
  });

  it('groups concurrent appends: 200 reads in far fewer transactions, every one chained', async () => {
    const before = { ...app.ctx.audit.stats };
    const count = async () =>
      Number(
        (
          await app.ctx.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rowsBefore = await count();
    await appendReads(app.ctx.audit, 200, 'gc');
    expect(await count()).toBe(rowsBefore + 200);
    const batches = app.ctx.audit.stats.batches - before.batches;
    expect(app.ctx.audit.stats.rows - before.rows).toBe(200);
    expect(batches).toBeLessThanOrEqual(20);
    const result = await app.ctx.audit.verify('13');
    expect(result).toMatchObject({ ok: true, brokenAtSeq: null });
  });

  it('rejects only the trace that fails, not the reads grouped with it, and keeps the chain whole', async () => {
    const bad = { actor: { ...ADVISOR, accountId: 'pas-un-uuid' }, action: 'person.read' as const };
    const results = await Promise.allSettled([
      app.ctx.audit.personRead(ADVISOR, PERSON, null),
      app.ctx.audit.record(bad),
      app.ctx.audit.personRead(ADVISOR, PERSON, null),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await app.ctx.audit.verify('13')).ok).toBe(true);
  });

  it('writes signed checkpoints outside the database and the JSON log; a cut tail is a missing range', async () => {
    const logFile = path.join(dir, 'log.jsonl');
    const log = pino({ level: 'info' }, pino.destination({ dest: logFile, sync: true }));
    // A second trail on the same database with the logger: same key, same chain.
    const trail = new AuditTrail(app.ctx.db, { checkpointFile: checkpointFile, log });
    await appendReads(trail, 120, 'cp');
    const [written] = await trail.checkpoint('test');
    expect(written).toMatchObject({ departmentCode: '13', keyId: app.ctx.audit.keyId });
    expect(fs.readFileSync(checkpointFile, 'utf8')).toContain(`"seq":"${written!.seq}"`);
    expect(fs.readFileSync(logFile, 'utf8')).toContain(written!.sig);
    expect(await app.ctx.audit.verify('13')).toMatchObject({ ok: true, lastCheckpointSeq: written!.seq });

    const [from, to] = await cutTail(app.ctx.db, 50);
    expect(to).toBe(written!.seq);
    // The chain that is left is whole: only the checkpoints tell (file, or the log alone).
    for (const files of [undefined, [logFile]]) {
      const cut = await app.ctx.audit.verify('13', { checkpointFiles: files });
      expect(cut).toMatchObject({ ok: false, brokenAtSeq: from, missingFrom: from, missingTo: to });
      expect(cut.reason).toMatch(/traces manquantes/);
    }
    // New traces after the cut do not hide it.
    await appendReads(app.ctx.audit, 3, 'after');
    await app.ctx.audit.checkpoint('test');
    expect(await app.ctx.audit.verify('13')).toMatchObject({ ok: false, missingFrom: from, missingTo: to });
  });

  it('detects a forged checkpoint', async () => {
    const line = JSON.parse(fs.readFileSync(checkpointFile, 'utf8').trim().split('\n').at(-1)!);
    const forged = path.join(dir, 'forged.jsonl');
    fs.writeFileSync(forged, `${JSON.stringify({ ...line, seq: String(Number(line.seq) + 10) })}\n`);
    const result = await app.ctx.audit.verify('13', { checkpointFiles: [forged] });
    expect(result).toMatchObject({ ok: false });
    expect(result.reason).toMatch(/point de contrôle falsifié/);
  });

  it('after a rewrite of row 88 recomputed with a guessed key, verify names row 88', async () => {
    const wrongKey = auditKeyFrom(randomBytes(32), 'env').key;
    const seq = await forgeFrom(app.ctx.db, 87, (prev, f) => chainMac(wrongKey, prev, f));
    expect(await app.ctx.audit.verify('13')).toMatchObject({
      ok: false,
      brokenAtSeq: seq,
      reason: 'contenu modifié',
    });
  });
});

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

async function cli(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'apps/api/src/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe.each(engines)('audit verify (command line) after the attacks of issue 8 (%s)', (engine) => {
  it('exits 2 on a cut tail (missing range) and on a rewrite recomputed with plain SHA-256 (first bad seq)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-audit-cli-'));
    const pgdb = engine === 'postgres' ? await createPostgresDatabase() : undefined;
    const env = { DATABASE_URL: pgdb?.url ?? '', PARCOURS_DATA_DIR: dataDir };
    try {
      const app = await startApp(
        { port: 0, dataDir, demo: true, demoPersons: 0, jobsEnabled: false, logLevel: 'silent' },
        { ...process.env, ...env },
      );
      await appendReads(app.ctx.audit, 150, 'cli');
      await app.close(); // writes the shutdown checkpoint

      // The key was generated once, beside the data, for its owner only.
      const keyFile = path.join(dataDir, 'audit.key');
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = fs.readFileSync(keyFile, 'utf8');
      const checkpoints = fs.readFileSync(path.join(dataDir, 'audit-checkpoints.jsonl'), 'utf8');
      expect(checkpoints).toMatch(/"reason":"shutdown"/);
      expect(checkpoints).not.toContain(key.trim());

      const ok = await cli(env, 'audit', 'verify', '--json');
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, brokenAtSeq: null });
      expect(fs.readFileSync(keyFile, 'utf8')).toBe(key);

      const db = await openDatabase({ databaseUrl: pgdb?.url, dataDir });
      const [from, to] = await cutTail(db.db, 50);
      await db.close();
      const cut = await cli(env, 'audit', 'verify', '--json');
      expect(cut.code).toBe(2);
      expect(JSON.parse(cut.stdout)).toMatchObject({
        ok: false,
        brokenAtSeq: from,
        missingFrom: from,
        missingTo: to,
      });

      const db2 = await openDatabase({ databaseUrl: pgdb?.url, dataDir });
      const seq = await forgeFrom(db2.db, 87, legacyChainHash);
      await db2.close();
      const forged = await cli(env, 'audit', 'verify');
      expect(forged.code).toBe(2);
      expect(forged.stdout).toContain(`Journal ALTÉRÉ à la trace n° ${seq} : contenu modifié.`);
    } finally {
      await pgdb?.drop();
    }
  }, 600_000);
});

describe.runIf(process.env.DATABASE_URL)(
  'audit trail on PostgreSQL with a restricted application role',
  () => {
    it('migrates as the owner, runs as a role that may only read and append the trail', async () => {
      const pgdb = await createPostgresDatabase();
      // Roles are cluster-wide and test files run concurrently: a unique name.
      const role = `parcours_app_${process.pid}_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE ROLE ${role} LOGIN`);
      const appUrl = new URL(pgdb.url);
      appUrl.username = role;
      appUrl.password = '';
      try {
        const app = await startApp(
          {
            port: 0,
            dataDir: 'memory://',
            demo: true,
            demoPersons: 0,
            jobsEnabled: false,
            logLevel: 'silent',
          },
          { ...process.env, DATABASE_URL: appUrl.toString(), MIGRATION_DATABASE_URL: pgdb.url },
        );
        try {
          const { rows } = await sql<{ u: string }>`SELECT current_user AS u`.execute(app.ctx.db);
          expect(rows[0]!.u).toBe(role);
          expect(await auditPowers(app.ctx.db)).toEqual([]);
          // The application works: login (audited), reading the trail, verifying it.
          const client = await loggedIn(app, 'admin@parcours.test');
          expect((await client.get('/api/admin/audit')).status).toBe(200);
          const verified = await client.post('/api/admin/audit/verify');
          expect(verified.body).toMatchObject({ ok: true });
          // …but cannot alter the trail, nor switch its protection off.
          const db = app.ctx.db;
          await expect(sql`UPDATE audit_event SET action = 'x'`.execute(db)).rejects.toThrow(
            /permission denied/,
          );
          await expect(sql`DELETE FROM audit_event`.execute(db)).rejects.toThrow(/permission denied/);
          await expect(sql`TRUNCATE audit_event`.execute(db)).rejects.toThrow(/permission denied/);
          await expect(
            sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`.execute(db),
          ).rejects.toThrow(/must be owner/);
          await expect(sql`DROP TABLE audit_event`.execute(db)).rejects.toThrow(/must be owner/);
          await expect(sql`DELETE FROM audit_chain_start`.execute(db)).rejects.toThrow(/permission denied/);
          await expect(
            sql`INSERT INTO audit_chain_start (department_code, legacy_until_seq) VALUES ('13', 999999)`.execute(
              db,
            ),
          ).rejects.toThrow(/permission denied/);
        } finally {
          await app.close();
        }
      } finally {
        await pgdb.drop();
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
      }
    }, 120_000);
  },
);

describe.each(engines)(
  'audit trail written by an earlier version (plain SHA-256), then upgraded (%s)',
  (engine) => {
    it('verifies the old traces with the old scheme up to the recorded switch-over, the new ones with the key', async () => {
      const pgdb = engine === 'postgres' ? await createPostgresDatabase() : undefined;
      const handle = await openDatabase({ databaseUrl: pgdb?.url, dataDir: 'memory://' });
      try {
        const db = handle.db;
        // The database as version 0.6 left it: migrations up to 0006 and a plain SHA-256 chain.
        await sql`CREATE TABLE schema_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
          db,
        );
        for (const m of migrations.slice(
          0,
          migrations.findIndex((x) => x.id === '0007_audit_integrity'),
        )) {
          await sql.raw(m.sql).execute(db);
          await db.insertInto('schema_migration').values({ id: m.id }).execute();
        }
        await sql`INSERT INTO department (code, name) VALUES ('13', 'Bouches-du-Rhône')`.execute(db);
        let prev = GENESIS;
        for (let i = 0; i < 30; i++) {
          const fields: ChainedFields = {
            department_code: '13',
            occurred_at: new Date(Date.UTC(2026, 10, 1, 9, 0, i)).toISOString(),
            actor_account_id: null,
            actor_role: null,
            action: 'person.read',
            person_id: PERSON,
            target_type: null,
            target_id: null,
            reason: null,
            ip: null,
            request_id: `old-${i}`,
            details: '{}',
            person_ids: null,
          };
          const hash = legacyChainHash(prev, fields);
          await sql`INSERT INTO audit_event (department_code, occurred_at, action, person_id, request_id, details, prev_hash, hash)
                  VALUES ('13', ${fields.occurred_at}, 'person.read', ${PERSON}, ${fields.request_id}, '{}', ${prev}, ${hash})`.execute(
            db,
          );
          prev = hash;
        }
        const lastLegacy = await db
          .selectFrom('audit_event')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirstOrThrow();

        await migrate(db); // 0007 records where the keyed chain starts
        const start = await db.selectFrom('audit_chain_start').selectAll().executeTakeFirstOrThrow();
        expect(start).toMatchObject({ department_code: '13', legacy_until_seq: lastLegacy.seq });
        const trail = new AuditTrail(db, {
          key: loadAuditKey({ auditKey: randomBytes(32), dataDir: 'memory://' }),
        });
        await appendReads(trail, 20, 'new');
        expect(await trail.verify('13')).toMatchObject({ ok: true, checked: 50 });

        // Rewriting the old part, even recomputing its whole plain chain, no longer verifies:
        // the first keyed trace sealed the last plain hash.
        const firstKeyed = (BigInt(lastLegacy.seq!) + 1n).toString();
        await forgeFrom(db, 5, legacyChainHash, { stopAtSeq: firstKeyed });
        expect(await trail.verify('13')).toMatchObject({
          ok: false,
          brokenAtSeq: firstKeyed,
          reason: 'contenu modifié',
        });
      } finally {
        await handle.close();
        await pgdb?.drop();
      }
    }, 120_000);
  },
);
