import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

// A living demo (≈ 24 months of synthetic history): entries, orientations, appointments, contracts.
const journey = browserJourney({ stack: { demoPersons: 150 } });

interface Figures {
  from: string;
  to: string;
  hub: string | null;
  indicators: Record<string, number | null>;
}

/** The figures as the API gives them to the signed-in user: the screen must show these. */
async function figuresOf(page: Page, query: string): Promise<Figures> {
  const answer = await page.request.get(`${journey.stack.app.url}/api/indicators/plan-pauvrete?${query}`);
  expect(answer.status()).toBe(200);
  return (await answer.json()) as Figures;
}

/** « 1 234 » as Intl writes it in French (narrow no-break space), matched loosely. */
const french = (n: number) => new RegExp(`^${n.toLocaleString('fr-FR').replace(/\s/g, '\\s')}$`);

function isoDaysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

const today = isoDaysAgo(0);
const yearAgo = isoDaysAgo(365);

function row(page: Page, label: string) {
  return page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${label}`) }) });
}

describe('Plan Pauvreté indicators', () => {
  it('the steering role changes the period and the pôle, reads a definition, sees counts and no person', async () => {
    const { page } = journey;
    await login(page, journey.stack.app.url, 'pilotage@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'Indicateurs du Plan Pauvreté').click();
    await page.getByRole('heading', { level: 1, name: 'Indicateurs du Plan Pauvreté' }).waitFor();
    // Default period: 1 January of this year to today.
    await expect(page.getByLabel('Du').inputValue()).resolves.toBe(`${today.slice(0, 4)}-01-01`);
    await expect(page.getByLabel('Au').inputValue()).resolves.toBe(today);
    await page.getByRole('heading', { level: 2, name: /^3\.1\.1 — Instruire et orienter/ }).waitFor();

    // The last twelve months, whole département.
    await page.getByLabel('Du').fill(yearAgo);
    await page.getByRole('button', { name: 'Afficher les indicateurs' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === yearAgo);
    const all = await figuresOf(page, `from=${yearAgo}&to=${today}`);
    const entrants = all.indicators.newEntrants as number;
    const within = all.indicators.newEntrantsOrientedWithin1Month as number;
    expect(entrants, 'the demo has entries in the last twelve months').toBeGreaterThan(0);
    await page.getByText(/Indicateurs du .* au .* — Tout le département\./).waitFor();
    await row(page, 'Nouveaux entrants Définition')
      .getByRole('cell')
      .first()
      .getByText(french(entrants))
      .waitFor();
    // The share is derived on screen from the two counts.
    const share = `${Math.round((within / entrants) * 100)}`;
    await row(page, 'Nouveaux entrants orientés en 1 mois et moins')
      .getByText(
        new RegExp(`^${share}\\s%\\s\\(${within.toLocaleString('fr-FR').replace(/\s/g, '\\s')}\\s/\\s`),
      )
      .waitFor();

    // One pôle: the figures are the API's for that pôle.
    const hubSelect = page.getByLabel('Pôle d’insertion');
    const options = await hubSelect
      .locator('option')
      .evaluateAll((els) =>
        els.map((e) => ({ value: (e as HTMLOptionElement).value, label: e.textContent ?? '' })),
      );
    const hub = options.find((o) => o.value !== '');
    if (!hub) throw new Error('the demo has no pôle');
    await hubSelect.selectOption(hub.value);
    await page.getByRole('button', { name: 'Afficher les indicateurs' }).click();
    await page.waitForURL((url) => url.searchParams.get('hub') === hub.value);
    const ofHub = await figuresOf(page, `from=${yearAgo}&to=${today}&hub=${encodeURIComponent(hub.value)}`);
    expect(ofHub.hub).toBe(hub.value);
    await page.getByText(`— ${hub.label}.`, { exact: false }).waitFor();
    await row(page, 'Premiers contrats d’engagement Définition')
      .getByRole('cell')
      .first()
      .getByText(french(ofHub.indicators.firstContracts as number))
      .waitFor();

    // The definition at hand: a disclosure, opened and closed with the keyboard.
    const toggle = page.getByRole('button', { name: 'Définition : Nouveaux entrants', exact: true });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const definition = page.getByText(/^Personnes soumises aux droits et devoirs dont la date d’entrée/);
    await definition.waitFor();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await definition.waitFor({ state: 'hidden' });

    // Counts only: no way to the persons.
    await expect(page.getByRole('link', { name: /Voir les personnes/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('columnheader', { name: 'Personnes' }).count()).resolves.toBe(0);
    const persons = `indicator=newEntrants&from=${yearAgo}&to=${today}`;
    const refused = await page.request.get(
      `${journey.stack.app.url}/api/indicators/plan-pauvrete/persons?${persons}`,
    );
    expect(refused.status()).toBe(403);

    // The figures shown, as CSV.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger (CSV)' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe(
      `indicateurs-plan-pauvrete_${yearAgo}_${today}_${hub.value.replace(/[^A-Za-z0-9._-]/g, '-')}.csv`,
    );
    const csv = await streamText(await file.createReadStream());
    expect(csv).toContain(
      `3.1.3;Premiers contrats d’engagement;${ofHub.indicators.firstContracts};;;${yearAgo};${today};${hub.label}`,
    );

    // A period the API refuses: its French message under the field.
    await page.goto(`${journey.stack.app.url}/pilotage/indicateurs?from=${today}&to=${yearAgo}`);
    await page.getByText('La fin de la période doit être postérieure ou égale à son début.').waitFor();
    await expect(page.getByLabel('Au').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByRole('alert').filter({ hasText: 'Les indicateurs n’ont pas été calculés' }).waitFor();
    await expectAccessible(page);
    await page.goto(`${journey.stack.app.url}/pilotage/indicateurs?from=${yearAgo}&to=${today}&hub=INCONNU`);
    await page.getByText('Pôle d’insertion inconnu.').waitFor();
    await expect(page.getByLabel('Pôle d’insertion').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByRole('table').count()).resolves.toBe(0);

    // Nor by the address of the persons' page.
    await page.goto(`${journey.stack.app.url}/pilotage/indicateurs/personnes?${persons}`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
  });

  it('an administrator opens the persons behind a figure: as many as the figure', async () => {
    const { page } = journey;
    await login(page, journey.stack.app.url, 'admin@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${journey.stack.app.url}/pilotage/indicateurs?from=${yearAgo}&to=${today}`);
    await page.getByRole('heading', { level: 1, name: 'Indicateurs du Plan Pauvreté' }).waitFor();
    const all = await figuresOf(page, `from=${yearAgo}&to=${today}`);
    const oriented = all.indicators.newEntrantsOriented as number;
    expect(oriented, 'the demo has oriented new entrants in the last twelve months').toBeGreaterThan(0);

    await page
      .getByRole('link', { name: 'Voir les personnes : Nouveaux entrants orientés', exact: true })
      .click();
    await page
      .getByRole('heading', { level: 1, name: 'Personnes comptées — Nouveaux entrants orientés' })
      .waitFor();
    const pages = Math.ceil(oriented / 50);
    const summary = `${oriented.toLocaleString('fr-FR')} ${oriented > 1 ? 'personnes' : 'personne'} — page 1 sur ${pages}`;
    await page.getByText(`${summary}.`, { exact: true }).waitFor();
    const table = page.getByRole('table', { name: summary });
    await expect(table.getByRole('row').count()).resolves.toBe(1 + Math.min(oriented, 50));
    await table.getByRole('columnheader', { name: 'Orientation initiale' }).waitFor();
    await expectAccessible(page);

    // Each name opens the person's file.
    const first = table.getByRole('rowheader').first().getByRole('link');
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/personnes\/[0-9a-f-]{36}$/);
    await first.click();
    await page.waitForURL((url) => url.pathname === href);
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
