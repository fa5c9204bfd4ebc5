import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/platform/auth/tokens';
import { Client, engines, loggedIn, startTestApp } from './support/harness';

/** A real SMTP server that keeps what it receives. */
async function startSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(engines)('authentication (%s)', (engine) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startTestApp(engine, { smtpUrl: smtp.url, loginMaxAttempts: 3 });
  });
  afterAll(() => smtp.close());

  it('logs in with the right password and returns the actor with its scope', async () => {
    const client = new Client(app.url);
    const res = await client.login('orientation@parcours.test');
    expect(res.status).toBe(200);
    expect(res.body.actor.role).toBe('orientation_advisor');
    expect(res.body.actor.hubName).toBe('Marseille 2/3');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('parcours_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await client.get('/api/auth/session')).status).toBe(200);
  });

  it('refuses a wrong password with a French message and no session', async () => {
    const client = new Client(app.url);
    const res = await client.login('referent@parcours.test', 'mauvais-mot-de-passe');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'Adresse e-mail ou mot de passe incorrect.',
    });
    expect((await client.get('/api/auth/session')).status).toBe(401);
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const res = await new Client(app.url).login('personne@parcours.test', 'peu-importe');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after repeated failures, even for the right password, until an admin unlocks it', async () => {
    const client = new Client(app.url);
    for (let i = 0; i < 3; i++) expect((await client.login('aides@parcours.test', 'faux')).status).toBe(401);
    const locked = await client.login('aides@parcours.test');
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');

    const admin = await loggedIn(app, 'admin@parcours.test');
    const list = await admin.get('/api/admin/accounts?q=aides');
    const account = list.body.items.find((a: { email: string }) => a.email === 'aides@parcours.test');
    expect(account.lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/admin/accounts/${account.id}/unlock`)).status).toBe(200);
    expect((await client.login('aides@parcours.test')).status).toBe(200);
  });

  it('rejects an invalid payload with field messages in French', async () => {
    const res = await new Client(app.url).post('/api/auth/login', { email: 'pas-un-email', password: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('email');
    expect(res.body.error.fields.find((f: { path: string }) => f.path === 'email').message).toBe(
      'Adresse e-mail invalide.',
    );
  });

  it('demands the CSRF token on state-changing requests', async () => {
    const client = await loggedIn(app, 'admin@parcours.test');
    const token = client.csrf;
    client.csrf = undefined;
    const res = await client.post('/api/auth/logout');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
    client.csrf = 'wrong';
    expect((await client.post('/api/auth/logout')).status).toBe(403);
    client.csrf = token;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/session')).status).toBe(401);
  });

  it('refuses a login posted from another origin', async () => {
    const res = await new Client(app.url).request(
      'POST',
      '/api/auth/login',
      { email: 'admin@parcours.test', password: 'Parcours-demo-2026' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = await loggedIn(app, 'pilotage@parcours.test');
    const absolute = await loggedIn(app, 'pilotage@parcours.test');
    const sessions = await app.ctx.db
      .selectFrom('session as s')
      .innerJoin('account as a', 'a.id', 's.account_id')
      .select('s.id_hash')
      .where('a.email', '=', 'pilotage@parcours.test')
      .where('s.revoked_at', 'is', null)
      .orderBy('s.created_at')
      .execute();
    expect(sessions).toHaveLength(2);
    await app.ctx.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('id_hash', '=', sessions[0]!.id_hash)
      .execute();
    await app.ctx.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id_hash', '=', sessions[1]!.id_hash)
      .execute();
    expect((await idle.get('/api/auth/session')).status).toBe(401);
    expect((await absolute.get('/api/auth/session')).status).toBe(401);
  });

  it('logs out everywhere', async () => {
    const a = await loggedIn(app, 'ep@parcours.test');
    const b = await loggedIn(app, 'ep@parcours.test');
    expect((await a.post('/api/auth/logout-all')).status).toBe(204);
    expect((await a.get('/api/auth/session')).status).toBe(401);
    expect((await b.get('/api/auth/session')).status).toBe(401);
  });

  it('resets a password through an e-mail sent over SMTP, once, and ends old sessions', async () => {
    const old = await loggedIn(app, 'medical@parcours.test');
    const anonymous = new Client(app.url);
    const req = await anonymous.post('/api/auth/password-reset/request', { email: 'medical@parcours.test' });
    expect(req.status).toBe(202);
    // Unknown e-mails get the same answer and no mail.
    expect(
      (await anonymous.post('/api/auth/password-reset/request', { email: 'inconnu@parcours.test' })).status,
    ).toBe(202);
    // Nothing is sent inside the request: the job sends it.
    expect(smtp.received).toHaveLength(0);
    await app.ctx.jobs.drain();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['medical@parcours.test']);
    const raw = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const token = /token=([A-Za-z0-9_-]+)/.exec(raw)?.[1];
    expect(token).toBeDefined();
    // Only the hash is stored.
    const stored = await app.ctx.db.selectFrom('password_reset_token').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).toContain(hashToken(token!));

    const weak = await anonymous.post('/api/auth/password-reset/confirm', { token, password: 'court' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].message).toBe('Le mot de passe doit contenir au moins 12 caractères.');

    const ok = await anonymous.post('/api/auth/password-reset/confirm', {
      token,
      password: 'Un-nouveau-mot-de-passe-1',
    });
    expect(ok.status).toBe(204);
    const again = await anonymous.post('/api/auth/password-reset/confirm', {
      token,
      password: 'Encore-un-autre-mdp-2',
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('INVALID_TOKEN');

    expect((await old.get('/api/auth/session')).status).toBe(401);
    expect((await new Client(app.url).login('medical@parcours.test')).status).toBe(401);
    expect(
      (await new Client(app.url).login('medical@parcours.test', 'Un-nouveau-mot-de-passe-1')).status,
    ).toBe(200);
  });

  it('changes the password of the logged-in agent after checking the current one', async () => {
    const client = await loggedIn(app, 'operateur@parcours.test');
    const wrong = await client.post('/api/auth/password/change', {
      currentPassword: 'faux',
      newPassword: 'Nouveau-mot-de-passe-3',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].path).toBe('currentPassword');
    const ok = await client.post('/api/auth/password/change', {
      currentPassword: 'Parcours-demo-2026',
      newPassword: 'Nouveau-mot-de-passe-3',
    });
    expect(ok.status).toBe(204);
    expect(
      (await new Client(app.url).login('operateur@parcours.test', 'Nouveau-mot-de-passe-3')).status,
    ).toBe(200);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const referent = await loggedIn(app, 'referent@parcours.test');
    const admin = await loggedIn(app, 'admin@parcours.test');
    const account = (await admin.get('/api/admin/accounts?q=referent')).body.items[0];
    const res = await admin.put(`/api/admin/accounts/${account.id}`, {
      displayName: account.displayName,
      role: account.role,
      hubId: account.hubId,
      structureId: account.structureId,
      active: false,
      version: account.version,
    });
    expect(res.status).toBe(200);
    expect((await referent.get('/api/auth/session')).status).toBe(401);
    const login = await new Client(app.url).login('referent@parcours.test');
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('login rate limit', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp('pglite', { loginRateLimitPerMinute: 3 });
  });
  it('answers 429 in French past the limit', async () => {
    const client = new Client(app.url);
    for (let i = 0; i < 3; i++) await client.login('admin@parcours.test', 'faux');
    const res = await client.login('admin@parcours.test');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
  });
});
