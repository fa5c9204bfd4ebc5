import { benchApp, percentile, report } from './support';

/** Latency of an authenticated API call: cookie → session → role and scope check → SQL → JSON. */
export async function benchSession(): Promise<boolean> {
  const { app, engine, close } = await benchApp();
  try {
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@parcours.test', password: 'Parcours-demo-2026' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('parcours_session='))!
      .split(';')[0]!;
    const timings: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/api/territory/hubs`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      if (i >= 100) timings.push(performance.now() - t0); // first 100 warm up
    }
    timings.sort((a, b) => a - b);
    process.stdout.write(
      `moteur : ${engine}, ${timings.length} requêtes GET /api/territory/hubs authentifiées\n`,
    );
    const p50 = report(engine, 'p50', percentile(timings, 50), 'ms', 10, 'lower');
    const p95 = report(engine, 'p95', percentile(timings, 95), 'ms', 25, 'lower');
    return p50 && p95;
  } finally {
    await close();
  }
}
