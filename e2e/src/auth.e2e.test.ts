import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login } from './stack';

const journey = browserJourney();

describe('connexion', () => {
  it('refuse un mauvais mot de passe avec un message clair, puis connecte avec le bon', async () => {
    await journey.page.goto(`${journey.stack.app.url}/connexion`);
    await expect.poll(() => journey.page.title()).toMatch(/Parcours/);
    await expectAccessible(journey.page);
    await login(journey.page, journey.stack.app.url, 'admin@parcours.test', 'pas-le-bon-mot-de-passe');
    await journey.page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    // The typed e-mail is kept so the agent only retypes the password.
    expect(await journey.page.getByLabel('Adresse e-mail').inputValue()).toBe('admin@parcours.test');
    await expectAccessible(journey.page);

    await journey.page.getByLabel('Mot de passe', { exact: true }).fill('Parcours-demo-2026');
    await journey.page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await journey.page.getByText('Camille Administratrice').first().waitFor();
    await expectAccessible(journey.page);

    await journey.page.getByRole('button', { name: 'Se déconnecter' }).click();
    await journey.page.getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
    await journey.page.goto(`${journey.stack.app.url}/administration/comptes`);
    await journey.page.getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
  });

  it('montre « Accès refusé » à un rôle qui n’a pas le droit', async () => {
    await login(journey.page, journey.stack.app.url, 'pilotage@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await expect.poll(() => journey.page.getByRole('link', { name: 'Comptes' }).count()).toBe(0);
    await journey.page.goto(`${journey.stack.app.url}/administration/comptes`);
    await journey.page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    await expectAccessible(journey.page);
  });

  it('affiche une page introuvable pour une adresse inconnue', async () => {
    await login(journey.page, journey.stack.app.url, 'referent@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await journey.page.goto(`${journey.stack.app.url}/nulle-part`);
    await journey.page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await expectAccessible(journey.page);
  });

  it('connecte un agent par OpenID Connect (ProConnect) et refuse une identité inconnue', async () => {
    await journey.page.goto(`${journey.stack.app.url}/connexion`);
    await journey.page.getByRole('link', { name: 'Se connecter avec ProConnect' }).click();
    await journey.page.waitForURL((u) => u.href.startsWith(journey.stack.oidcIssuer));
    await journey.page.locator('input[name="login"]').fill('orientation@parcours.test');
    await journey.page.locator('input[name="password"]').fill('peu-importe');
    await journey.page.locator('button[type="submit"]').click();
    const consent = journey.page.locator('button[type="submit"]', { hasText: /continue/i });
    if (await consent.count()) await consent.click();
    await journey.page.waitForURL((u) => u.href.startsWith(journey.stack.app.url));
    await journey.page.getByText('Karim Orientation').first().waitFor();

    const other = await journey.stack.browser.newContext();
    const p2 = await other.newPage();
    await p2.goto(`${journey.stack.app.url}/api/auth/oidc/login`);
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
    await journey.page.goto(`${journey.stack.app.url}/connexion`);
    await journey.page.getByRole('link', { name: /Mot de passe oublié/ }).click();
    await journey.page.getByLabel('Adresse e-mail').fill('ep@parcours.test');
    await journey.page.getByRole('button', { name: /envoyer|réinitialis/i }).click();
    await expect
      .poll(() => journey.stack.mails.filter((m) => m.to.includes('ep@parcours.test')).length, {
        timeout: 15_000,
      })
      .toBe(1);
    const raw = journey.stack.mails
      .find((m) => m.to.includes('ep@parcours.test'))!
      .raw.replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
    const link = /(http:\/\/[^\s]+reinitialiser-mot-de-passe\?token=[A-Za-z0-9_-]+)/.exec(raw)?.[1];
    expect(link).toBeDefined();
    await journey.page.goto(link!);
    await expectAccessible(journey.page);
    const fields = journey.page.getByLabel(/mot de passe/i);
    const count = await fields.count();
    for (let i = 0; i < count; i++) await fields.nth(i).fill('Mon-nouveau-mot-de-passe');
    await journey.page.getByRole('button', { name: /enregistrer|valider|changer|réinitialiser/i }).click();
    await journey.page.getByRole('status').or(journey.page.getByRole('alert')).first().waitFor();
    await login(journey.page, journey.stack.app.url, 'ep@parcours.test', 'Mon-nouveau-mot-de-passe');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  });
});
