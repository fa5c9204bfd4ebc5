import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const journey = browserJourney({});

describe('steering (issue 13)', () => {
  it('the steering user filters the dashboard by pôle, edits an axis-2 value of the convention with a comment, and exports the XLSX', async () => {
    const { page } = journey;
    const base = journey.stack.app.url;
    await login(page, base, 'pilotage@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();

    // The dashboard, filtered on one pôle.
    await menuLink(page, 'Tableau de bord').click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord de pilotage' }).waitFor();
    const hub = page.getByLabel('Pôle d’insertion');
    await expect.poll(() => hub.locator('option').count()).toBeGreaterThan(1);
    const hubValue = await hub.locator('option').nth(1).getAttribute('value');
    await hub.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL((url) => url.searchParams.get('hub') === hubValue);
    await expect.poll(() => page.getByLabel('Pôle d’insertion').inputValue()).toBe(hubValue);
    await expectAccessible(page);

    // The convention's table: axis 2, « Nombre d'intervenants sociaux formés… », objective 2021 = 500.
    await menuLink(page, 'Tableau de la convention').click();
    await page.getByRole('heading', { level: 1, name: 'Tableau des indicateurs de la convention' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Axe 2/ }).waitFor();
    await page.getByRole('table', { name: /section 2\.2/ }).waitFor();
    await page.getByRole('columnheader', { name: 'Objectif 2021' }).first().waitFor();
    await expectAccessible(page);
    const label =
      "Nombre d'intervenants sociaux formés ou sensibilisés à la démarche du référent de parcours";
    await page.getByRole('button', { name: `500 : Objectif 2021, ${label}` }).click();
    const dialog = page.getByRole('dialog', { name: `Objectif 2021 — ${label}` });
    await dialog.waitFor();
    // The comment is required: refused under the field, nothing saved.
    await dialog.getByLabel('Valeur').fill('450');
    await dialog.getByRole('button', { name: 'Enregistrer la valeur' }).click();
    await dialog.getByText('Commentaire : obligatoire.').waitFor();
    await dialog.getByLabel('Commentaire').fill('Objectif revu en comité de pilotage');
    await dialog.getByRole('button', { name: 'Enregistrer la valeur' }).click();
    await dialog.getByText('Valeur enregistrée : 450.').waitFor();
    const history = dialog.getByRole('region', { name: 'Historique' });
    await history.getByText('Objectif revu en comité de pilotage').waitFor();
    await history.getByText(/Inès Pilotage : 500 →/).waitFor();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await page.getByRole('button', { name: `450 : Objectif 2021, ${label}` }).waitFor();

    // The XLSX, downloaded as the user does, with the new value in the convention's layout.
    const link = page.getByRole('link', { name: 'Télécharger le tableau (XLSX)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^convention-indicateurs-\d{4}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Objectifs');
    let found: ExcelJS.CellValue = null;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === label) found = row.getCell(9).value;
    });
    expect(found).toBe(450);
  });
});
