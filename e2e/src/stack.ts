import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import Provider from 'oidc-provider';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type RunningApp, startApp } from '../../apps/api/src/app';
import { migratedPgliteSnapshot } from '../../apps/api/test/support/pglite-snapshot';
import {
  type ReceivedSms,
  type SmsProvider,
  startSmsProvider,
} from '../../apps/api/test/support/sms-provider';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Mail {
  to: string[];
  raw: string;
}

/** The whole product as a user meets it: app, SMTP server, identity provider, browser. */
export interface Stack {
  app: RunningApp;
  mails: Mail[];
  /** SMS received by the test SMS provider (the app sends through it over HTTP). */
  sms: ReceivedSms[];
  /** The test SMS provider: make it fail, or post delivery reports to the app. */
  smsProvider: SmsProvider;
  browser: Browser;
  oidcIssuer: string;
  close(): Promise<void>;
}

/** `demoPersons`: persons of the demo history to load (none by default: journeys bring their own). */
export async function startStack(options: { demoPersons?: number } = {}): Promise<Stack> {
  // The journeys share one process (vitest.config.ts): each stack answers for its own pages only.
  cspViolations.length = 0;
  const mails: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const smsProvider = await startSmsProvider();

  const appPort = await freePort();
  const oidcPort = await freePort();
  const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
  // A local OpenID provider standing in for ProConnect: its login form accepts any identifier,
  // used as the e-mail of the agent.
  const provider = new Provider(oidcIssuer, {
    clients: [
      {
        client_id: 'parcours',
        client_secret: 'secret-de-test',
        redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'email'],
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: sub, email_verified: true }),
    }),
    cookies: { keys: ['cle-de-test-e2e'] },
  });
  const oidcServer = provider.listen(oidcPort);
  await once(oidcServer, 'listening');

  const app = await startApp(
    {
      port: appPort,
      host: '127.0.0.1',
      dataDir: 'memory://',
      pgliteSnapshot: await migratedPgliteSnapshot(),
      demo: true,
      demoPersons: options.demoPersons ?? 0,
      logLevel: 'silent',
      jobsPollMs: 200,
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      smsProviderUrl: smsProvider.url,
      smsProviderToken: smsProvider.token,
      smsCallbackSecret: smsProvider.callbackSecret,
      oidc: {
        issuer: oidcIssuer,
        clientId: 'parcours',
        clientSecret: 'secret-de-test',
        label: 'Se connecter avec ProConnect',
        scopes: 'openid email',
        allowInsecure: true,
      },
    },
    { ...process.env, DATABASE_URL: '' },
  );

  const launched = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
    ],
  });

  const browser = watchContentSecurityPolicy(launched, app.url);

  return {
    app,
    mails,
    sms: smsProvider.received,
    smsProvider,
    browser,
    oidcIssuer,
    async close() {
      await browser.close();
      expectNoCspViolation();
      await app.close();
      oidcServer.close();
      await new Promise<void>((r) => smtp.close(() => r()));
      await smsProvider.close();
    },
  };
}

/** Content-Security-Policy violations seen on the application's pages since the stack started. */
const cspViolations: string[] = [];

/**
 * Every context the journeys open reports CSP violations of the application's pages (the
 * `securitypolicyviolation` event and Chromium's console message), so a journey fails when the
 * SPA needs something its policy forbids (an inline script or style, a foreign origin).
 */
function watchContentSecurityPolicy(browser: Browser, appUrl: string): Browser {
  const ours = (url: string) => url.startsWith(appUrl);
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.exposeBinding('__parcoursCspViolation', ({ page }, text: string) => {
      if (ours(page.url())) cspViolations.push(`${page.url()}: ${text}`);
    });
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) => {
        window.__parcoursCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
      });`,
    });
    context.on('console', (msg) => {
      const page = msg.page();
      if (page && ours(page.url()) && /Content Security Policy/i.test(msg.text())) {
        cspViolations.push(`${page.url()}: ${msg.text()}`);
      }
    });
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('close', () => void context.close());
    return page;
  };
  return browser;
}

/** Returns the violations seen so far and forgets them (for the test of the watch itself). */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** Fails the journey on any CSP violation seen so far (checked with accessibility and at close). */
export function expectNoCspViolation() {
  expect([...new Set(cspViolations)], 'Content-Security-Policy violations').toEqual([]);
}

/** Fails on serious or critical accessibility violations and on any CSP violation of the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    blocking.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    `accessibility of ${page.url()}`,
  ).toEqual([]);
  expectNoCspViolation();
}

/** Closes a browser context without letting a stuck page hang the suite for the whole hook timeout. */
export async function closeContext(context: BrowserContext | undefined) {
  if (!context) return;
  await Promise.race([context.close(), new Promise((r) => setTimeout(r, 15_000))]);
  expectNoCspViolation();
}

/** What a journey file uses: its stack, and the browser context and page of the current test. */
export interface Journey {
  readonly stack: Stack;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Registers the hooks of a journey file: a stack for the file (`setUp` then prepares its data),
 * and a fresh French browser context and page for each test, closed (with the CSP check of
 * `closeContext`) after it. Read `stack`, `context` and `page` from the returned object in hooks
 * and tests.
 */
export function browserJourney(
  options: {
    stack?: Parameters<typeof startStack>[0];
    context?: BrowserContextOptions;
    setUp?: (stack: Stack) => Promise<void>;
  } = {},
): Journey {
  let stack: Stack | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    stack = await startStack(options.stack);
    await options.setUp?.(stack);
  });
  afterAll(() => stack?.close());
  beforeEach(async () => {
    if (!stack) throw new Error('the stack did not start');
    context = await stack.browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      ...options.context,
    });
    page = await context.newPage();
  });
  afterEach(async () => {
    const closing = context;
    context = undefined;
    page = undefined;
    await closeContext(closing);
  });
  return {
    get stack() {
      if (!stack) throw new Error('the stack is not started (use it in hooks and tests)');
      return stack;
    },
    get context() {
      if (!context) throw new Error('no browser context outside a test');
      return context;
    },
    get page() {
      if (!page) throw new Error('no page outside a test');
      return page;
    },
  };
}

/** Signs out and waits for the full-page return to the login page, so no navigation races the next one. */
export async function logout(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL(/\/connexion/);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
}

export async function login(page: Page, baseUrl: string, email: string, password = 'Parcours-demo-2026') {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

/** A link of the main menu (the home page repeats some of them as tiles). */
export function menuLink(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name, exact: true });
}
