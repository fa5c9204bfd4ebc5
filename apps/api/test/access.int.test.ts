import { allRoutes, hasPermission, roles } from '@parcours/contracts';
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../src/demo/load-demo';
import { installAccessControl } from '../src/platform/http/access';
import { Client, demoAccountOf, engines, loggedIn, startTestApp } from './support/harness';

/** Public routes are an explicit, reviewed list: adding one means changing this test. */
const PUBLIC_ROUTES = new Set([
  'GET /health',
  'GET /ready',
  'GET /api/auth/config',
  'POST /api/auth/login',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/password-reset/confirm',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
  'POST /api/messaging/callbacks/sms',
  // The beneficiary's passwordless sign-in (issue 11): neutral answers, single-use secrets.
  'POST /api/space/auth/link',
  'POST /api/space/auth/link/confirm',
  'POST /api/space/auth/code',
  'POST /api/space/auth/code/confirm',
  'GET /api/flux/progress/:token',
  // A party signs a PMSMP convention through the e-mailed single-use link (issue 12): no account.
  'POST /api/public/immersion-signature',
  'POST /api/public/immersion-signature/sign',
  // Open data of the catalogue (issue 12): data·inclusion arrays, no personal data.
  'GET /api/open-data/data-inclusion/structures.json',
  'GET /api/open-data/data-inclusion/services.json',
  'GET /*',
]);

const sample = (url: string) =>
  url.replace(':id', '00000000-0000-4000-8000-00000000abcd').replace(':inseeCode', '13201').replace('*', 'x');

const accountOf = demoAccountOf;

describe('a route cannot be declared without its rule', () => {
  it('throws at declaration', async () => {
    const app = Fastify();
    // biome-ignore lint/suspicious/noExplicitAny: the context is not used by the onRoute check
    installAccessControl(app, {} as any, { person: async () => {} });
    expect(() => app.get('/api/oubli', async () => 'x')).toThrow(/without an access rule/);
  });
});

describe.each(engines)('authorization (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('has a rule on every registered route, and only the listed public ones', () => {
    const routes = app.routes.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of app.routes) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
    const publicOnes = routes
      .filter((r) => r.access && 'public' in r.access)
      .map((r) => `${r.method} ${r.url}`);
    expect(new Set(publicOnes)).toEqual(PUBLIC_ROUTES);
  });

  it('registers exactly the routes declared in @parcours/contracts, with their declared rule', () => {
    const registered = app.routes.filter(
      (r) => r.method !== 'HEAD' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'),
    );
    const key = (r: { method: string; url?: string; path?: string }) => `${r.method} ${r.url ?? r.path}`;
    const declared = new Map(allRoutes.map((d) => [key(d), d]));
    expect(registered.map(key).filter((k) => !declared.has(k))).toEqual([]);
    expect([...declared.keys()].filter((k) => !registered.some((r) => key(r) === k))).toEqual([]);
    for (const route of registered) {
      const d = declared.get(key(route))!;
      const rule = 'public' in d.access ? { public: true, reason: d.access.public } : d.access;
      expect(route.access, key(route)).toEqual(rule);
    }
  });

  it('answers 401 on every protected route without a session', async () => {
    const anonymous = new Client(app.url);
    const protectedRoutes = app.routes.filter(
      (r) => r.access && !('public' in r.access) && r.method !== 'HEAD',
    );
    for (const route of protectedRoutes) {
      const res = await anonymous.request(
        route.method,
        sample(route.url),
        route.method === 'GET' ? undefined : {},
      );
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('gives every role exactly the routes its permissions allow', async () => {
    const protectedGets = app.routes.filter(
      (r) =>
        r.method === 'GET' &&
        r.access &&
        'permission' in r.access &&
        !r.url.includes(':') &&
        !r.url.includes('*'),
    );
    for (const role of roles) {
      const client = await loggedIn(app, accountOf[role]);
      for (const route of protectedGets) {
        const access = route.access as { permission: Parameters<typeof hasPermission>[1] };
        const res = await client.get(route.url);
        // Allowed: past authorization (200, or 400 when the route needs parameters). Else 403.
        // The OpenAPI viewer redirects its static entry page (302) once past authorization.
        const allowed = route.url.startsWith('/api/docs') ? [200, 302, 400] : [200, 400];
        if (hasPermission(role, access.permission))
          expect(allowed, `${role} GET ${route.url}`).toContain(res.status);
        else expect(res.status, `${role} GET ${route.url}`).toBe(403);
      }
    }
  });

  it('records refused accesses in the audit trail', async () => {
    const client = await loggedIn(app, 'pilotage@parcours.test');
    const res = await client.get('/api/admin/accounts');
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN' });
    const denied = await app.ctx.db
      .selectFrom('audit_event as e')
      .innerJoin('account as a', 'a.id', 'e.actor_account_id')
      .select(['e.action', 'e.target_id'])
      .where('a.email', '=', 'pilotage@parcours.test')
      .where('e.action', '=', 'access.denied')
      .execute();
    expect(denied.map((d) => d.target_id)).toContain('GET /api/admin/accounts');
  });

  it('answers 404 in JSON for an unknown API route, and serves the web app elsewhere', async () => {
    const res = await new Client(app.url).get('/api/inexistant');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const page = await new Client(app.url).get('/administration/comptes');
    expect(page.status).toBe(200);
  });

  it('keeps one account per role in the demo, each with the scope its role needs', async () => {
    const rows = await app.ctx.db
      .selectFrom('account')
      .select(['email', 'role', 'hub_id', 'structure_id', 'person_id'])
      .execute();
    const byRole = new Map(rows.map((r) => [r.role, r]));
    for (const role of roles) expect(byRole.has(role), role).toBe(true);
    expect(byRole.get('orientation_advisor')!.hub_id).not.toBeNull();
    expect(byRole.get('referent')!.structure_id).not.toBeNull();
    expect(byRole.get('operator')!.structure_id).not.toBeNull();
    expect(demoAccounts.length).toBe(roles.length - 1);
  });

  it('lets an administrator create accounts only with a coherent scope', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const noHub = await admin.post('/api/admin/accounts', {
      email: 'nouvelle.conseillere@parcours.test',
      displayName: 'Nouvelle Conseillère',
      role: 'orientation_advisor',
      hubId: null,
      structureId: null,
      password: null,
    });
    expect(noHub.status).toBe(400);
    expect(noHub.body.error.fields[0]).toMatchObject({ path: 'hubId' });
    const hubs = (await admin.get('/api/territory/hubs')).body.items;
    const created = await admin.post('/api/admin/accounts', {
      email: 'Nouvelle.Conseillere@parcours.test',
      displayName: 'Nouvelle Conseillère',
      role: 'orientation_advisor',
      hubId: hubs[0].id,
      structureId: null,
      password: 'Un-mot-de-passe-solide',
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('nouvelle.conseillere@parcours.test');
    const dup = await admin.post('/api/admin/accounts', {
      ...created.body,
      password: null,
      hubId: hubs[0].id,
      structureId: null,
    });
    expect(dup.status).toBe(409);
    const login = await new Client(app.url).login(
      'nouvelle.conseillere@parcours.test',
      'Un-mot-de-passe-solide',
    );
    expect(login.status).toBe(200);
    expect(login.body.actor.hubId).toBe(hubs[0].id);

    const stale = await admin.put(`/api/admin/accounts/${created.body.id}`, {
      displayName: 'Renommée',
      role: 'orientation_advisor',
      hubId: hubs[0].id,
      structureId: null,
      active: true,
      version: created.body.version + 5,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
  });
});
