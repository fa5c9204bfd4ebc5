import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { HISTORY_TODAY, HISTORY_VERSION, writeIndicatorsHistory } from './indicators-history';
import { report } from './support';

const OUT = path.resolve(import.meta.dirname, '../out');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : Number(process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const FROM = '2025-01-01';
const TO = '2025-12-31';
const HUB = 'marseille-2-3';
/** The tables the history's dated facts (events) are written to. */
const EVENT_TABLES = [
  'rights_period',
  'orientation',
  'referent_assignment',
  'appointment',
  'engagement_contract',
];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const say = (text: string) => process.stdout.write(`${text}\n`);

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `npm run cli`'s node options (root package.json), as the import runs for a user. */
function cliNodeOptions(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'));
  const words = String(pkg.scripts.cli).split(/\s+/);
  return words.slice(
    words.indexOf('node') + 1,
    words.findIndex((w) => w.endsWith('.ts')),
  );
}

/** The real `cli history import <file> --json`, niced so that the machine's other users keep working. */
function importFile(url: string, file: string): Promise<{ status: string; durationMs: number }> {
  return new Promise((resolve, reject) => {
    const cli = path.resolve(import.meta.dirname, '../../apps/api/src/cli.ts');
    const child = spawn(
      'nice',
      ['-n', '10', process.execPath, ...cliNodeOptions(), cli, 'history', 'import', file, '--json'],
      {
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`import échoué (${code}) : ${out.slice(0, 2000)}`));
      const r = JSON.parse(out) as { status: string; durationMs: number; message: string };
      if (r.status !== 'applied' && r.status !== 'already_imported')
        return reject(new Error(`import non appliqué : ${r.message}`));
      resolve(r);
    });
  });
}

interface Marker {
  key: string;
  persons: number;
  events: number;
  import_seconds: number;
}

/**
 * The dedicated database holding the imported history: reused when its marker names the same
 * generated data, otherwise (or with --fresh) created again and filled through the history import.
 * An interrupted import resumes: the files already applied are recognised by their hash.
 */
async function importedDatabase(persons: number, seed: number): Promise<{ url: string; marker: Marker }> {
  const base = process.env.DATABASE_URL;
  if (!base?.startsWith('postgres'))
    throw new Error('DATABASE_URL (PostgreSQL) requis : ce benchmark mesure PostgreSQL.');
  const name = persons === 2_000_000 ? 'parcours_bench_indicators' : `parcours_bench_indicators_${persons}`;
  const url = withDatabase(base, name);
  const key = `v${HISTORY_VERSION}-${persons}-s${seed}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
    let fresh = flag('fresh') || !exists;
    if (exists && !fresh) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`CREATE TABLE IF NOT EXISTS bench_indicators_marker (key text PRIMARY KEY,
          persons int NOT NULL, events bigint NOT NULL, import_seconds float8 NOT NULL,
          imported_at timestamptz NOT NULL DEFAULT now())`);
        const m = await c.query<Marker>(
          'SELECT key, persons, events::int AS events, import_seconds FROM bench_indicators_marker',
        );
        if (m.rows[0]?.key === key) {
          say(
            `base ${name} réutilisée : ${m.rows[0].persons} personnes, ${m.rows[0].events} événements, importés en ${m.rows[0].import_seconds.toFixed(0)} s (--fresh pour refaire)`,
          );
          return { url, marker: m.rows[0] };
        }
        fresh = m.rows.length > 0; // other data: start again; no marker: an interrupted import resumes
      } finally {
        await c.end();
      }
    }
    if (fresh) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }

  let t = performance.now();
  const history = await writeIndicatorsHistory({
    dir: OUT,
    persons,
    seed,
    perFile: arg('per-file', 100_000),
  });
  say(
    `historique : ${history.persons} personnes, ${history.events} événements, ${history.files.length} fichier(s) (${s(performance.now() - t)})`,
  );
  t = performance.now();
  let importMs = 0;
  let resumed = 0;
  for (const [i, file] of history.files.entries()) {
    const r = await importFile(url, file);
    if (r.status === 'applied') importMs += r.durationMs;
    else resumed++;
    say(
      `  import ${i + 1}/${history.files.length} : ${r.status === 'applied' ? s(r.durationMs) : 'déjà importé'}`,
    );
  }
  const wall = (performance.now() - t) / 1000;
  // A resumed import's time is not the whole import's: said so.
  const partial = resumed ? ` (${resumed} fichier(s) déjà importé(s) avant : durée partielle)` : '';
  say(
    `import de l’historique (npm run cli -- history import, ${history.files.length} fichier(s)) : ${(importMs / 1000).toFixed(0)} s d’import, ${wall.toFixed(0)} s en tout${partial}`,
  );
  const marker: Marker = { key, persons: history.persons, events: history.events, import_seconds: wall };
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE TABLE IF NOT EXISTS bench_indicators_marker (key text PRIMARY KEY,
    persons int NOT NULL, events bigint NOT NULL, import_seconds float8 NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now())`);
  await c.query('DELETE FROM bench_indicators_marker');
  await c.query(
    'INSERT INTO bench_indicators_marker (key, persons, events, import_seconds) VALUES ($1, $2, $3, $4)',
    [key, marker.persons, marker.events, marker.import_seconds],
  );
  await c.query('VACUUM ANALYZE');
  await c.end();
  return { url, marker };
}

