import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type RunningApp, startApp } from '../../apps/api/src/app';

/** The app on PostgreSQL when DATABASE_URL is set (in a throw-away database), else embedded PGlite. */
export async function benchApp(): Promise<{ app: RunningApp; engine: string; close(): Promise<void> }> {
  let url = '';
  let drop = async () => {};
  if (process.env.DATABASE_URL) {
    const name = `parcours_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const app = await startApp(
    {
      port: 0,
      dataDir: 'memory://',
      demo: true,
      jobsEnabled: false,
      logLevel: 'silent',
      loginRateLimitPerMinute: 100_000,
    },
    { ...process.env, DATABASE_URL: url },
  );
  return {
    app,
    engine: url ? 'PostgreSQL' : 'PGlite',
    async close() {
      await app.close();
      await drop();
    },
  };
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Targets are production targets, on PostgreSQL. On the embedded PGlite (demo, laptops) the figure
 * is printed for information and does not fail the run.
 */
export function report(
  engine: string,
  label: string,
  value: number,
  unit: string,
  target: number,
  better: 'lower' | 'higher',
) {
  const met = better === 'lower' ? value <= target : value >= target;
  const cmp = better === 'lower' ? '≤' : '≥';
  const verdict =
    engine === 'PostgreSQL'
      ? met
        ? 'ATTEINTE'
        : 'NON ATTEINTE'
      : `${met ? 'atteinte' : 'non atteinte'} (indicatif : la cible vaut pour PostgreSQL)`;
  process.stdout.write(
    `${label}: ${value.toFixed(value < 10 ? 2 : 1)} ${unit} (cible ${cmp} ${target} ${unit}) ${verdict}\n`,
  );
  return met || engine !== 'PostgreSQL';
}
