import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { loggedIn } from '../../apps/api/test/support/harness';
import {
  createTestAppointment,
  createTestPerson,
  parisTimeInDays,
} from '../../apps/api/test/support/messaging-fixtures';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const today = parisDate(new Date());
const frenchDay = (d: string) => d.split('-').reverse().join('/');
/** « 24 octobre 2026 », as the letters write a date. */
const frenchLong = (d: string) =>
  new Date(`${d}T12:00:00Z`)
    .toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })
    .replace(/^1 /, '1er ');
let personId = '';
let missedOn = '';

const journey = browserJourney({
  setUp: async (stack) => {
    personId = await createTestPerson(stack.app, {
      firstName: 'Salomé',
      lastName: 'PARCOURSTEST',
      email: { value: 'salome.parcourstest@exemple.fr', consent: 'A' },
    });
    // A convocation missed without excuse forty days ago: a failure found in the facts.
    await createTestAppointment(stack.app, personId, parisTimeInDays(-40, 10, 0), { status: 'noshow' });
    missedOn = addCalendarDays(today, -40);
  },
});

describe('duties and sanctions (issue 14)', () => {
  it('a no-show becomes a failure, goes through the contradictory procedure to a 2025 suspension, which ends when the person is seen', async () => {
    const { page } = journey;
    const base = journey.stack.app.url;
    await login(page, base, 'ep@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();

    // The pôle's queue shows the no-show found in the facts.
    await menuLink(page, 'Droits et devoirs').click();
    await page.getByRole('heading', { level: 1, name: 'Manquements à examiner' }).waitFor();
    const row = page.getByRole('row', { name: /PARCOURSTEST/ });
    await row
      .getByText(`Absence sans motif à une convocation, le ${frenchDay(missedOn)} (constaté, à enregistrer)`)
      .waitFor();
    await expectAccessible(page);
    await row.getByRole('link', { name: /PARCOURSTEST/ }).click();

    // On the file: record it, open the procedure.
    const section = page.getByRole('region', { name: 'Droits et devoirs : manquements et sanctions' });
    await section.waitFor();
    await section
      .getByRole('button', {
        name: `Enregistrer le manquement : Absence sans motif à une convocation du ${frenchDay(missedOn)}`,
      })
      .click();
    await page.getByText('Le manquement est enregistré : il est à examiner.').waitFor();
    await section.getByRole('button', { name: /^Ouvrir une procédure/ }).click();
    await page.getByText('La procédure est ouverte : envoyez l’information préalable.').waitFor();
    const card = section.getByRole('article', { name: /^Procédure — Absence sans motif/ });
    await card.getByText('Suspension-remobilisation (faits depuis le 1er juin 2025)').waitFor();
    await expectAccessible(page);

    // Prior notice, then the person's observations (at an interview, assisted).
    await card.getByRole('button', { name: 'Envoyer l’information préalable' }).click();
    let dialog = page.getByRole('dialog', { name: 'Information préalable' });
    await dialog.getByLabel('Envoyée le').fill(today);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Envoyer l’information préalable' }).click();
    await card.getByText(/^envoyée le/).waitFor();
    // The letter: a real PDF with the facts, the deadline and the right to be assisted.
    const href = await card
      .getByRole('link', { name: 'Courriers de la procédure (PDF)' })
      .getAttribute('href');
    const pdf = await page.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const letter = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(letter).toContain(frenchLong(missedOn));
    expect(letter).toMatch(/assist/);
    // …and the e-mail, to the address she consented to.
    await expect
      .poll(() => journey.stack.mails.filter((m) => m.to.includes('salome.parcourstest@exemple.fr')).length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);

    await card.getByRole('button', { name: 'Enregistrer les observations' }).click();
    dialog = page.getByRole('dialog', { name: 'Observations de la personne' });
    await dialog.getByLabel('Forme').selectOption('interview');
    await dialog.getByLabel('Observations').fill('Absente pour garde d’enfant, sans prévenir.');
    await dialog.getByLabel('Personne qui assistait (nom et qualité)').fill('M. Dupuis, assistant social');
    await dialog.getByRole('button', { name: 'Enregistrer les observations' }).click();
    await card.getByText(/assistée par M\. Dupuis/).waitFor();

    // A decision above the household's bounds is refused in French, nothing changes; then a valid one.
    await card.getByRole('button', { name: 'Décider' }).click();
    dialog = page.getByRole('dialog', { name: 'Décision' });
    await dialog.getByLabel('Nature de la décision').selectOption('sanction');
    await dialog.getByLabel('Taux (%)').fill('20');
    await dialog.getByLabel('Durée (mois)').fill('2');
    await dialog.getByRole('button', { name: 'Décider' }).click();
    await dialog.getByText('L’étape n’a pas été enregistrée').waitFor();
    await expectAccessible(page);
    await dialog.getByLabel('Taux (%)').fill('50');
    // A modulation needs its reason: refused under the field until it is written.
    await dialog.getByLabel('État de santé').check();
    await dialog.getByRole('button', { name: 'Décider' }).click();
    await dialog
      .getByText(/Motivez la modulation retenue/)
      .first()
      .waitFor();
    await dialog.getByLabel('Motivation (facultatif)').fill('Suivi médical en cours : taux modéré.');
    await dialog.getByRole('button', { name: 'Décider' }).click();
    await card.getByText(/Suspension \(ou réduction\) de l’allocation de 50 % pendant 2 mois/).waitFor();

    await card.getByRole('button', { name: 'Enregistrer la notification' }).click();
    dialog = page.getByRole('dialog', { name: 'Notification de la décision' });
    await dialog.getByRole('button', { name: 'Enregistrer la notification' }).click();
    await card.getByText('Décision notifiée').waitFor();

    // The person is seen at an appointment: the suspension ends by remobilisation, found in the facts.
    const appointmentId = await createTestAppointment(journey.stack.app, personId, parisTimeInDays(0, 8, 0));
    const advisor = await loggedIn(journey.stack.app, 'orientation@parcours.test');
    const { version } = await journey.stack.app.ctx.db
      .selectFrom('appointment')
      .select('version')
      .where('id', '=', appointmentId)
      .executeTakeFirstOrThrow();
    const seen = await advisor.post(`/api/appointments/${appointmentId}/outcome`, {
      status: 'seen',
      version,
    });
    expect(seen.status, seen.text).toBe(200);
    await page.reload();
    const ended = page
      .getByRole('region', { name: 'Droits et devoirs : manquements et sanctions' })
      .getByRole('article', { name: /^Procédure — Absence sans motif/ });
    await ended.getByText('Terminée').waitFor();
    await ended.getByText(/Remobilisation : rendez-vous honoré/).waitFor();
    await expectAccessible(page);
  });

  it('steering sees the counts per month, regime and outcome, without names', async () => {
    const { page } = journey;
    await login(page, journey.stack.app.url, 'pilotage@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'Sanctions : suivi').click();
    await page.getByRole('heading', { level: 1, name: 'Sanctions : suivi' }).waitFor();
    const table = page.getByRole('table', { name: /procédure\(s\) ouverte\(s\)/ });
    const row = table.getByRole('row', { name: /Suspension-remobilisation.*Suspension/ });
    await expect.poll(async () => (await row.allInnerTexts()).join(' ')).toMatch(/\b1\s+1\b/);
    await expect.poll(() => page.getByText('PARCOURSTEST').count()).toBe(0);
    await expectAccessible(page);
  });
});