/**
 * `npm run bench -- indicators [--persons 2000000] [--fresh]`: every Plan Pauvreté indicator for
 * one year, for the département and for one pôle, on a history imported through the history import;
 * the time of the whole set, and its ratio to one sequential scan of the events in the same run.
 */
export async function benchIndicators(): Promise<boolean> {
  const { url } = await importedDatabase(arg('persons', 2_000_000), arg('seed', 13));
  return measureIndicators(url);
}

/** The measure alone, on a database holding an imported history (persons and events counted in it). */
export async function measureIndicators(url: string): Promise<boolean> {
  const { createContext } = await import('../../apps/api/src/platform/context');
  const { loadConfig } = await import('../../apps/api/src/platform/config');
  const { createLogger } = await import('../../apps/api/src/platform/logger');
  const { computePlanPauvreteIndicators } = await import('../../apps/api/src/modules/steering');
  const ctx = await createContext(loadConfig({ ...process.env, DATABASE_URL: url }), createLogger('silent'));
  try {
    const db = ctx.db;
    const hub = await db
      .selectFrom('insertion_hub')
      .select('id')
      .where('code', '=', HUB)
      .executeTakeFirstOrThrow();
    const scope = { departmentCode: '13', from: FROM, to: TO, computedOn: HISTORY_TODAY };
    const persons = await sql<{ n: string }>`SELECT count(*) AS n FROM person`.execute(db);
    const events = await sql<{
      n: string;
    }>`SELECT (${sql.raw(EVENT_TABLES.map((t) => `(SELECT count(*) FROM ${t})`).join(' + '))})::bigint AS n`.execute(
      db,
    );
    say(
      `PostgreSQL, ${persons.rows[0]!.n} personnes, ${events.rows[0]!.n} événements en base (${EVENT_TABLES.join(', ')}) ; période ${FROM} → ${TO}, pôle ${HUB}`,
    );

    const wholeSet = async () => {
      const t0 = performance.now();
      const department = await computePlanPauvreteIndicators(db, { ...scope, hubId: null });
      const t1 = performance.now();
      const pole = await computePlanPauvreteIndicators(db, { ...scope, hubId: hub.id });
      const t2 = performance.now();
      return { department, pole, departmentMs: t1 - t0, poleMs: t2 - t1, totalMs: t2 - t0 };
    };
    // One sequential scan of the events: count(*) of each event table, index scans forbidden, in one
    // transaction (parallel workers allowed, as for the indicators).
    const scan = async () =>
      db.connection().execute(async (c) => {
        await sql`SET enable_indexscan = off`.execute(c);
        await sql`SET enable_indexonlyscan = off`.execute(c);
        await sql`SET enable_bitmapscan = off`.execute(c);
        try {
          const t0 = performance.now();
          for (const t of EVENT_TABLES) await sql`SELECT count(*) FROM ${sql.table(t)}`.execute(c);
          return performance.now() - t0;
        } finally {
          await sql`RESET enable_indexscan`.execute(c);
          await sql`RESET enable_indexonlyscan`.execute(c);
          await sql`RESET enable_bitmapscan`.execute(c);
        }
      });

    const first = await wholeSet(); // warm-up, and the figures shown
    await scan();
    const runs = arg('runs', 5);
    const sets: Awaited<ReturnType<typeof wholeSet>>[] = [];
    const scans: number[] = [];
    for (let i = 0; i < runs; i++) {
      sets.push(await wholeSet());
      scans.push(await scan());
    }
    say(`département : ${JSON.stringify(first.department)}`);
    say(`pôle ${HUB} : ${JSON.stringify(first.pole)}`);
    const setMs = median(sets.map((r) => r.totalMs));
    const scanMs = median(scans);
    say(
      `ensemble des indicateurs, médiane de ${runs} (après une exécution à froid de ${s(first.totalMs)}) : département ${s(median(sets.map((r) => r.departmentMs)))}, pôle ${s(median(sets.map((r) => r.poleMs)))}`,
    );
    say(
      `parcours séquentiel des événements (count(*) de ${EVENT_TABLES.join(', ')}, enable_indexscan/indexonlyscan/bitmapscan = off), médiane de ${runs} : ${s(scanMs)}`,
    );
    say(
      `charge de la machine : ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1, 5, 15 min)`,
    );
    const time = report(
      'PostgreSQL',
      'ensemble des indicateurs (département + pôle)',
      setMs / 1000,
      's',
      1,
      'lower',
    );
    const ratio = report('PostgreSQL', 'rapport au parcours séquentiel', setMs / scanMs, '', 3, 'lower');
    return time && ratio;
  } finally {
    await ctx.close();
  }
}
