import { randomBytes } from 'node:crypto';
import {
  type ApiError,
  type BodyOf,
  hasPermission,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  type Role,
  type RouteDef,
  urlOf,
} from '@parcours/contracts';
import pg from 'pg';
import { afterAll } from 'vitest';
import { type RunningApp, startApp } from '../../src/app';
import { demoAccounts } from '../../src/demo/load-demo';
import type { RequestActor } from '../../src/platform/auth/sessions';
import type { Config } from '../../src/platform/config';
import type { Engine } from '../../src/platform/db/database';
import { migratedPgliteSnapshot } from './pglite-snapshot';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const engines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A dedicated PostgreSQL database for one test file, dropped at the end. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set');
  const name = `parcours_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Starts the real server on a free port with its own database; stopped after the file. */
export async function startTestApp(engine: Engine, overrides: Partial<Config> = {}): Promise<RunningApp> {
  const pgdb = engine === 'postgres' ? await createPostgresDatabase() : undefined;
  const env = { ...process.env, DATABASE_URL: pgdb?.url ?? '' };
  const pgliteSnapshot = engine === 'pglite' ? await migratedPgliteSnapshot() : undefined;
  const app = await startApp(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: 'memory://',
      pgliteSnapshot,
      demo: true,
      demoPersons: 0,
      jobsEnabled: false,
      logLevel: 'silent',
      loginRateLimitPerMinute: 1000,
      ...overrides,
    },
    env,
  );
  const close = app.close;
  let closing: Promise<void> | undefined;
  // Once, whoever asks first (a test that stops it itself, then the file's end).
  app.close = () => {
    closing ??= close().then(() => pgdb?.drop());
    return closing;
  };
  started.push(app);
  return app;
}

const started: RunningApp[] = [];
// Registered as the test file imports this module (collection): a hook registered from inside a
// beforeAll, where the apps are started, is never run — the apps were left running and their
// PostgreSQL databases were never dropped (one left per file and run).
afterAll(async () => {
  for (const app of started.splice(0).reverse()) await app.close();
});

/** A browser-like HTTP client: keeps cookies, sends the CSRF token after login. */
export class Client {
  private cookies = new Map<string, string>();
  csrf: string | undefined;
  constructor(readonly baseUrl: string) {}

  /** Sends raw bytes (file uploads) with the given content type. */
  upload(path: string, data: string | Buffer, contentType: string) {
    return this.request('POST', path, undefined, { 'content-type': contentType }, data);
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    raw?: string | Buffer,
  ) {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: h,
      // Buffers are valid fetch bodies in Node; the DOM typings some dependencies pull in disagree.
      body: (raw ?? (body === undefined ? undefined : JSON.stringify(body))) as BodyInit | undefined,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      const value = v.join('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k!);
      else this.cookies.set(k!, value);
    }
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected freely
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json, text, headers: res.headers };
  }
  get(path: string) {
    return this.request('GET', path);
  }
  /**
   * Calls a route declared in `@parcours/contracts`: path and method from the definition, the
   * answer typed by its success schema (`error` holds the API error of a refusal).
   */
  async call<D extends RouteDef>(
    def: D,
    input: { params?: ParamsOf<D>; query?: QueryOf<D>; body?: BodyOf<D> } = {},
  ): Promise<{ status: number; body: ResponseOf<D>; error: ApiError['error'] | undefined; text: string }> {
    const url = urlOf(
      def,
      input.params as Record<string, unknown> | undefined,
      input.query as Record<string, unknown> | undefined,
    );
    const res = await this.request(def.method, url, input.body);
    return { status: res.status, body: res.body, error: res.body?.error, text: res.text };
  }
  /** A binary download (PDF, XLSX) with the session cookies. */
  async bytes(path: string) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${this.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body);
  }
  put(path: string, body?: unknown) {
    return this.request('PUT', path, body);
  }
  async login(email: string, password = 'Parcours-demo-2026') {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}

export async function loggedIn(app: RunningApp, email: string) {
  const client = new Client(app.url);
  const res = await client.login(email);
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
  return client;
}

/** The demo account of each role: the agents' list, and the beneficiary loaded with the persons. */
export const demoAccountOf = {
  ...Object.fromEntries(demoAccounts.map((a) => [a.role, a.email])),
  beneficiary: 'beneficiaire@parcours.test',
} as Record<Role, string>;

/** A demo account as the actor of a use case called directly (no HTTP session). */
export async function actorOf(app: RunningApp, email: string): Promise<RequestActor> {
  const account = await app.ctx.db
    .selectFrom('account')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const role = account.role as Role;
  return {
    accountId: account.id,
    departmentCode: account.department_code,
    role,
    email: account.email,
    displayName: account.display_name,
    hubId: account.hub_id,
    structureId: account.structure_id,
    personId: null,
    sessionIdHash: '',
    csrfToken: '',
    expiresAt: new Date(Date.now() + 3_600_000),
    can: (p) => hasPermission(role, p),
  };
}
