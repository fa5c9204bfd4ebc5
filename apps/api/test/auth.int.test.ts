import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/platform/auth/tokens';
import { loadConfig } from '../src/platform/config';
import { Client, engines, loggedIn, startTestApp } from './support/harness';
import { mailText } from './support/messaging-fixtures';

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

/**
 * A client whose connections leave from another loopback address (127.0.0.2…): the server sees
 * another source address, as from another computer.
 */
function fromAddress(baseUrl: string, localAddress: string) {
  const url = new URL(baseUrl);
  return {
    login(email: string, password = 'Parcours-demo-2026') {
      const payload = JSON.stringify({ email, password });
      const started = performance.now();
      // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected freely
      return new Promise<{ status: number; body: any; ms: number }>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: '/api/auth/login',
            method: 'POST',
            localAddress,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
                ms: performance.now() - started,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
  };
}

const withoutRequestId = (body: { error: Record<string, unknown> }) => {
  const { requestId: _, ...error } = body.error;
  return { error };
};

describe.each(engines)('authentication (%s)', (engine) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startTestApp(engine, {
      smtpUrl: smtp.url,
      loginThrottleAfter: 3,
      loginThrottleMaxDelaySeconds: 2,
    });
  });
  afterAll(() => smtp.close());

  /**
   * The delay the server imposed on each login attempt from an address, as traced in the audit
   * (wall-clock times vary with the machine's load; the delay decided does not).
   */
  const delaysFrom = async (ip: string) =>
    (
      await app.ctx.db
        .selectFrom('audit_event')
        .select('details')
        .where('ip', '=', ip)
        .where('action', 'in', ['auth.login_failed', 'auth.login'])
        .orderBy('seq')
        .execute()
    ).map((r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details)?.delayMs);

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

  it('never locks an account: five wrong passwords from one address, the owner logs in at once from another', async () => {
    const attacker = fromAddress(app.url, '127.0.0.2');
    for (let i = 0; i < 5; i++) {
      const res = await attacker.login('aides@parcours.test', `faux-${i}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    const owner = fromAddress(app.url, '127.0.0.3');
    const res = await owner.login('aides@parcours.test');
    expect(res.status).toBe(200);
    // No delay at all for the owner, the attacker's failures only slow the attacker.
    expect(await delaysFrom('127.0.0.3')).toEqual([0]);
    // Even from the attacker's address the right password still works, only later.
    const slow = await attacker.login('aides@parcours.test');
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(1900);
    expect(await delaysFrom('127.0.0.2')).toEqual([0, 0, 0, 1000, 2000, 2000]);
    // Nothing left to unlock.
    const admin = await loggedIn(app, 'admin@parcours.test');
    const list = await admin.get('/api/admin/accounts?q=aides');
    expect(list.body.items[0].lockedUntil).toBeNull();
  });

  it('answers an unknown account, a wrong password and a throttled attempt identically, with the same delays', async () => {
    const known = fromAddress(app.url, '127.0.0.4');
    const unknown = fromAddress(app.url, '127.0.0.5');
    const answers: { status: number; body: unknown; ms: number }[][] = [[], []];
    for (let i = 0; i < 5; i++) {
      for (const [k, [client, email]] of (
        [
          [known, 'ep@parcours.test'],
          [unknown, 'personne-inconnue@parcours.test'],
        ] as const
      ).entries()) {
        const res = await client.login(email, `mauvais-${i}`);
        answers[k]!.push({ status: res.status, body: withoutRequestId(res.body), ms: res.ms });
      }
    }
    const [a, b] = answers as [(typeof answers)[0], (typeof answers)[0]];
    expect(a.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(a.map((r) => r.body)).toEqual(b.map((r) => r.body));
    expect(a[0]!.body).toEqual({
      error: { code: 'INVALID_CREDENTIALS', message: 'Adresse e-mail ou mot de passe incorrect.' },
    });
    // Attempts 4 and 5 (allowance 3) are delayed 1 s then 2 s, for the account and the unknown e-mail alike.
    for (const [ip, rows] of [
      ['127.0.0.4', a],
      ['127.0.0.5', b],
    ] as const) {
      expect(await delaysFrom(ip)).toEqual([0, 0, 0, 1000, 2000]);
      expect(rows[3]!.ms).toBeGreaterThanOrEqual(950);
      expect(rows[4]!.ms).toBeGreaterThanOrEqual(1950);
    }
    // Each failure is still traced; no account was locked.
    const failures = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('ip', '=', '127.0.0.5')
      .execute();
    expect(failures.map((f) => f.action)).toEqual(Array(5).fill('auth.login_failed'));
  });

  it('tells the owner by e-mail of repeated failures, once per window, and never an unknown e-mail', async () => {
    // The two tests above left 5 failures on aides@ and 5 on ep@; more only add to the same window.
    await fromAddress(app.url, '127.0.0.6').login('ep@parcours.test', 'encore-faux');
    await app.ctx.jobs.drain();
    const alerts = () => smtp.received.filter((m) => /tentatives de connexion/.test(mailText(m.raw)));
    const recipients = () => alerts().map((m) => m.to.join(','));
    expect(recipients().sort()).toEqual(['aides@parcours.test', 'ep@parcours.test']);
    const text = mailText(alerts().find((m) => m.to[0] === 'ep@parcours.test')!.raw);
    expect(text).toMatch(
      /6 tentatives de connexion à votre compte Parcours \(ep@parcours\.test\) ont échoué/,
    );
    expect(text).toMatch(/depuis 2 adresses réseau/);
    expect(text).toMatch(/Votre compte n'est pas bloqué/);
    // A later window tells the owner again.
    await app.ctx.db
      .updateTable('login_failure_notice')
      .set({ notified_at: new Date(Date.now() - 16 * 60_000) })
      .execute();
    await fromAddress(app.url, '127.0.0.6').login('ep@parcours.test', 'toujours-faux');
    await app.ctx.jobs.drain();
    expect(recipients().sort()).toEqual(['aides@parcours.test', 'ep@parcours.test', 'ep@parcours.test']);
    // An administrator can lift the slowdown: the address that failed five times logs in at once.
    const admin = await loggedIn(app, 'admin@parcours.test');
    const account = (await admin.get('/api/admin/accounts?q=ep%40parcours')).body.items[0];
    expect((await admin.post(`/api/admin/accounts/${account.id}/unlock`)).status).toBe(200);
    const after = await fromAddress(app.url, '127.0.0.4').login('ep@parcours.test');
    expect(after.status).toBe(200);
    expect((await delaysFrom('127.0.0.4')).at(-1)).toBe(0);
  });

  it('slows an address that tries many e-mails, whatever they are', async () => {
    const sprayer = fromAddress(app.url, '127.0.0.7');
    // Allowance 3 → the address is slowed after 12 failures, any e-mail.
    for (let i = 0; i < 12; i++) await sprayer.login(`essai-${i}@parcours.test`, 'x');
    const res = await sprayer.login('pilotage@parcours.test', 'faux');
    expect(res.status).toBe(401);
    expect(res.ms).toBeGreaterThanOrEqual(950);
    expect(await delaysFrom('127.0.0.7')).toEqual([...Array(12).fill(0), 1000]);
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
    const sent = smtp.received.length;
    const req = await anonymous.post('/api/auth/password-reset/request', { email: 'medical@parcours.test' });
    expect(req.status).toBe(202);
    // Unknown e-mails get the same answer and no mail.
    const unknown = await anonymous.post('/api/auth/password-reset/request', {
      email: 'inconnu@parcours.test',
    });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(req.body);
    // Nothing is sent inside the request: the job sends it.
    expect(smtp.received).toHaveLength(sent);
    await app.ctx.jobs.drain();
    expect(smtp.received).toHaveLength(sent + 1);
    const mail = smtp.received[sent]!;
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

describe('client address behind a reverse proxy', () => {
  const failedFrom = async (app: Awaited<ReturnType<typeof startTestApp>>, forwardedFor: string) => {
    const client = new Client(`http://127.0.0.1:${app.ctx.config.port}`);
    const res = await client.request(
      'POST',
      '/api/auth/login',
      { email: 'admin@parcours.test', password: 'faux' },
      { 'x-forwarded-for': forwardedFor },
    );
    expect(res.status).toBe(401);
    const rows = await app.ctx.db.selectFrom('login_failure').select('ip').execute();
    return rows.map((r) => r.ip);
  };

  it('believes X-Forwarded-For from its own proxy only, never an address the client wrote', async () => {
    // The proxy (here on loopback, a private address) appends the client's address to what the client sent.
    const proxied = await startTestApp('pglite', {
      publicUrl: 'https://parcours.example.fr',
      trustedProxies: loadConfig({ PUBLIC_URL: 'https://parcours.example.fr' }).trustedProxies,
    });
    expect(await failedFrom(proxied, '198.51.100.7, 203.0.113.9')).toEqual(['203.0.113.9']);
    // A server reached directly (its proxy elsewhere): the header is the client's own words.
    const direct = await startTestApp('pglite', {
      publicUrl: 'https://parcours.example.fr',
      trustedProxies: '10.9.9.9',
    });
    expect(await failedFrom(direct, '203.0.113.9')).toEqual(['127.0.0.1']);
  });
});
