import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

// A living demo (synthetic history over about two years): entries, orientations, appointments, contracts.
const journey = browserJourney({ stack: { demoPersons: 150 }, context: { acceptDownloads: true } });

const charts = [
  'Nouveaux entrants par mois',
  'Délais d’orientation des nouveaux entrants',
  'File d’attente d’orientation par pôle',
  'Délais du premier rendez-vous d’accompagnement',
  'Délais du premier contrat d’engagement',
  'Charge des portefeuilles par structure',
  'Prescriptions par action et par statut',
  'Sorties par action et par type',
];

interface Month {
  month: string;
  entrants: number;
  oriented: number;
  orientedWithin1Month: number;
}

describe('steering dashboard', () => {
  it('the steering user sees each chart, filters a pôle, opens a table and downloads a CSV', async () => {
    const { page } = journey;
    const base = journey.stack.app.url;
    await login(page, base, 'pilotage@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'Tableau de bord').click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord de pilotage' }).waitFor();
    for (const title of charts) await page.getByRole('figure', { name: title }).waitFor();
    // The charts are drawn (SVG), hatch patterns included, and hidden from assistive technologies.
    const entrants = page.getByRole('figure', { name: 'Nouveaux entrants par mois' });
    await entrants.locator('svg.recharts-surface pattern').first().waitFor({ state: 'attached' });
    await expect(entrants.locator('.chart-figure__chart').getAttribute('aria-hidden')).resolves.toBe('true');
    await expectAccessible(page);

    // Filter one pôle: the address keeps it, the queue shows that pôle only.
    await page.getByLabel('Pôle d’insertion').selectOption({ label: 'Marseille 2/3' });
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL(/hub=marseille-2-3/);
    await page.getByText(/— Marseille 2\/3\./).waitFor();
    const query = new URL(page.url()).searchParams;
    const answer = await page.request.get(`${base}/api/dashboards/steering?${query}`);
    expect(answer.status()).toBe(200);
    const data = (await answer.json()) as {
      newEntrants: Month[];
      queue: { hubName: string; total: number }[];
    };
    expect(data.queue.map((q) => q.hubName)).toEqual(['Marseille 2/3']);

    // The accessible table of the monthly entrants says what the API says.
    await entrants.getByText('Voir les données (tableau)').click();
    const table = entrants.getByRole('table', { name: 'Nouveaux entrants par mois' });
    await table.waitFor();
    await expect(table.getByRole('row').count()).resolves.toBe(data.newEntrants.length + 1);
    const busiest = [...data.newEntrants].sort((a, b) => b.entrants - a.entrants)[0]!;
    expect(busiest.entrants).toBeGreaterThan(0);
    const cells = await table
      .getByRole('row')
      .nth(data.newEntrants.indexOf(busiest) + 1)
      .getByRole('cell')
      .allTextContents();
    expect(cells[0]).toBe(busiest.entrants.toLocaleString('fr-FR'));
    const queue = page.getByRole('figure', { name: 'File d’attente d’orientation par pôle' });
    await queue.getByText('Voir les données (tableau)').click();
    await queue.getByRole('rowheader', { name: 'Marseille 2/3' }).waitFor();
    await expectAccessible(page);

    // The CSV: BOM, headers, one line a month, counts under 5 masked.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      entrants
        .getByRole('button', { name: 'Télécharger les données (CSV) — Nouveaux entrants par mois' })
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^nouveaux-entrants_.*marseille-2-3\.csv$/);
    const csv = fs.readFileSync((await download.path()) as string, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Mois d’entrée;Nouveaux entrants;Dont orientés;Dont orientés en 1 mois et moins');
    expect(lines).toHaveLength(data.newEntrants.length + 1);
    data.newEntrants.forEach((m, i) => {
      const entrantsCell = lines[i + 1]!.split(';')[1];
      // Under 5: masked; others shown as they are, unless masked too so that no total reveals one.
      if (m.entrants > 0 && m.entrants < 5) expect(entrantsCell).toBe('< 5');
      else expect([String(m.entrants), '< 5']).toContain(entrantsCell);
    });
    expect(csv).not.toMatch(/\b\d{13}\b/);
  });
});
