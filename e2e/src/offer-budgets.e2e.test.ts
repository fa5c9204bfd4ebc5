import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login, menuLink, type Stack } from './stack';

/**
 * Committed money of 2020 on action 3-4 (issue 13): a unit cost of 2 000 € and three referrals of
 * one person (accepted, entered, exited with a CDI) = 3 × 2 000 € = 6 000 € committed; referred 3,
 * entered 2, one positive exit (CDI). The demo has no other referral in 2020.
 */
async function committedOn34(stack: Stack) {
  const db = stack.app.ctx.db;
  const household = await db
    .insertInto('household')
    .values({
      department_code: '13',
      organism: 'CAF',
      claim_number: '13100000988',
      street_number: '7',
      street_type: 'RUE',
      street_name: 'DES BUDGETS',
      commune_code: '13203',
      postal_code: '13003',
      commune_name: 'MARSEILLE',
      rights_status: '2',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = await db
    .insertInto('person')
    .values({
      department_code: '13',
      birth_name: 'ENGAGEMENT',
      first_name: 'Louise',
      title: 'MME',
      birth_date: '1985-02-03',
      sex: 'F',
      household_id: household.id,
      household_role: 'DEM',
      rights_open: true,
      subject_to_duties: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const action = await db
    .updateTable('insertion_action')
    .set({ unit_cost_cents: 200_000 })
    .where('department_code', '=', '13')
    .where('code', '=', '3-4')
    .returning('id')
    .executeTakeFirstOrThrow();
  const referral = (status: string, sent: string, entered: string | null, exited: string | null) =>
    db
      .insertInto('referral')
      .values({
        department_code: '13',
        person_id: person.id,
        action_id: action.id,
        status,
        sent_on: sent,
        entered_on: entered,
        exited_on: exited,
        exit_category: exited ? 'positive' : null,
        exit_type: exited ? 'cdi' : null,
      })
      .execute();
  await referral('accepted', '2020-03-02', null, null);
  await referral('entered', '2020-02-03', '2020-02-10', null);
  await referral('exited', '2020-01-06', '2020-01-13', '2020-06-30');
}

const journey = browserJourney({ setUp: committedOn34, context: { acceptDownloads: true } });

describe('budgets of the offer', () => {
  it('the steering role sees the 2020 total, the annex’s inconsistencies with both facts, and downloads the annex', async () => {
    const { page } = journey;
    await login(page, journey.stack.app.url, 'pilotage@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'Budgets de l’offre').click();
    await page.getByRole('heading', { level: 1, name: 'Budgets de l’offre d’insertion' }).waitFor();
    await expect(page.getByLabel('Année', { exact: true }).inputValue()).resolves.toBe('2020');

    const total = page.getByRole('region', { name: 'Total 2020' });
    await total
      .getByText(/^11\s209\s242\s€$/)
      .first()
      .waitFor();
    await page.getByRole('heading', { level: 2, name: /Axe 3/ }).waitFor();
    await page
      .getByRole('region', { name: /^Axe 3 —/ })
      .getByRole('row', { name: /3-4 — Action intermédiaire/ })
      .waitFor();

    // Committed and gap per action: 3 referrals × 2 000 € = 6 000 €; actions without a unit cost say so.
    const detail = page.getByRole('region', { name: 'Prévu, engagé et écart 2020' });
    const row34 = detail.getByRole('row', { name: /3-4 — Action intermédiaire/ });
    await row34.getByText(/^6\s000\s€$/).waitFor();
    await row34.getByText(/^2\s000\s€$/).waitFor();
    await detail.getByRole('row', { name: /3-2 —/ }).getByText('coût unitaire non défini').first().waitFor();
    // Beneficiaries of 3-4: referred 3, entered 2, one positive exit (CDI).
    const people = page
      .getByRole('region', { name: 'Bénéficiaires par action 2020' })
      .getByRole('row', { name: /3-4 — Action intermédiaire/ });
    await expect(people.getByRole('cell').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['3', '2', expect.stringMatching(/^1\s*CDI : 1$/)]),
    );
    // The chart's accessible table and its CSV: axis 3 committed 6 000 €.
    const chart = page.getByRole('figure', { name: 'Consommation des budgets 2020 par axe' });
    await chart.getByText('Voir les données (tableau)').click();
    const axis3 = chart.getByRole('row', { name: /Axe 3 —/ });
    await axis3.getByRole('cell', { name: /^6\s000$/ }).waitFor();
    const [csvFile] = await Promise.all([
      page.waitForEvent('download'),
      chart
        .getByRole('button', { name: /Télécharger les données \(CSV\) — Consommation des budgets 2020/ })
        .click(),
    ]);
    expect(csvFile.suggestedFilename()).toBe('consommation-budgets-2020.csv');
    const csv = fs.readFileSync((await csvFile.path()) as string, 'utf8');
    expect(csv).toContain('Ligne;Prévu (€);Engagé (€);Écart prévu − engagé (€)');
    expect(csv).toMatch(/\r\nAxe 3 — [^;]+;[^;]+;6000;/);
    await page.getByRole('region', { name: /^Vue pluriannuelle/ }).waitFor();

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
    const committed: unknown[] = [];
    book.getWorksheet('Consommation 2020')!.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('3-4 ')) committed.push(row.getCell(7).value);
    });
    expect(committed).toEqual([6_000]);

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
