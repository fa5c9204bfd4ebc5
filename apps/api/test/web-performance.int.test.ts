import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, startTestApp } from './support/harness';

/**
 * Weight of the first page (README, Performances). The web is built by `npm test` before this file
 * runs; sizes are the bytes the server really sends with `accept-encoding: gzip`.
 */
const KB = 1000;
// The sign-in pages are their own light page (connexion.html: React and the pages, no router,
// query cache nor schema); the application's entry is what a signed-in agent loads first.
const LOGIN_PAGE_GZIP_BUDGET = 120 * KB;
// The contracts (every route and schema) ride in it and grow with each capability: a guard, not a target.
// 180 → 200 kB with issue 12 (six contexts, 190.7 kB); 200 → 215 kB with issue 14 (EP, CAF file, SAS,
// letters: 205.9 kB). Next step, before any further raise: one contracts chunk per context.
const APP_ENTRY_GZIP_BUDGET = 215 * KB;
const CHUNK_GZIP_BUDGET = 80 * KB;

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: number;
}

/** A GET whose body is counted as sent on the wire (fetch would inflate it). */
function rawGet(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const kB = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

describe('first page weight, compression and cache headers', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let distDir: string;
  let indexHtml: string;

  beforeAll(async () => {
    app = await startTestApp('pglite');
    distDir = app.ctx.config.webDistDir;
    const indexPath = path.join(distDir, 'index.html');
    if (!fs.existsSync(indexPath))
      throw new Error('Construisez le web d’abord : npm run build -w @parcours/web');
    indexHtml = fs.readFileSync(indexPath, 'utf8');
  });

  const gzipSizeOf = async (asset: string) => {
    const res = await rawGet(`${app.url}${asset}`, { 'accept-encoding': 'gzip' });
    expect(res.status, asset).toBe(200);
    return res.bytes;
  };

  /** The scripts a page loads before it shows: its entry and what its HTML preloads. */
  const scriptsOf = (html: string) =>
    [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map(
      (m) => m[1] as string,
    );

  const weigh = async (page: string, html: string, budget: number) => {
    const scripts = scriptsOf(html);
    expect(scripts.length, page).toBeGreaterThan(0);
    const sizes = await Promise.all(scripts.map(gzipSizeOf));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const detail = scripts.map((s, i) => `${s} ${kB(sizes[i] ?? 0)}`).join(', ');
    expect(total, `${page} JS: ${kB(total)} gzip (budget ${kB(budget)}): ${detail}`).toBeLessThanOrEqual(
      budget,
    );
    return scripts;
  };

  it('keeps the login page JS and every chunk within their gzip budgets', async () => {
    // The page the server really answers at /connexion (and the other sign-in addresses).
    const loginHtml = await fetch(`${app.url}/connexion?retour=%2Fpersonnes`).then((r) => r.text());
    // The beneficiary space's sign-in pages too (issue 11); the space itself is the application's.
    for (const other of [
      '/mot-de-passe-oublie',
      '/reinitialiser-mot-de-passe?token=x',
      '/espace/connexion',
      '/espace/lien?jeton=x',
    ]) {
      expect(await fetch(`${app.url}${other}`).then((r) => r.text()), other).toBe(loginHtml);
    }
    const loginScripts = await weigh('/connexion', loginHtml, LOGIN_PAGE_GZIP_BUDGET);
    // Neither the router, the query cache nor Zod ship with it.
    const codeOf = (scripts: string[]) =>
      scripts.map((script) => fs.readFileSync(path.join(distDir, script), 'utf8')).join('\n');
    const heavy = ['useNavigate', 'QueryClient', 'ZodError', '$ZodType'];
    const loginCode = codeOf(loginScripts);
    for (const marker of heavy) expect(loginCode.includes(marker), marker).toBe(false);
    const appHtml = await fetch(`${app.url}/personnes`).then((r) => r.text());
    expect(appHtml).toBe(indexHtml);
    expect(await fetch(`${app.url}/espace`).then((r) => r.text())).toBe(indexHtml);
    const appCode = codeOf(await weigh('application entry', appHtml, APP_ENTRY_GZIP_BUDGET));
    // The markers are real: the application's entry does carry them.
    for (const marker of heavy) expect(appCode.includes(marker), marker).toBe(true);

    // Every screen is its own chunk, fetched when first shown.
    const chunks = fs.readdirSync(path.join(distDir, 'assets')).filter((f) => f.endsWith('.js'));
    expect(chunks.length, `JS chunks: ${chunks.join(', ')}`).toBeGreaterThan(loginScripts.length + 10);
    for (const chunk of chunks) {
      const size = await gzipSizeOf(`/assets/${chunk}`);
      expect(size, `${chunk}: ${kB(size)} gzip (budget ${kB(CHUNK_GZIP_BUDGET)})`).toBeLessThanOrEqual(
        CHUNK_GZIP_BUDGET,
      );
    }
  });

  it('compresses assets as asked and caches hashed ones for a year; index.html is never kept', async () => {
    const entry = indexHtml.match(/<script[^>]+src="(\/assets\/[^"]+\.js)"/)?.[1] as string;
    const plain = await rawGet(`${app.url}${entry}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['br', 'gzip']) {
      const res = await rawGet(`${app.url}${entry}`, {
        'accept-encoding': encoding === 'br' ? 'br, gzip' : 'gzip',
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding'], entry).toBe(encoding);
      expect(res.bytes, `${entry} ${encoding}: ${kB(res.bytes)} for ${kB(plain.bytes)}`).toBeLessThan(
        plain.bytes / 2,
      );
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers.vary).toMatch(/accept-encoding/i);
    }
    for (const page of ['/', '/connexion', '/index.html']) {
      const res = await rawGet(`${app.url}${page}`, { 'accept-encoding': 'br, gzip' });
      expect(res.status, page).toBe(200);
      expect(res.headers['cache-control'], page).not.toMatch(/max-age=[1-9]|immutable/);
    }
  });

  it('compresses large API answers, keeps tiny ones plain, and keeps no-store and the security headers', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const accounts = await admin.request('GET', '/api/admin/accounts', undefined, {
      'accept-encoding': 'br, gzip',
    });
    expect(accounts.status).toBe(200);
    expect(accounts.text.length, 'the answer is large enough to be compressed').toBeGreaterThan(1024);
    expect(accounts.headers.get('content-encoding')).toBe('br');
    expect(accounts.headers.get('cache-control')).toBe('no-store');
    expect(accounts.headers.get('x-content-type-options')).toBe('nosniff');
    expect(accounts.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(Array.isArray(accounts.body.items ?? accounts.body)).toBe(true);

    const gzip = await admin.request('GET', '/api/admin/accounts', undefined, { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.text).toBe(accounts.text);

    // A few bytes gain nothing from compression.
    const health = await rawGet(`${app.url}/health`, { 'accept-encoding': 'br, gzip' });
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
