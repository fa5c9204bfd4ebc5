import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app';
import { generateDemoFlux } from '../src/demo/generate';
import { markInterruptedFluxRuns } from '../src/modules/beneficiaries/application/flux-runs';
import { loadConfig } from '../src/platform/config';
import { createContext } from '../src/platform/context';
import { openDatabase } from '../src/platform/db/database';
import { createLogger } from '../src/platform/logger';
import { createPostgresDatabase, engines, loggedIn } from './support/harness';

const root = path.resolve(import.meta.dirname, '../../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-flux-kill-'));

/** A real import, as an operator starts it: `parcours flux import F --progress`. */
function startImport(env: NodeJS.ProcessEnv, file: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/api/src/cli.ts', 'flux', 'import', file, '--progress'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** Resolves with the households applied once the child reports at least `min` of them. */
function progressed(child: ChildProcess, min: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const m of buffer.matchAll(/Progression : (\d+) foyer/g)) {
        if (Number(m[1]) >= min) resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`import ended (code ${code}) before the kill:\n${buffer}`)),
    );
  });
}

async function counts(env: { databaseUrl: string | undefined; dataDir: string }) {
  const handle = await openDatabase(env);
  try {
    const r = await sql<{ households: number; persons: number; periods: number }>`SELECT
      (SELECT count(*)::int FROM household) AS households, (SELECT count(*)::int FROM person) AS persons,
      (SELECT count(*)::int FROM rights_period) AS periods`.execute(handle.db);
    const runs = await handle.db
      .selectFrom('flux_run')
      .select(['id', 'status'])
      .orderBy('started_at')
      .execute();
    return { ...r.rows[0]!, runs };
  } finally {
    await handle.close();
  }
}

describe.each(engines)('a flux import killed mid-way (%s)', (engine) => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('applies nothing, is marked interrupted at the next start, and the re-run applies everything', async () => {
    const dataDir = path.join(work, engine);
    const pgdb = engine === 'postgres' ? await createPostgresDatabase() : undefined;
    if (pgdb) drops.push(pgdb.drop);
    const databaseUrl = pgdb?.url ?? '';
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PARCOURS_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    };
    const file = path.join(work, `flux-${engine}.xml`);
    const out = fs.createWriteStream(file);
    // PostgreSQL applies 1 000 households a batch: enough for two batches and a kill between them.
    const persons = engine === 'postgres' ? 6000 : 1000;
    const generated = await generateDemoFlux({ persons, seed: 5, today: '2026-06-01', out });
    await finished(out);
    expect(generated.households).toBeGreaterThan(persons / 3);

    const child = startImport(env, file);
    // Killed once a part is applied (in its transaction), well before the end.
    const applied = await progressed(child, 100);
    expect(applied).toBeLessThan(generated.households);
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    expect(child.signalCode).toBe('SIGKILL');

    // The database as the killed process left it (opened without the start-up repair).
    const db = { databaseUrl: databaseUrl || undefined, dataDir };
    const left = await counts(db);
    expect(left).toMatchObject({ households: 0, persons: 0, periods: 0 });
    expect(left.runs.map((r) => r.status)).toEqual(['running']);

    // The next start marks it interrupted; the flux history shows it so.
    const app = await startApp(
      {
        port: 0,
        host: '127.0.0.1',
        dataDir,
        demo: true,
        demoPersons: 0,
        jobsEnabled: false,
        logLevel: 'silent',
      },
      { ...process.env, DATABASE_URL: databaseUrl },
    );
    try {
      const admin = await loggedIn(app, 'admin@parcours.test');
      const history = (await admin.get('/api/flux/runs')).body.items;
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        id: left.runs[0]!.id,
        status: 'interrupted',
        fileName: path.basename(file),
      });
    } finally {
      await app.close();
    }

    // The same file again: applied whole (it was never applied, so not a duplicate).
    const rerun = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'apps/api/src/cli.ts', 'flux', 'import', file, '--json'],
      { cwd: root, env, maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(rerun.stdout);
    expect(report.status).toBe('applied');
    expect(report.households.created).toBe(generated.households);
    expect(report.persons.created).toBe(generated.persons);
    const after = await counts(db);
    expect(after).toMatchObject({ households: generated.households, persons: generated.persons });
    expect(after.runs.map((r) => r.status)).toEqual(['interrupted', 'applied']);
  }, 300_000);

  // PostgreSQL only: several processes share the database (the embedded one has a single owner).
  if (engine === 'postgres')
    it('leaves a live import of another process alone when another instance starts', async () => {
      const pgdb = await createPostgresDatabase();
      drops.push(pgdb.drop);
      const env = { ...process.env, DATABASE_URL: pgdb.url, PARCOURS_DATA_DIR: work, LOG_LEVEL: 'silent' };
      const file = path.join(work, 'flux-postgres.xml');
      const ctx = await createContext(
        loadConfig({ ...process.env, DATABASE_URL: pgdb.url, PARCOURS_DATA_DIR: work }),
        createLogger('silent'),
      );
      const child = startImport(env, file);
      try {
        await progressed(child, 1);
        // Another instance starts while the import runs: its run is alive (row locked), not touched.
        expect(await markInterruptedFluxRuns(ctx)).toBe(0);
        const runs = await ctx.db.selectFrom('flux_run').select('status').execute();
        expect(runs).toHaveLength(1);
        expect(runs[0]!.status).not.toBe('interrupted');
      } finally {
        child.kill('SIGKILL');
        await ctx.close();
      }
    }, 300_000);
});
