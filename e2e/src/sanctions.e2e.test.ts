import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import {
  createTestAppointment,
  createTestPerson,
  parisTimeInDays,
} from '../../apps/api/test/support/messaging-fixtures';
import { attachDemoBeneficiary, contractSignedByReferent } from '../../apps/api/test/support/space-fixtures';
import { browserJourney, expectAccessible, login, logout, menuLink } from './stack';

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
    // Her référente (the demo's) will propose her a contract.
    await attachDemoBeneficiary(stack.app, personId);
  },
});

describe('duties and sanctions (issue 14)', () => {
  it('a no-show becomes a failure, goes through the contradictory procedure to a 2025 suspension, exported; a refused contract is a failure; the contract signed ends the suspension (exported)', async () => {
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

    // Her référente proposes a contract: she refuses to sign it. Noted on the contract, the refusal
    // is a failure found in the facts.
    const { contractId } = await contractSignedByReferent(journey.stack.app, personId, 'Suivre l’atelier.');
    const contractUrl = `${base}/personnes/${personId}/contrats/${contractId}`;
    await logout(page);
    await login(page, base, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(contractUrl);
    await page.getByRole('heading', { level: 2, name: 'Signatures' }).waitFor();
    await page.getByRole('button', { name: 'La personne refuse de signer' }).click();
    dialog = page.getByRole('dialog', { name: 'La personne refuse de signer le contrat' });
    await dialog.getByRole('button', { name: 'Noter le refus' }).click();
    await dialog.getByText('Ce que la personne a dit : obligatoire.').waitFor();
    await dialog
      .getByLabel('Ce que la personne a dit de son refus')
      .fill('Ne veut pas s’engager maintenant.');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Noter le refus' }).click();
    await page.getByText('Le refus de la personne est noté et le contrat est repris en brouillon.').waitFor();
    await page
      .getByText(/refus de signer le contrat \(version n° 1\) : « Ne veut pas s’engager maintenant\. »/)
      .waitFor();

    await logout(page);
    await login(page, base, 'ep@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${base}/personnes/${personId}`);
    const refusal = page
      .getByRole('region', { name: 'Droits et devoirs : manquements et sanctions' })
      .getByRole('button', {
        name: `Enregistrer le manquement : Refus d’élaborer ou d’actualiser le contrat d’engagement du ${frenchDay(today)}`,
      });
    await refusal.waitFor();
    // Not pursued (she agrees to sign a revised contract): classed without follow-up, with the reason.
    const rights = page.getByRole('region', { name: 'Droits et devoirs : manquements et sanctions' });
    await rights
      .getByRole('button', {
        name: `Classer sans suite : Refus d’élaborer ou d’actualiser le contrat d’engagement du ${frenchDay(today)}`,
      })
      .click();
    dialog = page.getByRole('dialog', { name: 'Classer le manquement sans suite' });
    await dialog.getByRole('button', { name: 'Classer sans suite' }).click();
    await dialog.getByText('Motif du classement sans suite : obligatoire.').first().waitFor();
    await dialog.getByLabel('Motif du classement sans suite').fill('Elle accepte de signer le contrat revu.');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Classer sans suite' }).click();
    await page.getByText('Le manquement est classé sans suite.').waitFor();
    await rights.getByText(/^Motif : Elle accepte de signer le contrat revu\./).waitFor();
    expect(await refusal.count()).toBe(0);

    // Days later she accepts it: proposed again, signed by both on the référente's screen.
    await logout(page);
    await login(page, base, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(contractUrl);
    await page.getByRole('button', { name: 'Proposer à la signature' }).click();
    await page.getByRole('heading', { level: 2, name: 'Signatures' }).waitFor();
    await page.getByRole('button', { name: 'Signer en tant que référent' }).click();
    await page.getByText('La signature du référent est enregistrée.').waitFor();
    await page.getByLabel(/^La personne déclare : « J’ai lu mon contrat d’engagement/).check();
    await page.getByRole('button', { name: 'Enregistrer la signature de la personne' }).click();
    await page.getByText('En vigueur', { exact: true }).first().waitFor();

    // The suspension ends by remobilisation, found in the facts.
    await logout(page);
    await login(page, base, 'ep@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${base}/personnes/${personId}`);
    const ended = page
      .getByRole('region', { name: 'Droits et devoirs : manquements et sanctions' })
      .getByRole('article', { name: /^Procédure — Absence sans motif/ });
    await ended.getByText('Terminée').waitFor();
    await ended.getByText(/Remobilisation : contrat d’engagement signé/).waitFor();
    expect(await refusal.count()).toBe(0);
    await expectAccessible(page);

    // Exported: the start and the end of the suspension wait for the day's CAF file.
    await logout(page);
    await login(page, base, 'admin@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${base}/sanctions/caf`);
    const pending = page
      .getByRole('region', { name: 'Lignes à transmettre' })
      .getByRole('table', { name: /ligne\(s\) — à transmettre/ });
    await pending.getByRole('row', { name: /PARCOURSTEST.*Début de suspension/ }).waitFor();
    await expect
      .poll(async () =>
        (await pending.getByRole('row', { name: /PARCOURSTEST.*Fin de suspension/ }).allInnerTexts()).join(
          ' ',
        ),
      )
      .toMatch(/50 %, 2 mois.*Remobilisation : contrat signé.*À transmettre/s);
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
