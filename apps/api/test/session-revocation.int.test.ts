import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';

/**
 * Sessions are checked from an in-process cache under load (fault 7): revocation must still bite
 * on the very next request. Each check first warms the cache with a burst of requests.
 */
describe.each(engines)('session revocation with the session cache (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Client;

  /** A request with a fixed cookie (the test client forgets a cookie the server clears). */
  const getWith = async (cookie: string, path = '/api/territory/hubs') =>
    (await fetch(`${app.url}${path}`, { headers: { cookie } })).status;
  const cookieOf = (c: Client) => {
    // biome-ignore lint/suspicious/noExplicitAny: reads the test client's private cookie jar
    const jar = (c as any).cookies as Map<string, string>;
    return `parcours_session=${jar.get('parcours_session')}`;
  };
  const warm = async (cookie: string) => {
    const statuses = await Promise.all(Array.from({ length: 20 }, () => getWith(cookie)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  };
  const account = async (email: string) => {
    const row = await app.ctx.db
      .selectFrom('account')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return (await admin.get(`/api/admin/accounts/${row.id}`)).body;
  };

  beforeAll(async () => {
    app = await startTestApp(engine);
    admin = await loggedIn(app, 'admin@parcours.test');
  });

  it('logout: the next request with the same cookie is refused', async () => {
    const agent = await loggedIn(app, 'referent@parcours.test');
    const cookie = cookieOf(agent);
    await warm(cookie);
    expect((await agent.post('/api/auth/logout')).status).toBe(204);
    expect(await getWith(cookie)).toBe(401);
  });

  it('"log out everywhere" ends the other sessions at once', async () => {
    const laptop = await loggedIn(app, 'ep@parcours.test');
    const phone = await loggedIn(app, 'ep@parcours.test');
    const other = cookieOf(phone);
    await warm(other);
    expect((await laptop.post('/api/auth/logout-all')).status).toBe(204);
    expect(await getWith(other)).toBe(401);
  });

  it('an administrator ending the sessions of an account: refused at once', async () => {
    const agent = await loggedIn(app, 'medical@parcours.test');
    const cookie = cookieOf(agent);
    await warm(cookie);
    const target = await account('medical@parcours.test');
    expect((await admin.post(`/api/admin/accounts/${target.id}/revoke-sessions`)).status).toBe(204);
    expect(await getWith(cookie)).toBe(401);
  });

  it('a disabled account: its next request is refused', async () => {
    const agent = await loggedIn(app, 'operateur@parcours.test');
    const cookie = cookieOf(agent);
    await warm(cookie);
    const a = await account('operateur@parcours.test');
    const res = await admin.put(`/api/admin/accounts/${a.id}`, {
      displayName: a.displayName,
      role: a.role,
      hubId: a.hubId,
      structureId: a.structureId,
      active: false,
      version: a.version,
    });
    expect(res.status).toBe(200);
    expect(await getWith(cookie)).toBe(401);
  });

  it('a role change applies from the next request', async () => {
    const agent = await loggedIn(app, 'aides@parcours.test');
    const cookie = cookieOf(agent);
    await warm(cookie);
    expect(await getWith(cookie, '/api/persons/search?q=DUPONT')).toBe(200);
    const a = await account('aides@parcours.test');
    const res = await admin.put(`/api/admin/accounts/${a.id}`, {
      displayName: a.displayName,
      role: 'steering',
      hubId: null,
      structureId: null,
      active: true,
      version: a.version,
    });
    expect(res.status).toBe(200);
    expect(await getWith(cookie, '/api/persons/search?q=DUPONT')).toBe(403);
  });

  it('a session revoked in the database by another process is refused within the cache bound', async () => {
    const agent = await loggedIn(app, 'orientation@parcours.test');
    const cookie = cookieOf(agent);
    await warm(cookie);
    const accountId = (await account('orientation@parcours.test')).id;
    await app.ctx.db
      .updateTable('session')
      .set({ revoked_at: new Date() })
      .where('account_id', '=', accountId)
      .execute();
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await getWith(cookie)).toBe(401);
  });
});
