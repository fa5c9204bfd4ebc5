import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeContext, expectAccessible, login, type Stack, startStack } from './stack';

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

describe('connexion', () => {
  it('refuse un mauvais mot de passe avec un message clair, puis connecte avec le bon', async () => {
    await page.goto(`${stack.app.url}/connexion`);
    await expect.poll(() => page.title()).toMatch(/Parcours/);
    await expectAccessible(page);
    await login(page, stack.app.url, 'admin@parcours.test', 'pas-le-bon-mot-de-passe');
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    // The typed e-mail is kept so the agent only retypes the password.
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe('admin@parcours.test');
    await expectAccessible(page);

    await page.getByLabel('Mot de passe', { exact: true }).fill('Parcours-demo-2026');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.getByText('Camille Administratrice').first().waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
    await page.goto(`${stack.app.url}/administration/comptes`);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
  });

  it('montre « Accès refusé » à un rôle qui n’a pas le droit', async () => {
    await login(page, stack.app.url, 'pilotage@parcours.test');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'Comptes' }).count()).toBe(0);
    await page.goto(`${stack.app.url}/administration/comptes`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    await expectAccessible(page);
  });

  it('affiche une page introuvable pour une adresse inconnue', async () => {
    await login(page, stack.app.url, 'referent@parcours.test');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.goto(`${stack.app.url}/nulle-part`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await expectAccessible(page);
  });

  it('connecte un agent par OpenID Connect (ProConnect) et refuse une identité inconnue', async () => {
    await page.goto(`${stack.app.url}/connexion`);
    await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).click();
    await page.waitForURL((u) => u.href.startsWith(stack.oidcIssuer));
    await page.locator('input[name="login"]').fill('orientation@parcours.test');
    await page.locator('input[name="password"]').fill('peu-importe');
    await page.locator('button[type="submit"]').click();
    const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
    if (await consent.count()) await consent.click();
    await page.waitForURL((u) => u.href.startsWith(stack.app.url));
    await page.getByText('Karim Orientation').first().waitFor();

    const other = await stack.browser.newContext();
    const p2 = await other.newPage();
    await p2.goto(`${stack.app.url}/api/auth/oidc/login`);
    await p2.locator('input[name="login"]').fill('inconnu@ailleurs.test');
    await p2.locator('input[name="password"]').fill('x');
    await p2.locator('button[type="submit"]').click();
    const consent2 = p2.locator('button[type="submit"]', { hasText: /continue/i });
    if (await consent2.count()) await consent2.click();
    await p2.waitForURL(/\/connexion\?erreur=oidc_inconnu/);
    await p2.getByRole('alert').first().waitFor();
    expect(await p2.getByRole('alert').first().textContent()).toMatch(/compte/i);
    await other.close();
  });

  it('réinitialise un mot de passe oublié par le lien reçu par e-mail', async () => {
    await page.goto(`${stack.app.url}/connexion`);
    await page.getByRole('link', { name: /Mot de passe oublié/ }).click();
    await page.getByLabel('Adresse e-mail').fill('ep@parcours.test');
    await page.getByRole('button', { name: /envoyer|réinitialis/i }).click();
    await expect
      .poll(() => stack.mails.filter((m) => m.to.includes('ep@parcours.test')).length, { timeout: 15_000 })
      .toBe(1);
    const raw = stack.mails
      .find((m) => m.to.includes('ep@parcours.test'))!
      .raw.replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
    const link = /(http:\/\/[^\s]+reinitialiser-mot-de-passe\?token=[A-Za-z0-9_-]+)/.exec(raw)?.[1];
    expect(link).toBeDefined();
    await page.goto(link!);
    await expectAccessible(page);
    const fields = page.getByLabel(/mot de passe/i);
    const count = await fields.count();
    for (let i = 0; i < count; i++) await fields.nth(i).fill('Mon-nouveau-mot-de-passe');
    await page.getByRole('button', { name: /enregistrer|valider|changer|réinitialiser/i }).click();
    await page.getByRole('status').or(page.getByRole('alert')).first().waitFor();
    await login(page, stack.app.url, 'ep@parcours.test', 'Mon-nouveau-mot-de-passe');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  });
});
