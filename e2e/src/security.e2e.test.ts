import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeContext, expectAccessible, login, type Stack, startStack, takeCspViolations } from './stack';

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
beforeEach(async () => {
  context = await (stack.browser as Browser).newContext({ locale: 'fr-FR' });
  page = await context.newPage();
});
afterEach(() => closeContext(context));

describe('politique de sécurité du contenu', () => {
  it("l'application fonctionne sous sa politique stricte, sans aucune violation", async () => {
    const response = await page.goto(`${stack.app.url}/connexion`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    await login(page, stack.app.url, 'orientation@parcours.test');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.goto(`${stack.app.url}/personnes`);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await expectAccessible(page);
  });

  it('le contrôle des parcours voit une violation (un script en ligne est bloqué et signalé)', async () => {
    await page.goto(`${stack.app.url}/connexion`);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true;';
      document.head.appendChild(s);
    });
    const seen: string[] = [];
    const collect = () => {
      seen.push(...takeCspViolations());
      return seen.join('\n');
    };
    await expect.poll(collect, { timeout: 5000 }).toMatch(/script-src/);
    // Both reports (event and console message) are taken, so this deliberate one fails nothing else.
    await page.waitForTimeout(300);
    collect();
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBe(
      undefined,
    );
  });
});
