import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { generateHouseholds } from '../../apps/api/src/demo/generate';
import { searchPersons } from '../../apps/api/src/modules/beneficiaries/application/search';
import type { FluxHousehold } from '../../apps/api/src/modules/beneficiaries/domain/flux';
import { writeFluxXml } from '../../apps/api/src/modules/beneficiaries/infra/flux/xml-writer';
import { percentile, report } from './support';

const OUT = path.resolve(import.meta.dirname, '../out');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : Number(process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
};
const TODAY = '2026-11-02';

/** The generated flux of N persons, written once and reused. */
async function fluxFile(persons: number): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `vrsb-${persons}.xml`);
  if (fs.existsSync(file)) return file;
  const t0 = performance.now();
  await writeFluxXml(
    {
      application: 'CRI',
      natFlux: 'D',
      typeFlux: 'M',
      createdOn: TODAY,
      createdAtTime: '01:00:00',
      referenceDate: TODAY,
    },
    generateHouseholds({ persons, seed: 7, today: TODAY }),
    fs.createWriteStream(`${file}.tmp`),
  );
  fs.renameSync(`${file}.tmp`, file);
  process.stdout.write(
    `flux généré : ${file} (${(fs.statSync(file).size / 1e6).toFixed(0)} Mo) en ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
  );
  return file;
}

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL requis : ce benchmark mesure PostgreSQL.');
  const name = `parcours_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Migrations and territory, as `npm run cli -- db migrate` and the first start do. */
async function prepareDatabase(url: string) {
  const { createContext } = await import('../../apps/api/src/platform/context');
  const { loadConfig } = await import('../../apps/api/src/platform/config');
  const { createLogger } = await import('../../apps/api/src/platform/logger');
  const { ensureTerritory } = await import('../../apps/api/src/modules/territory/application/load-territory');
  const ctx = await createContext(loadConfig({ ...process.env, DATABASE_URL: url }), createLogger('silent'));
  await ensureTerritory(ctx);
  await ctx.close();
}

/**
 * The node options of `npm run cli` (root package.json), which the import runs with for a user;
 * BENCH_NODE_OPTIONS replaces them to compare (e.g. "--import tsx --max-old-space-size=128").
 */
function cliNodeOptions(): string[] {
  if (process.env.BENCH_NODE_OPTIONS) return process.env.BENCH_NODE_OPTIONS.split(' ').filter(Boolean);
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'));
  const words = String(pkg.scripts.cli).split(/\s+/);
  return words.slice(
    words.indexOf('node') + 1,
    words.findIndex((w) => w.endsWith('.ts')),
  );
}

/** Peak resident memory of a running process (VmHWM, Linux), in MB; null once it has ended. */
function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs the real `cli flux import <file> --json` in a child process, with the node options of the
 * `cli` script, and follows its peak memory (the kernel's high-water mark, read every 50 ms; it only
 * grows, so a late reading holds every earlier peak).
 */
function importInChild(
  url: string,
  file: string,
): Promise<{ seconds: number; maxRssMb: number; persons: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...cliNodeOptions(),
        path.resolve(import.meta.dirname, '../../apps/api/src/cli.ts'),
        'flux',
        'import',
        file,
        '--json',
      ],
      {
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let maxRssMb = 0;
    const poll = setInterval(() => {
      maxRssMb = Math.max(maxRssMb, peakRssMb(child.pid!) ?? 0);
    }, 50);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) return reject(new Error(`import échoué (${code}) : ${out}`));
      const report = JSON.parse(out) as {
        status: string;
        message: string;
        durationMs: number;
        persons: { created: number; updated: number; unchanged: number };
      };
      if (report.status !== 'applied') return reject(new Error(`import non appliqué : ${report.message}`));
      const persons = report.persons.created + report.persons.updated + report.persons.unchanged;
      resolve({ seconds: report.durationMs / 1000, maxRssMb, persons });
    });
  });
}

const csv = (v: unknown) => (v == null ? '\\N' : String(v).replace(/[\\\t\n\r]/g, ' '));

