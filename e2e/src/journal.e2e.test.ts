import fs from 'node:fs';
import { roleLabels } from '@parcours/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createTestPerson } from '../../apps/api/test/support/messaging-fixtures';
import { browserJourney, expectAccessible, login, logout, menuLink } from './stack';
import { saveScreen } from './support/screens';

let fleury: string;

const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

const journey = browserJourney({
  context: { acceptDownloads: true },
  setUp: async (stack) => {
    fleury = await createTestPerson(stack.app, { firstName: 'Josiane', lastName: 'FLEURY' });
    await createTestPerson(stack.app, { firstName: 'Marcel', lastName: 'FLEURION' });
  },
});

async function signIn(email: string) {
  await login(journey.page, journey.stack.app.url, email);
  await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

/** Words of the element's text drawn on more than one line: a word cut in the middle. */
function wordsCutInTwo(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const cut: string[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        if (tops.size > 1) cut.push(m[0]);
      }
    }
    return cut;
  });
}

describe('journal des accès', () => {
  it('retrouve qui a consulté un dossier : personne par son nom, agent, action en français, période, export', async () => {
    // An advisor opens the file; the section « Qui a consulté ce dossier » is not theirs.
    await signIn('orientation@parcours.test');
    await journey.page.goto(`${journey.stack.app.url}/personnes/${fleury}`);
    await journey.page.getByRole('heading', { level: 1, name: 'Josiane FLEURY' }).waitFor();
    await journey.page.getByRole('heading', { name: 'Chronologie' }).waitFor();
    expect(await journey.page.getByRole('heading', { name: 'Qui a consulté ce dossier ?' }).count()).toBe(0);
    await logout(journey.page);

    await signIn('admin@parcours.test');
    await menuLink(journey.page, 'Journal des accès').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Journal des accès' }).waitFor();
    await journey.page.getByRole('table').waitFor();
    await expectAccessible(journey.page);

    // The person through the normal search: her name, not an identifier.
    await journey.page.getByRole('searchbox', { name: /^Personne/ }).fill('fleury');
    await journey.page.getByRole('button', { name: 'Choisir Josiane FLEURY, née le 12/04/1988' }).click();
    await journey.page.getByRole('searchbox', { name: /^Agent/ }).fill('karim');
    await journey.page
      .getByRole('button', { name: 'Choisir Karim Orientation (orientation@parcours.test)' })
      .click();
    // Actions are French labels, grouped; the code is not typed.
    await journey.page.getByLabel(/^Action/).selectOption({ label: 'Consultation du dossier' });
    await journey.page.getByLabel(/^Du/).fill(parisToday());
    await journey.page.getByLabel(/^Au/).fill(parisToday());
    await journey.page.getByRole('button', { name: 'Rechercher', exact: true }).click();

    await journey.page
      .getByRole('heading', { level: 2, name: 'Accès au dossier de Josiane FLEURY' })
      .waitFor();
    const row = journey.page.getByRole('row', { name: /Karim Orientation/ });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    await expect.poll(() => row.textContent()).toContain('Consultation du dossier');
    expect(await row.textContent()).toContain(roleLabels.orientation_advisor);
    expect(new URL(journey.page.url()).searchParams.get('personne')).toBe(fleury);
    // The chosen person stays shown by her name after the search.
    await journey.page.getByText('Josiane FLEURY, née le 12/04/1988').first().waitFor();
    await expectAccessible(journey.page);
    // Role names wrap between words, never inside one.
    expect(await wordsCutInTwo(journey.page, 'table tbody tr td:nth-child(3)')).toEqual([]);
    await saveScreen(journey.page, 'journal.png');

    // The export is the same search, in a spreadsheet file with a BOM.
    const [download] = await Promise.all([
      journey.page.waitForEvent('download'),
      journey.page.getByRole('link', { name: 'Exporter cette recherche (CSV)' }).click(),
    ]);
    const bytes = fs.readFileSync((await download.path()) ?? '');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(';Karim Orientation;orientation@parcours.test;');
    expect(lines[1]).toContain(';Consultation du dossier;person.read;Josiane FLEURY;');

    // A period ending before it starts is refused next to the field.
    await journey.page.getByLabel(/^Du/).fill(parisToday());
    await journey.page.getByLabel(/^Au/).fill('2020-01-01');
    await journey.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await journey.page.getByText('La fin de la période précède son début.').waitFor();
    await expectAccessible(journey.page);
  });

  it('montre « Qui a consulté ce dossier » depuis le dossier de la personne', async () => {
    await signIn('orientation@parcours.test');
    await journey.page.goto(`${journey.stack.app.url}/personnes/${fleury}`);
    await journey.page.getByRole('heading', { level: 1, name: 'Josiane FLEURY' }).waitFor();
    await logout(journey.page);

    await signIn('admin@parcours.test');
    await journey.page.goto(`${journey.stack.app.url}/personnes/${fleury}`);
    await journey.page.getByRole('heading', { level: 1, name: 'Josiane FLEURY' }).waitFor();
    await journey.page.getByRole('link', { name: 'Qui a consulté ce dossier ?' }).click();
    await journey.page.getByRole('button', { name: 'Afficher les accès à ce dossier' }).click();
    const table = journey.page.getByRole('table', { name: /Accès à ce dossier/ });
    await table.waitFor();
    const read = table.getByRole('row', { name: /Karim Orientation/ }).first();
    await read.waitFor();
    expect(await read.textContent()).toContain('Consultation du dossier');
    expect(await read.textContent()).toContain(roleLabels.orientation_advisor);
    await expectAccessible(journey.page);

    // Reading it is itself in the journal, for this person.
    const traced = await journey.stack.app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'audit.person_trail_read')
      .where('person_id', '=', fleury)
      .execute();
    expect(traced.length).toBeGreaterThan(0);

    await journey.page
      .getByRole('link', { name: /Rechercher les accès à ce dossier dans le journal/ })
      .click();
    await journey.page
      .getByRole('heading', { level: 2, name: 'Accès au dossier de Josiane FLEURY' })
      .waitFor();
  });
});
