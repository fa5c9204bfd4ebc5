import { beforeAll, describe, expect, it } from 'vitest';
import { nirKey } from '../src/modules/beneficiaries/domain/nir';
import { Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';

/** Parses a Content-Security-Policy header into directive → sources. */
function directives(header: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

describe.each(engines)('security headers, OpenAPI and NIR search (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const NIR = '2880413203001';
  let personId: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    personId = await createTestPerson(app, { firstName: 'Nadia', lastName: 'Clefnir' });
    await app.ctx.db.updateTable('person').set({ nir: NIR }).where('id', '=', personId).execute();
  });

  it('sends a strict Content-Security-Policy and the other security headers on the SPA and the API', async () => {
    for (const path of ['/', '/connexion', '/api/auth/config', '/api/nope', '/health']) {
      const res = await fetch(`${app.url}${path}`);
      await res.arrayBuffer();
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('style-src'), path).toEqual(["'self'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('base-uri'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      // Plain http (no PUBLIC_URL in https): no upgrade, no HSTS.
      expect(csp.has('upgrade-insecure-requests'), path).toBe(false);
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('marks every /api answer no-store: data, errors, exports', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const anonymous = new Client(app.url);
    // Every registered GET route, called as it comes (placeholders for ids): whatever the status,
    // the answer must not be kept by a browser or a proxy.
    const gets = app.routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/'));
    expect(gets.length).toBeGreaterThan(20);
    for (const route of gets) {
      const url = route.url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace('*', 'x');
      for (const client of [admin, anonymous]) {
        const res = await client.get(url);
        expect(res.headers.get('cache-control'), `${url} → ${res.status}`).toBe('no-store');
      }
    }
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const xlsx = await advisor.bytes('/api/orientation/queue.xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('cache-control')).toBe('no-store');
    const login = await anonymous.post('/api/auth/login', { email: 'admin@parcours.test', password: 'faux' });
    expect(login.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the OpenAPI document to signed-in agents only', async () => {
    const anonymous = new Client(app.url);
    for (const path of ['/api/docs/json', '/api/docs', '/api/docs/static/index.html']) {
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    const beneficiary = await loggedIn(app, 'beneficiaire@parcours.test');
    expect((await beneficiary.get('/api/docs/json')).status).toBe(403);
    const agent = await loggedIn(app, 'aides@parcours.test');
    const doc = await agent.get('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const page = await agent.get('/api/docs');
    expect(page.status).toBe(200);
    // The viewer has its own policy, still never framed.
    expect(directives(page.headers.get('content-security-policy')).get('frame-ancestors')).toEqual([
      "'none'",
    ]);
  });

  it('refuses a NIR search to a role that may not see NIRs, in every shape', async () => {
    const key = String(nirKey(NIR)).padStart(2, '0');
    const shapes = [
      NIR,
      `${NIR}${key}`,
      '2 88 04 13 203 001',
      `2 88 04 13 203 001 ${key}`,
      `Clefnir ${NIR}`,
      // A wrong key or an unknown NIR is refused too: the answer never depends on the data.
      `${NIR}00`,
      '1990175123456',
    ];
    for (const email of ['aides@parcours.test', 'ep@parcours.test', 'medical@parcours.test']) {
      const client = await loggedIn(app, email);
      for (const q of shapes) {
        const res = await client.get(`/api/persons/search?q=${encodeURIComponent(q)}`);
        expect(res.status, `${email} ${q}`).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
        expect(res.body.error.message).toMatch(/^La recherche par NIR est réservée aux profils habilités/);
      }
      // Other searches still work for them.
      const byName = await client.get('/api/persons/search?q=Clefnir');
      expect(byName.status).toBe(200);
      expect(byName.body.items.map((p: { id: string }) => p.id)).toContain(personId);
      const byDate = await client.get('/api/persons/search?q=12/04/1988');
      expect(byDate.status).toBe(200);
    }
    for (const email of ['admin@parcours.test', 'orientation@parcours.test']) {
      const client = await loggedIn(app, email);
      for (const q of [NIR, `${NIR}${key}`, '2 88 04 13 203 001']) {
        const res = await client.get(`/api/persons/search?q=${encodeURIComponent(q)}`);
        expect(res.status, `${email} ${q}`).toBe(200);
        expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([personId]);
      }
    }
  });
});

describe('security headers behind https', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp('pglite', { publicUrl: 'https://parcours.example.fr', openapiPublic: true });
  });

  // The server itself listens in plain http behind the (https) proxy.
  const local = () => `http://127.0.0.1:${app.ctx.config.port}`;

  it('adds HSTS and upgrades insecure requests when PUBLIC_URL is https', async () => {
    const res = await fetch(`${local()}/api/auth/config`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    expect(directives(res.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(
      true,
    );
  });

  it('serves the OpenAPI document to anyone with OPENAPI_PUBLIC=true', async () => {
    expect((await new Client(local()).get('/api/docs/json')).status).toBe(200);
  });
});
