import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importHistory } from '../../apps/api/src/modules/history/application/import-history';
import { browserJourney, expectAccessible, login, menuLink, type Stack } from './stack';

/**
 * A hand history observed on 31/12/2025: 6 persons oriented to France Travail, 7 to an MDS and 2
 * never oriented, all entered on 5/1/2025. The orientation table reads 2, 6, 0, 7 (total 15): 2 is
 * masked, and 6 too (secondary masking: otherwise 15 − 6 − 7 would give the 2 away).
 */
async function smallHistory(stack: Stack) {
  const lines: object[] = [
    { kind: 'hub', id: 'e2e-stat', name: 'Pôle statistiques', communes: ['13202'] },
    { kind: 'body', id: 'e2e-ft', name: 'France Travail Stat', type: 'france-travail', hub: 'e2e-stat' },
    { kind: 'body', id: 'e2e-mds', name: 'MDS Stat', type: 'mds', hub: 'e2e-stat' },
  ];
  for (let i = 0; i < 15; i++) {
    const id = `e2e-s${i}`;
    lines.push(
      {
        kind: 'person',
        id,
        householdNumber: `E2E${i}`,
        role: 'DEM',
        nir: null,
        birthName: 'Zqnomstat',
        firstName: `Zqprenom${i}`,
        birthDate: '1980-01-01',
        sex: i % 2 ? 'F' : 'M',
        commune: '13202',
      },
      { kind: 'rights', personId: id, date: '2025-01-05', status: 'open', subjectToDuties: true },
    );
    if (i < 13)
      lines.push({
        kind: 'orientation',
        personId: id,
        date: '2025-02-01',
        pathway: i < 6 ? 'professional' : 'social',
        bodyId: i < 6 ? 'e2e-ft' : 'e2e-mds',
        programme: null,
      });
  }
  const report = await importHistory(
    stack.app.ctx,
    Readable.from([`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`]),
    { fileName: 'statistiques.ndjson', actor: null },
  );
  expect(report.status).toBe('applied');
}

const journey = browserJourney({ setUp: smallHistory });

describe('DREES statistics', () => {
  it('the steering role picks a date, reads the masked tables and gets the XLSX', async () => {
    const { page } = journey;
    await login(page, journey.stack.app.url, 'pilotage@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'Statistiques DREES').click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques DREES' }).waitFor();

    await page.getByLabel('Date d’observation').fill('2025-12-31');
    await page.getByRole('button', { name: 'Afficher les statistiques' }).click();
    await page.waitForURL((url) => url.searchParams.get('on') === '2025-12-31');
    await page.getByText('Situation au 31/12/2025').waitFor();

    const table = page.getByRole('region', { name: /^1\. Orientation des personnes/ });
    const row = (name: RegExp) => table.getByRole('row', { name });
    await expect(
      row(/^Non orientées/)
        .getByRole('cell')
        .allInnerTexts(),
    ).resolves.toEqual(['< 5']);
    await expect(
      row(/^Orientées vers France Travail/)
        .getByRole('cell')
        .allInnerTexts(),
    ).resolves.toEqual(['< 5']);
    await expect(
      row(/^Orientées vers un organisme hors réseau/)
        .getByRole('cell')
        .allInnerTexts(),
    ).resolves.toEqual(['7']);
    await expect(
      row(/^Total/)
        .getByRole('cell')
        .allInnerTexts(),
    ).resolves.toEqual(['15']);
    await page.getByRole('region', { name: /^11\. Réorientations/ }).waitFor();
    await expectAccessible(page);

    const href = await page
      .getByRole('link', { name: 'Télécharger les tableaux (XLSX)' })
      .getAttribute('href');
    expect(href).toBe('/api/statistics/drees.xlsx?on=2025-12-31');
    const download = await page.request.get(`${journey.stack.app.url}${href}`);
    expect(download.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download.body()) as unknown as ArrayBuffer);
    const text = book.worksheets.flatMap((s) => s.getSheetValues().flat()).join(' ');
    expect(text).toContain('< 5');
    expect(text.toLowerCase()).not.toContain('zqnomstat');
    expect(text.toLowerCase()).not.toContain('zqprenom');
  });
});
