import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parisToday } from '../../apps/api/src/platform/time';
import { hubOfPerson, seedAidPerson } from '../../apps/api/test/support/aid-fixtures';
import { browserJourney, expectAccessible, login, logout } from './stack';

let person: { personId: string; contractId: string };

const journey = browserJourney({
  setUp: async (stack) => {
    // A person followed by the demo référent's structure, with a contract in force (SQL fixture).
    person = await seedAidPerson(stack.app, 'AIDEPERMIS');
    const hubId = await hubOfPerson(stack.app, person.personId);
    await stack.app.ctx.db
      .insertInto('aid_envelope')
      .values({
        department_code: '13',
        year: Number(parisToday().slice(0, 4)),
        kind: 'driving_licence',
        hub_id: hubId,
        amount_cents: 500_000,
      })
      .execute();
  },
});

describe('individual aids', () => {
  it('a référent requests an aid on a signed contract; the aids manager validates it, orders, exports and pays it', async () => {
    const { page } = journey;
    const url = journey.stack.app.url;
    const year = parisToday().slice(0, 4);
    await login(page, url, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${url}/personnes/${person.personId}`);
    const section = page.getByRole('region', { name: 'Aides individuelles' });
    await section.getByText('Aucune aide individuelle.').waitFor();
    await expectAccessible(page);

    await section
      .getByLabel('Nature de l’aide')
      .selectOption({ label: 'Aide à l’obtention du permis de conduire' });
    await section.getByText(/Plafonds en vigueur : 1\s500,00\s€ par aide/).waitFor();
    await section.getByLabel('Montant (€)').fill('1 600');
    await section.getByLabel('Objet de l’aide').fill('Vingt heures de conduite');
    await section
      .getByLabel('Paiement à')
      .selectOption({ label: 'Un tiers (auto-école, organisme, fournisseur…)' });
    await section.getByLabel('Nom du tiers').fill('Auto-école du Vieux-Port');
    await section.getByLabel('Référence (devis, facture)', { exact: false }).fill('DEVIS-77');
    await section.getByRole('button', { name: 'Demander l’aide' }).click();
    // Over the ceiling per aid: the refusal under the amount, nothing recorded.
    await section
      .getByText(/dépasse le plafond par aide/)
      .first()
      .waitFor();
    await expect.poll(() => section.getByLabel('Montant (€)').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await section.getByLabel('Montant (€)').fill('1 200');
    await section.getByRole('button', { name: 'Demander l’aide' }).click();
    const row = section.getByRole('row', { name: /Aide à l’obtention du permis de conduire/ });
    await row.getByText('Demandée').waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/1\s200,00\s€/);
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch('Auto-école du Vieux-Port');
    await logout(page);

    // The aids manager: the request beside its envelope, validated.
    await login(page, url, 'aides@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.getByRole('link', { name: 'Aides individuelles' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Aides individuelles' }).waitFor();
    const request = page.getByRole('row', { name: /AIDEPERMIS Inès/ });
    await expect
      .poll(async () => (await request.textContent()) ?? '')
      .toMatch(new RegExp(`Enveloppe ${year} : 5\\s000,00\\s€ · engagé 0,00\\s€ · reste 5\\s000,00\\s€`));
    await expect
      .poll(async () => (await request.textContent()) ?? '')
      .toMatch(/demandes en attente 1\s200,00\s€/);
    await expectAccessible(page);
    await request.getByRole('button', { name: /Valider l’aide de AIDEPERMIS Inès/ }).click();
    await page.getByText(/Aide validée : AIDEPERMIS Inès/).waitFor();
    await page.getByRole('link', { name: 'Validées' }).click();
    await expect
      .poll(async () => (await page.getByRole('row', { name: /AIDEPERMIS Inès/ }).textContent()) ?? '')
      .toMatch(/engagé 1\s200,00\s€ · reste 3\s800,00\s€/);

    // The payment order, its CSV for the finance system, then paid.
    await page.getByRole('link', { name: 'Ordres de paiement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ordres de paiement des aides' }).waitFor();
    await page.getByText(/AIDEPERMIS Inès — Aide à l’obtention du permis de conduire/).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Mettre en paiement toutes les aides validées' }).click();
    const order = page.getByRole('region', { name: /Ordre de paiement OP-\d{4}-\d{4}/ });
    await order.waitFor();
    const number = ((await order.getByRole('heading').first().textContent()) ?? '').replace(
      'Ordre de paiement ',
      '',
    );
    expect(number).toMatch(/^OP-\d{4}-\d{4}$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      order.getByRole('link', { name: `Télécharger le fichier CSV de l’ordre ${number}` }).click(),
    ]);
    const csv = fs.readFileSync((await download.path()) as string, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toMatch(
      new RegExp(
        `^PAIEMENT;${number};1;[0-9a-f-]{36};${parisToday()};driving_licence;Aide à l’obtention du permis de conduire;[^;]+;[^;]+;Auto-école du Vieux-Port;DEVIS-77;1200\\.00;$`,
      ),
    );
    expect(lines).toContain(`TOTAL_ORDRE;${number};;;${parisToday()};;;;;;;1200.00;1`);
    expect(csv).not.toContain('DES LILAS');
    await expectAccessible(page);

    await order.getByLabel('Référence du paiement').fill('MANDAT-2026-001');
    await order.getByRole('button', { name: 'Marquer payé' }).click();
    await page.getByText(`L’ordre ${number} est marqué payé.`).waitFor();
    await expect
      .poll(async () => (await order.getByRole('row', { name: /AIDEPERMIS Inès/ }).textContent()) ?? '')
      .toMatch('Payée');
    await expectAccessible(page);
  });
});