/**
 * The same rows with a raw COPY into the same tables (indexes, constraints and triggers included):
 * households, persons, memberships, rights periods, entry spells, France Travail registrations and
 * timeline events, as the import writes them for a first monthly file.
 */
async function copyBaseline(url: string, file: string, persons: number): Promise<number> {
  const { parseFluxXml } = await import('../../apps/api/src/modules/beneficiaries/infra/flux/xml-parser');
  const { isEntry, rightsState } = await import('../../apps/api/src/modules/beneficiaries/domain/rights');
  const tables = [
    'household',
    'person',
    'household_member',
    'rights_period',
    'entry_spell',
    'ft_registration',
    'timeline_event',
  ] as const;
  const files = Object.fromEntries(
    tables.map((t) => [t, path.join(OUT, `copy-${t}-${persons}.tsv`)]),
  ) as Record<(typeof tables)[number], string>;
  const streams = Object.fromEntries(tables.map((t) => [t, fs.createWriteStream(files[t])])) as Record<
    (typeof tables)[number],
    fs.WriteStream
  >;
  const row = (t: (typeof tables)[number], values: unknown[]) =>
    streams[t].write(`${values.map(csv).join('\t')}\n`);
  const uuid = (n: number, kind: number) =>
    `00000000-0000-4${kind.toString(16).padStart(3, '0')}-8000-${n.toString(16).padStart(12, '0')}`;
  let hn = 0;
  let pn = 0;
  let en = 0;
  const gen = parseFluxXml(fs.createReadStream(file)) as AsyncGenerator<FluxHousehold>;
  for await (const h of gen) {
    const hid = uuid(++hn, 1);
    row('household', [
      hid,
      '13',
      h.organism,
      h.organismNumber,
      h.claimNumber,
      h.matricule,
      h.address?.inseeCode,
      h.address?.postalCode,
      h.address?.communeName,
      h.rightsStatus,
      TODAY,
    ]);
    for (const p of h.members) {
      const pid = uuid(++pn, 2);
      const state = rightsState(h.rightsStatus, p.subjectToDuties);
      row('person', [
        '13',
        pid,
        p.nir,
        p.title,
        p.usualName,
        p.birthName,
        p.firstName,
        p.birthDate,
        p.birthRank,
        p.sex,
        hid,
        p.role,
        state.open,
        state.subjectToDuties,
      ]);
      row('household_member', ['13', hid, pid, p.role, TODAY]);
      row('rights_period', ['13', pid, hid, state.status, state.open, state.subjectToDuties, TODAY, 'flux']);
      row('timeline_event', [
        '13',
        pid,
        TODAY,
        'rights_change',
        JSON.stringify({ status: state.status }),
        'flux',
      ]);
      if (isEntry(null, state)) {
        const eid = ++en;
        row('entry_spell', [eid, '13', pid, TODAY, 'flux']);
        row('ft_registration', ['13', pid, eid, 'pending']);
        row('timeline_event', ['13', pid, TODAY, 'entry', '{}', 'flux']);
      }
    }
  }
  await Promise.all(tables.map((t) => new Promise((r) => streams[t].end(r))));
  const columns: Record<(typeof tables)[number], string> = {
    household:
      'id, department_code, organism, organism_number, claim_number, matricule, commune_code, postal_code, commune_name, rights_status, rights_status_since',
    person:
      'department_code, id, nir, title, usual_name, birth_name, first_name, birth_date, birth_rank, sex, household_id, household_role, rights_open, subject_to_duties',
    household_member: 'department_code, household_id, person_id, role, from_date',
    rights_period:
      'department_code, person_id, household_id, rights_status, rights_open, subject_to_duties, valid_from, source',
    entry_spell: 'id, department_code, person_id, entry_date, source',
    ft_registration: 'department_code, person_id, entry_spell_id, state',
    timeline_event: 'department_code, person_id, occurred_on, type, data, source',
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query('BEGIN');
    for (const t of tables) await client.query(`COPY ${t} (${columns[t]}) FROM '${files[t]}'`);
    await client.query('ROLLBACK');
    return (performance.now() - t0) / 1000;
  } finally {
    await client.end();
    for (const t of tables) fs.rmSync(files[t], { force: true });
  }
}

