import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { parisToday } from '../../apps/api/src/modules/orientation/application/queue';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { browserJourney, expectAccessible, login } from './stack';

const entryDate = format(addDays(new Date(`${parisToday()}T12:00:00Z`), -10), 'yyyy-MM-dd');
// Names as the CAF writes them: capitals, particles, apostrophe, hyphen.
const persons = [
  { claim: '13400000001', birthName: 'LE ROUX', firstName: 'Yann', birthDate: '1984-05-02' },
  { claim: '13400000002', birthName: 'DE LA FONTAINE', firstName: 'Jean-Pierre', birthDate: '1979-09-14' },
  { claim: '13400000003', birthName: "N'DIAYE", firstName: 'Aminata', birthDate: '1991-01-30' },
];

const journey = browserJourney({
  setUp: async (stack) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-navigation-')), 'vrsb.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: entryDate,
        households: persons.map((p) => ({
          claimNumber: p.claim,
          status: '2',
          inseeCode: '13203',
          persons: [
            { birthName: p.birthName, firstName: p.firstName, birthDate: p.birthDate, role: 'DEM' as const },
          ],
        })),
      }).replace(/N'DIAYE/g, 'N&apos;DIAYE'),
    );
    await importFlux(stack.app.ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
  },
});

const menuLink = (name: string) =>
  journey.page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name, exact: true });

describe('navigation', () => {
  it('de la file au dossier et retour : filtres gardés, « Orientation » reste la rubrique en cours', async () => {
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await journey.page.goto(`${journey.stack.app.url}/orientation?ageMin=18&ageMax=60`);
    await journey.page.getByRole('heading', { level: 1, name: 'File d’orientation' }).waitFor();

    // Names exactly as given, never « Le roux ».
    for (const p of persons)
      await journey.page.getByRole('link', { name: `${p.firstName} ${p.birthName}`, exact: true }).waitFor();

    // Entry dates on one line.
    const entryCell = journey.page
      .getByRole('row', { name: /Yann LE ROUX/ })
      .locator('td time')
      .first();
    expect(await entryCell.evaluate((el) => getComputedStyle(el.parentElement!).whiteSpace)).toBe('nowrap');
    const box = await entryCell.boundingBox();
    const lineHeight = await entryCell.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
    expect(box!.height).toBeLessThan(lineHeight * 1.5);

    // The commune filter shows its whole placeholder.
    const commune = journey.page.getByLabel(/^Commune/);
    // The width the browser needs to show the chosen option whole (its own arrow included): the
    // same select with that option alone and its natural width.
    const { needed, actual } = await commune.evaluate((select: HTMLSelectElement) => {
      const probe = select.cloneNode(false) as HTMLSelectElement;
      probe.removeAttribute('id');
      probe.append(new Option(select.options[select.selectedIndex]!.text));
      probe.style.width = 'auto';
      probe.style.position = 'absolute';
      select.parentElement!.append(probe);
      const needed = probe.offsetWidth;
      probe.remove();
      return { needed, actual: select.offsetWidth };
    });
    expect(needed).toBeLessThanOrEqual(actual);

    expect(await menuLink('Orientation').getAttribute('aria-current')).toBe('page');
    await expectAccessible(journey.page);

    // To the orientation workspace, then the file: the way back and the menu follow the origin.
    await journey.page.getByRole('link', { name: 'Jean-Pierre DE LA FONTAINE', exact: true }).click();
    await journey.page.getByRole('heading', { level: 1, name: /Jean-Pierre DE LA FONTAINE/ }).waitFor();
    await journey.page.getByRole('link', { name: 'Retour à la file d’orientation' }).waitFor();
    expect(await menuLink('Orientation').getAttribute('aria-current')).toBe('page');
    expect(await menuLink('Personnes').getAttribute('aria-current')).toBeNull();
    await expectAccessible(journey.page);

    await journey.page.getByRole('link', { name: 'Dossier de la personne' }).click();
    await journey.page.getByRole('heading', { level: 1, name: 'Jean-Pierre DE LA FONTAINE' }).waitFor();
    expect(await menuLink('Orientation').getAttribute('aria-current')).toBe('page');
    expect(await menuLink('Personnes').getAttribute('aria-current')).toBeNull();
    await expectAccessible(journey.page);

    await journey.page.getByRole('link', { name: 'Retour à la file d’orientation' }).click();
    await journey.page.getByRole('heading', { level: 1, name: 'File d’orientation' }).waitFor();
    const back = new URL(journey.page.url());
    expect(back.pathname).toBe('/orientation');
    expect(back.searchParams.get('ageMin')).toBe('18');
    expect(back.searchParams.get('ageMax')).toBe('60');
    await expect(journey.page.getByLabel('Âge minimum').inputValue()).resolves.toBe('18');

    // Reached from the search instead, the file belongs to « Personnes ».
    await menuLink('Personnes').click();
    await journey.page.getByLabel(/^Nom, prénom/).fill('le roux yann');
    await journey.page.getByRole('button', { name: 'Rechercher' }).click();
    await journey.page
      .getByRole('link', { name: /LE ROUX/ })
      .first()
      .click();
    await journey.page.getByRole('heading', { level: 1, name: 'Yann LE ROUX' }).waitFor();
    await journey.page.getByRole('link', { name: 'Retour aux résultats de la recherche' }).waitFor();
    expect(await menuLink('Personnes').getAttribute('aria-current')).toBe('page');
    expect(await menuLink('Orientation').getAttribute('aria-current')).toBeNull();
  });
});
