import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const journey = browserJourney({});

describe('budgets of the offer', () => {
  it('the steering role sees the 2020 total, the annex’s inconsistencies with both facts, and downloads the annex', async () => {
    const { page } = journey;
    await login(page, journey.stack.app.url, 'pilotage@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'Budgets de l’offre').click();
    await page.getByRole('heading', { level: 1, name: 'Budgets de l’offre d’insertion' }).waitFor();
    await expect(page.getByLabel('Année').inputValue()).resolves.toBe('2020');

    const total = page.getByRole('region', { name: 'Total 2020' });
    await total
      .getByText(/^11\s209\s242\s€$/)
      .first()
      .waitFor();
    await page.getByRole('heading', { level: 2, name: /Axe 3/ }).waitFor();
    await page.getByRole('row', { name: /3-4 — Action intermédiaire/ }).waitFor();

    const inconsistencies = page.getByRole('region', { name: 'Incohérences de l’annexe' });
    const sheet = inconsistencies.getByRole('listitem').filter({ hasText: 'la fiche prévoit 204' });
    await sheet.waitFor();
    await sheet.getByText(/^99\s871\s€$/).waitFor();
    await sheet.getByText(/^204\s870\s€$/).waitFor();
    await expectAccessible(page);

    const href = await page.getByRole('link', { name: 'Télécharger l’annexe (XLSX)' }).getAttribute('href');
    expect(href).toBe('/api/offer/annex.xlsx?year=2020');
    const download = await page.request.get(`${journey.stack.app.url}${href}`);
    expect(download.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download.body()) as unknown as ArrayBuffer);
    const totals: unknown[] = [];
    book.worksheets[0]!.eachRow((row) => {
      if (row.getCell(1).value === 'TOTAL GENERAL') totals.push(row.getCell(5).value);
    });
    expect(totals).toEqual([11_209_242]);

    // No budget typing for the steering role: the form is the administrators'.
    await expect(page.getByRole('heading', { name: /Saisir le budget/ }).count()).resolves.toBe(0);
  });

  it('an administrator types a budget: shares that do not make the amount are refused under the field', async () => {
    const { page } = journey;
    await login(page, journey.stack.app.url, 'admin@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'Budgets de l’offre').click();
    const form = page.getByRole('region', { name: 'Saisir le budget 2020 d’une action' });
    await form.waitFor();
    await form
      .getByLabel('Action')
      .selectOption({ label: "3-4 — Action intermédiaire pour un accès durable à l'emploi (ACIADE)" });
    await form.getByLabel('Montant (€)').fill('380 000');
    await form.getByLabel('Part État (€)').fill('190 000');
    await form.getByLabel('Part département (€)').fill('100 000');
    await form.getByRole('button', { name: 'Enregistrer le budget' }).click();
    await form
      .getByText('Part département invalide : part État + part département doivent faire le montant.')
      .waitFor();
    await expect(form.getByLabel('Part département (€)').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page);
    await form.getByLabel('Part département (€)').fill('190 000');
    await form.getByRole('button', { name: 'Enregistrer le budget' }).click();
    await form.getByText(/Budget 2020 de l’action 3-4 enregistré : 380\s000\s€/).waitFor();
    await page
      .getByRole('row', { name: /3-4 — Action intermédiaire/ })
      .getByText(/^380\s000\s€$/)
      .first()
      .waitFor();
  });
});
