import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { browserJourney, expectAccessible, login } from './stack';

/**
 * Issue 10, point 5: one validation style. Banners say what failed, field messages sit under their
 * field (the server's too), "obligatoire" is not "invalide", no browser bubble, the diagnosis is
 * folded by theme, slots keep to opening hours, and a decided proposal is not offered again.
 */

const today = parisDate(new Date());
const entryDate = addCalendarDays(today, -12);

const journey = browserJourney({
  setUp: async (stack) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-forms-')), 'vrsb.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: entryDate,
        households: [
          {
            claimNumber: '13500000001',
            status: '2',
            inseeCode: '13203',
            persons: [{ birthName: 'FORMULE', firstName: 'Elsa', birthDate: '1986-03-11', role: 'DEM' }],
          },
        ],
      }),
    );
    await importFlux(stack.app.ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
  },
});

/** A link of the main navigation (the home page has links of the same names). */
const nav = (name: string) =>
  journey.page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name, exact: true });

/** The message shown under a field (linked to it by aria-describedby). */
async function errorUnder(label: string | RegExp) {
  const field = journey.page.getByLabel(label, { exact: typeof label === 'string' });
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const errorId = ids.split(' ').find((id) => id.endsWith('-erreur'));
  expect(errorId, `error of ${label}`).toBeTruthy();
  return (await journey.page.locator(`[id="${errorId}"]`).textContent())?.replace('⚠', '').trim();
}

