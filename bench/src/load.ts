import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { fileBatchStats } from '../../apps/api/src/modules/beneficiaries/application/person-file';
import { benchApp, report } from './support';

const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
/**
 * Seconds of the same load before each measure, not counted (autocannon's warm-up): a freshly
 * started server compiles its hot code and its connections plan the prepared statements in its
 * first second, which is not the steady state the targets are about. 0 measures from the start.
 */
const WARMUP = Number(process.env.BENCH_LOAD_WARMUP ?? 3);

interface LoadFigures {
  /**
   * CPU time per answered request (µs), warm-up included: this process (the server) and its
   * PostgreSQL backends.
   */
  nodeCpuUs?: number;
  pgCpuUs?: number | null;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Requests answered, and answered with success, warm-up included. */
  answered: number;
  okAll: number;
}

/**
 * Load under many concurrent connections: a bare Fastify route, a session-only route and an audited
 * person-file read. autocannon runs in a child process so the load generator does not share the
 * server's event loop (they still share the machine's cores).
 */
export async function benchLoad(): Promise<boolean> {
  // The targets are for PostgreSQL: default to the local server (a throw-away database is made),
  // through its Unix socket when there is one, as the README advises for a server on the same host.
  process.env.DATABASE_URL ??= fs.existsSync('/var/run/postgresql/.s.PGSQL.5432')
    ? 'postgres://postgres@localhost/postgres?host=/var/run/postgresql'
    : 'postgres://postgres@127.0.0.1:5432/postgres';
  const { app, engine, close } = await benchApp();
  try {
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@parcours.test', password: 'Parcours-demo-2026' }),
    });
    if (login.status !== 200) throw new Error(`login: status ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('parcours_session='))!
      .split(';')[0]!;
    // The files of every demo person in turn, as agents read them (not one file over and over).
    const persons = await app.ctx.db.selectFrom('person').select('id').orderBy('id').execute();
    const auditBefore = await countReads(app);

    process.stdout.write(
      `moteur : ${engine}, ${CONNECTIONS} connexions, ${SECONDS} s par mesure après ${WARMUP} s de mise en route, ` +
        'autocannon dans un processus fils\n',
    );
    const targets = [
      { label: 'route Fastify nue (GET /health)', paths: ['/health'], cookie: undefined },
      { label: 'session seule (GET /api/territory/hubs)', paths: ['/api/territory/hubs'], cookie },
      {
        label: `dossier audité (GET /api/persons/:id, ${persons.length} dossiers tour à tour)`,
        paths: persons.map((p) => `/api/persons/${p.id}`),
        cookie,
      },
    ];
    // BENCH_LOAD_ONLY=file measures the person file alone (profiling, repeated runs).
    const chosen = process.env.BENCH_LOAD_ONLY === 'file' ? targets.slice(2) : targets;
    const results: LoadFigures[] = [];
    for (const t of chosen) {
      const cpu0 = process.cpuUsage();
      const pg0 = await backendTicks(app);
      const r = await autocannon(app.url, t.paths, t.cookie);
      const cpu = process.cpuUsage(cpu0);
      const pg1 = await backendTicks(app);
      const answered = Math.max(1, r.answered);
      r.nodeCpuUs = (cpu.user + cpu.system) / answered;
      r.pgCpuUs = pg0 && pg1 ? (ticksBetween(pg0, pg1) * TICK_US) / answered : null;
      results.push(r);
      process.stdout.write(
        `${t.label} : ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms` +
          `${r.non2xx || r.errors ? ` (non-2xx ${r.non2xx}, erreurs ${r.errors})` : ''}` +
          `; CPU par requête : Node ${Math.round(r.nodeCpuUs)} µs` +
          `${r.pgCpuUs === null ? '' : `, PostgreSQL ${Math.round(r.pgCpuUs)} µs`}\n`,
      );
    }
    const file = results[results.length - 1]!;
    // Every successful read (warm-up included) must have left its trace before its answer.
    const audited = (await countReads(app)) - auditBefore;
    const answered = file.okAll;
    process.stdout.write(`traces person.read écrites pendant la mesure : ${audited}\n`);
    process.stdout.write(
      `lectures de dossier par requête SQL (lots du même périmètre) : ${(fileBatchStats.readings / Math.max(1, fileBatchStats.statements)).toFixed(1)}\n`,
    );
    const rps = report(engine, 'dossier, débit', file.rps, 'req/s', 1500, 'higher');
    const p99 = report(engine, 'dossier, p99', file.p99, 'ms', 100, 'lower');
    const clean = file.non2xx === 0 && file.errors === 0 && audited >= answered;
    if (!clean) process.stdout.write('erreurs pendant la mesure ou lectures non tracées\n');
    return rps && p99 && clean;
  } finally {
    await close();
  }
}

/**
 * CPU ticks (user + system) of the PostgreSQL backends serving this database, read from /proc when
 * the server runs on this machine: with other work on the machine, CPU time per request says more
 * than throughput. null when PostgreSQL is elsewhere.
 */
const TICK_US = 10_000; // USER_HZ = 100 on Linux
async function backendTicks(app: Awaited<ReturnType<typeof benchApp>>['app']) {
  const { rows } = await sql<{ pid: number }>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(app.ctx.db);
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      return null;
    }
  }
  return ticks;
}
function ticksBetween(a: Map<number, number>, b: Map<number, number>) {
  let total = 0;
  for (const [pid, t] of b) total += t - (a.get(pid) ?? 0);
  return total;
}

async function countReads(app: Awaited<ReturnType<typeof benchApp>>['app']) {
  const row = await app.ctx.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'person.read')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function autocannon(base: string, paths: string[], cookie: string | undefined): Promise<LoadFigures> {
  const client = path.join(import.meta.dirname, 'load-client.ts');
  const options = { base, paths, cookie, connections: CONNECTIONS, seconds: SECONDS, warmup: WARMUP };
  return new Promise((resolve, reject) => {
    // The options on stdin: the paths of thousands of files would pass one argument's size limit.
    const child = spawn(process.execPath, ['--import', 'tsx', client], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(JSON.stringify(options));
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const { warmup, main: r } = JSON.parse(out) as { warmup: ClientRun | null; main: ClientRun };
        const runs = warmup ? [warmup, r] : [r];
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
          answered: runs.reduce((n, run) => n + run['2xx'] + run.non2xx, 0),
          okAll: runs.reduce((n, run) => n + run['2xx'], 0),
        });
      } catch {
        reject(new Error(`autocannon a échoué (code ${code}) ${err.slice(0, 500)}`));
      }
    });
  });
}

interface ClientRun {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
