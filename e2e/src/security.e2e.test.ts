import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login, takeCspViolations } from './stack';

const journey = browserJourney();

describe('politique de sécurité du contenu', () => {
  it("l'application fonctionne sous sa politique stricte, sans aucune violation", async () => {
    const response = await journey.page.goto(`${journey.stack.app.url}/connexion`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await journey.page.goto(`${journey.stack.app.url}/personnes`);
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await expectAccessible(journey.page);
  });

  it('le contrôle des parcours voit une violation (un script en ligne est bloqué et signalé)', async () => {
    await journey.page.goto(`${journey.stack.app.url}/connexion`);
    await journey.page.getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
    await journey.page.evaluate(() => {
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
    await journey.page.waitForTimeout(300);
    collect();
    expect(
      await journey.page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
    ).toBe(undefined);
  });
});