describe('formulaires', () => {
  it('connexion et compte : un titre par échec, « obligatoire » distinct d’« invalide », l’e-mail déjà pris sous son champ', async () => {
    await journey.page.goto(`${journey.stack.app.url}/connexion`);
    await journey.page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await journey.page.getByRole('alert').filter({ hasText: 'Connexion impossible' }).waitFor();
    expect(await errorUnder('Adresse e-mail')).toBe('L’adresse e-mail est obligatoire.');
    await journey.page.getByLabel('Adresse e-mail').fill('karim');
    await journey.page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect.poll(() => errorUnder('Adresse e-mail')).toBe('Adresse e-mail invalide.');
    expect(await journey.page.getByText('Le formulaire n’a pas pu être enregistré').count()).toBe(0);
    await expectAccessible(journey.page);

    await login(journey.page, journey.stack.app.url, 'admin@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await nav('Comptes').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();
    await journey.page
      .getByRole('link', { name: 'Créer un compte' })
      .or(journey.page.getByRole('button', { name: 'Créer un compte' }))
      .click();
    await journey.page.getByLabel('Nom et prénom').fill('Karim Doublon');
    await journey.page.getByLabel('Adresse e-mail').fill('orientation@parcours.test');
    await journey.page.getByLabel('Rôle').selectOption('administrator');
    await journey.page.getByRole('button', { name: 'Créer le compte' }).click();
    await journey.page.getByRole('alert').filter({ hasText: 'Le compte n’a pas été créé' }).waitFor();
    expect(await errorUnder('Adresse e-mail')).toBe('Un compte existe déjà avec cette adresse e-mail.');
    // A duplicate is not someone else's simultaneous change.
    expect(
      await journey.page.getByText(/Modification simultanée|modifiée par quelqu’un d’autre/).count(),
    ).toBe(0);
    await expectAccessible(journey.page);
  });

  it('créneaux : les heures d’ouverture se règlent par structure, un créneau à 03:00 est refusé sous l’heure', async () => {
    await login(journey.page, journey.stack.app.url, 'admin@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await nav('Structures').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Structures' }).waitFor();
    await journey.page.getByRole('button', { name: 'Modifier MDS Marseille 2/3' }).click();
    const dialog = journey.page.getByRole('dialog', { name: 'Modifier la structure MDS Marseille 2/3' });
    await dialog.getByLabel('Heures d’ouverture propres à cette structure').check();
    await dialog.getByLabel('Samedi').fill('');
    await dialog.getByLabel('Dimanche').fill('');
    await dialog.getByLabel('Lundi').fill('8h30-12h30, 13h30 à');
    await expectAccessible(journey.page);
    await dialog.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await dialog.getByText('La structure n’a pas été enregistrée').waitFor();
    expect(await errorUnder('Lundi')).toMatch(/^Plages attendues sous la forme 08:30-12:30/);
    await dialog.getByLabel('Lundi').fill('08:30-12:30, 13:30-17:30');
    await dialog.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = await journey.stack.app.ctx.db
      .selectFrom('structure')
      .select('opening_hours')
      .where('name', '=', 'MDS Marseille 2/3')
      .executeTakeFirstOrThrow();
    expect(saved.opening_hours).toMatchObject({ saturday: [], monday: [{ from: '08:30', to: '12:30' }, {}] });

    // The pôle's advisor, default hours: 03:00 is refused under "Heure de début".
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).click();
    await journey.page.waitForURL(/\/connexion/);
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await nav('Agenda').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    await journey.page.getByRole('button', { name: 'Créer des créneaux' }).click();
    await journey.page.getByLabel('Date', { exact: true }).fill(addCalendarDays(today, 36));
    await journey.page.getByLabel('Heure de début').fill('03:00');
    await journey.page.getByLabel(/^Heure de fin/).fill('03:30');
    await journey.page
      .getByLabel('Lieu', { exact: true })
      .fill('Pôle d’insertion Marseille 2/3, bureau de nuit');
    await journey.page.getByRole('button', { name: 'Créer le créneau' }).click();
    await journey.page.getByRole('alert').filter({ hasText: 'Les créneaux n’ont pas été créés' }).waitFor();
    expect(await errorUnder('Heure de début')).toMatch(/sort des heures d’ouverture par défaut/);
    await expectAccessible(journey.page);
  });

  it('orientation : avis médical sans bulle, diagnostic replié par thème, date avant l’entrée sous la date, pas de seconde acceptation', async () => {
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await nav('Orientation').click();
    await journey.page.getByRole('heading', { level: 1, name: 'File d’orientation' }).waitFor();
    await journey.page.getByRole('link', { name: 'Elsa FORMULE' }).click();
    await journey.page.getByRole('heading', { level: 1, name: 'Orientation d’Elsa FORMULE' }).waitFor();

    // The medical request: the application's message under the field, never the browser's bubble.
    await journey.page.getByRole('button', { name: 'Adresser à l’équipe médicale' }).click();
    const medical = journey.page.getByRole('dialog', { name: 'Adresser à l’équipe médicale' });
    expect(await medical.locator('form').getAttribute('novalidate')).not.toBeNull();
    await medical.getByRole('button', { name: 'Envoyer la demande' }).click();
    await medical.getByText('La demande n’a pas été envoyée').waitFor();
    expect(await errorUnder('Motif de la demande')).toBe('Le motif de la demande est obligatoire.');
    await medical.getByLabel('Motif de la demande').fill('ab');
    await medical.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expect
      .poll(() => errorUnder('Motif de la demande'))
      .toBe('Le motif de la demande est trop court (3 caractères au moins).');
    await expectAccessible(journey.page);
    await medical.getByRole('button', { name: 'Annuler' }).click();

    // The diagnosis: themes folded, each with what is chosen; opened with the keyboard.
    await journey.page.getByRole('button', { name: 'Saisir le diagnostic' }).click();
    const form = journey.page.getByRole('form', { name: 'Nouveau diagnostic' });
    const themes = form.locator('details.diagnosis-theme');
    expect(await themes.count()).toBeGreaterThan(3);
    expect(await form.locator('details.diagnosis-theme[open]').count()).toBe(0);
    const checkboxes = form.locator('input[type="checkbox"]');
    expect(await checkboxes.count()).toBeGreaterThan(10);
    expect(await checkboxes.first().isVisible()).toBe(false);
    const height = (await form.boundingBox())?.height ?? 0;
    expect(height).toBeGreaterThan(0);
    expect(height).toBeLessThan(2500);
    const first = themes.first();
    await first.locator('summary').focus();
    await journey.page.keyboard.press('Enter');
    await expect.poll(() => first.getAttribute('open')).not.toBeNull();
    await first.getByRole('checkbox').first().check();
    await first.locator('summary').getByText('Aucun frein · 1 situation cochée').waitFor();
    await expectAccessible(journey.page);
    await journey.page.getByLabel('Situation vis-à-vis de l’emploi').selectOption({ index: 1 });
    await journey.page.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    // A situation without its severity: the theme stays open and says so.
    await journey.page
      .getByRole('alert')
      .filter({ hasText: 'Le diagnostic n’a pas été enregistré' })
      .waitFor();
    expect(await first.getAttribute('open')).not.toBeNull();
    await first.getByRole('combobox').first().selectOption('moderate');
    await journey.page.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    await journey.page.getByText(/Le diagnostic \(version 1\) est enregistré/).waitFor();

    // The decision dated before the entry: the message under the date, the only field at fault.
    await journey.page.getByRole('button', { name: 'Accepter la proposition' }).click();
    await journey.page.getByLabel('Date de la décision').fill(addCalendarDays(entryDate, -3));
    await journey.page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
    await journey.page
      .getByRole('alert')
      .filter({ hasText: 'La décision n’a pas été enregistrée' })
      .waitFor();
    expect(await errorUnder('Date de la décision')).toMatch(/ne peut pas précéder l’entrée de la personne/);
    await expectAccessible(journey.page);
    await journey.page.getByLabel('Date de la décision').fill(today);
    await journey.page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
    await journey.page.getByText(/Orientation .* enregistrée/).waitFor();
    // Decided: the proposal is not offered again; what remains is a reorientation.
    await journey.page.getByRole('button', { name: 'Réorienter la personne' }).waitFor();
    expect(await journey.page.getByRole('button', { name: 'Accepter la proposition' }).count()).toBe(0);
    await expectAccessible(journey.page);
  });
});