export async function benchFlux(): Promise<boolean> {
  const persons = arg('persons', 2_000_000);
  const file = await fluxFile(persons);
  const db = await freshDatabase();
  try {
    await prepareDatabase(db.url);
    const run = await importInChild(db.url, file);
    const importRate = run.persons / run.seconds;
    // The baseline gets its own fresh database with the same schema, indexes and triggers.
    const copyDb = await freshDatabase();
    let copySeconds: number;
    try {
      await prepareDatabase(copyDb.url);
      copySeconds = await copyBaseline(copyDb.url, file, persons);
    } finally {
      await copyDb.drop();
    }
    const copyRate = run.persons / copySeconds;
    process.stdout.write(
      `PostgreSQL, ${run.persons} personnes : import ${run.seconds.toFixed(1)} s (${importRate.toFixed(0)} pers./s), COPY brut ${copySeconds.toFixed(1)} s (${copyRate.toFixed(0)} pers./s)\n`,
    );
    const ratio = report('PostgreSQL', 'rapport import / COPY', importRate / copyRate, '', 0.5, 'higher');
    const rss = report('PostgreSQL', 'mémoire maximale (RSS) de l’import', run.maxRssMb, 'Mo', 300, 'lower');
    return ratio && rss;
  } finally {
    await db.drop();
  }
}

export async function benchSearch(): Promise<boolean> {
  const persons = arg('persons', 2_000_000);
  const file = await fluxFile(persons);
  const db = await freshDatabase();
  try {
    await prepareDatabase(db.url);
    const run = await importInChild(db.url, file);
    process.stdout.write(
      `import préalable : ${run.persons} personnes en ${run.seconds.toFixed(1)} s, RSS max ${run.maxRssMb.toFixed(0)} Mo (pour information)\n`,
    );
    const { createContext } = await import('../../apps/api/src/platform/context');
    const { loadConfig } = await import('../../apps/api/src/platform/config');
    const { createLogger } = await import('../../apps/api/src/platform/logger');
    const ctx = await createContext(
      loadConfig({ ...process.env, DATABASE_URL: db.url }),
      createLogger('silent'),
    );
    try {
      const sample = await sql<{
        birth_name: string;
        first_name: string;
        birth_date: string;
        nir: string | null;
      }>`
        SELECT birth_name, first_name, birth_date::text, nir FROM person TABLESAMPLE SYSTEM (1) LIMIT 400`.execute(
        ctx.db,
      );
      const actor = {
        accountId: '00000000-0000-4000-8000-000000000000',
        departmentCode: '13',
        role: 'administrator' as const,
        email: '',
        displayName: '',
        hubId: null,
        structureId: null,
        personId: null,
        sessionIdHash: '',
        csrfToken: '',
        expiresAt: new Date(),
        can: () => true,
      };
      const typo = (s: string) => (s.length > 4 ? s.slice(0, 2) + s.slice(3) : s);
      const queries = sample.rows.flatMap((r) => [
        `${r.first_name} ${typo(r.birth_name)}`,
        r.birth_name.toLowerCase(),
        `${r.birth_name} ${r.birth_date.split('-').reverse().join('/')}`,
        ...(r.nir ? [r.nir] : []),
      ]);
      for (const q of queries.slice(0, 50)) await searchPersons(ctx.db, actor as never, q, 20); // warm-up
      const timings: number[] = [];
      for (const q of queries) {
        const t0 = performance.now();
        await searchPersons(ctx.db, actor as never, q, 20);
        timings.push(performance.now() - t0);
      }
      timings.sort((a, b) => a - b);
      process.stdout.write(
        `PostgreSQL, ${persons} personnes, ${timings.length} recherches (nom avec faute, nom seul, nom + date, NIR)\n`,
      );
      const p50 = report('PostgreSQL', 'p50', percentile(timings, 50), 'ms', 50, 'lower');
      const p95 = report('PostgreSQL', 'p95', percentile(timings, 95), 'ms', 50, 'lower');
      return p50 && p95;
    } finally {
      await ctx.close();
    }
  } finally {
    await db.drop();
  }
}
