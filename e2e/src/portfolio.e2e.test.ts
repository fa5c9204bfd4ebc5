import { describe, expect, it } from 'vitest';
import { sendAlertDigests } from '../../apps/api/src/modules/accompaniment/application/digest';
import { buildAlertWorld } from '../../apps/api/test/support/alerts-fixtures';
import { mailText } from '../../apps/api/test/support/messaging-fixtures';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const journey = browserJourney({
  setUp: async (stack) => {
    await buildAlertWorld(stack.app);
  },
});

/** The names in the portfolio table, in order. */
async function rowNames() {
  const table = journey.page.getByRole('table', { name: 'Personnes du portefeuille' });
  return table.locator('tbody th').allInnerTexts();
}

describe('portfolio and alerts', () => {
  it('the référent sorts and filters their portfolio with the keyboard, exports it, and opens their alerts', async () => {
    const { page } = journey;
    await login(page, journey.stack.app.url, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.getByRole('link', { name: /8 alertes d’accompagnement/ }).waitFor();

    await menuLink(page, 'Portefeuille').click();
    await page.getByRole('heading', { level: 1, name: 'Portefeuille' }).waitFor();
    await page.getByRole('status').filter({ hasText: '7 personnes affichées sur 7' }).waitFor();
    expect(await rowNames()).toEqual([
      'Alice ALERTE',
      'Bruno SANSCONTRAT',
      'Chloé FINPROCHE',
      'Denis EXPIRE',
      'Emma SOCIALE',
      'Fanny ANCIENNE',
      'Ivan FERME',
    ]);
    const chloe = page.getByRole('row', { name: /Chloé FINPROCHE/ });
    await expect(chloe.getByRole('cell', { name: '18 h' }).count()).resolves.toBe(1);
    await expectAccessible(page);

    // Sort by the contract's end, with the keyboard only.
    const sortEnd = page.getByRole('button', { name: /^Fin du contrat/ });
    await sortEnd.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=contract_end/);
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Fin du contrat' }).waitFor();
    await expect.poll(async () => (await rowNames())[0]).toBe('Fanny ANCIENNE');
    await page.getByRole('button', { name: /^Fin du contrat/ }).press('Enter');
    await page.locator('th[aria-sort="descending"]', { hasText: 'Fin du contrat' }).waitFor();
    await expect.poll(async () => (await rowNames())[0]).toBe('Emma SOCIALE');

    // Filter: persons without a contract.
    await page.getByLabel('Contrat').selectOption({ label: 'Sans contrat' });
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '3 personnes affichées sur 7' }).waitFor();
    // No contract end: ordered by name.
    expect(await rowNames()).toEqual(['Alice ALERTE', 'Bruno SANSCONTRAT', 'Ivan FERME']);
    const href = await page
      .getByRole('link', { name: 'Exporter le portefeuille (XLSX)' })
      .getAttribute('href');
    expect(href).toMatch(/^\/api\/portfolio\.xlsx\?/);
    expect(href).toContain('contract=none');
    const download = await page.request.get(`${journey.stack.app.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');

    await menuLink(page, 'Alertes').click();
    await page.getByRole('heading', { level: 1, name: 'Alertes d’accompagnement' }).waitFor();
    await page.getByText('8 alertes au total.').waitFor();
    const expired = page.getByRole('region', {
      name: /Contrat d’engagement expiré sans renouvellement \(2\)/,
    });
    await expired.getByRole('link', { name: 'Denis EXPIRE' }).waitFor();
    await page
      .getByRole('region', { name: /Suivi avant le 1er janvier 2025/ })
      .getByText(/01\/01\/2027/)
      .waitFor();
    await expectAccessible(page);
    await page
      .getByRole('region', { name: /Pas de premier rendez-vous/ })
      .getByRole('link', { name: 'Alice ALERTE' })
      .click();
    await page.waitForURL(/\/personnes\/[0-9a-f-]{36}$/);
  });

  it('the manager filters the alerts by référent, opts out of the digest, and the digest goes to the référent only', async () => {
    const { page, stack } = journey;
    await login(page, stack.app.url, 'responsable@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'Alertes').click();
    await page.getByText('11 alertes au total.').waitFor();
    await page.getByLabel('Référent').selectOption({ label: 'Paul SECOND' });
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await page.getByText('2 alertes au total.').waitFor();
    await page.getByRole('link', { name: 'Hélène DESECOND' }).first().waitFor();
    await expectAccessible(page);

    await page.goto(`${stack.app.url}/mon-compte`);
    const box = page.getByRole('checkbox', {
      name: 'Recevoir chaque matin le récapitulatif de mes alertes par e-mail',
    });
    await expect.poll(() => box.isChecked()).toBe(true);
    await box.press('Space');
    await page.getByText('Vous ne recevrez plus le récapitulatif.').waitFor();
    await expect.poll(() => box.isChecked()).toBe(false);
    await expectAccessible(page);

    const before = stack.mails.length;
    const result = await sendAlertDigests(stack.app.ctx, '13');
    expect(result.optedOut).toBe(1);
    const sent = stack.mails.slice(before);
    expect(sent.some((m) => m.to.includes('responsable@parcours.test'))).toBe(false);
    const mail = sent.find((m) => m.to.includes('referent@parcours.test'));
    const text = mailText(mail?.raw ?? '');
    expect(text).toContain(
      'Pas de premier rendez-vous d’accompagnement dans les 14 jours après l’orientation : 1',
    );
    expect(text).toContain('Alice ALERTE');
    expect(text).toContain(`${stack.app.url}/alertes`);
  });
});
