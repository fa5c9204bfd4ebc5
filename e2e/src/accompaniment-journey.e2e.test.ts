import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sendAlertDigests } from '../../apps/api/src/modules/accompaniment/application/digest';
import {
  addCalendarDays,
  isWorkingDay,
  parisDate,
} from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { refreshOrientationReadModel } from '../../apps/api/src/modules/orientation/application/read-model';
import { createTestPerson } from '../../apps/api/test/support/messaging-fixtures';
import { browserJourney, closeContext, expectAccessible, login, logout, menuLink } from './stack';
import { addStep, expectEveryWeekAt18Hours } from './support/contract-editor';
import { mailTo } from './support/mail';
import { capMdsAtThree, daysAgo, mdsId, orientTo, referentAtCap } from './support/mds-world';
import { saveScreen } from './support/screens';

/*
 * Issue 11, "Done when", as one story at the MDS Marseille 2/3: the manager assigns three persons
 * (one over a cap, with a reason); the référent books Paula's first accompaniment appointment,
 * writes her contract (two free steps, 18 h a week), proposes it, signs it and prints it; Paula
 * signs it from her space on a phone with the link and the code read from the test SMTP server;
 * the contract is in force; the alerts screen and the daily digest show Quentin's delays, not hers.
 */
const PAULA = { first: 'Paula', last: 'ENGAGEMENT', email: 'paula.engagement@exemple.fr' };
const QUENTIN = 'Quentin SANSRDV';
const ROSE = 'Rose PLAFOND';
const REFERENT = 'referent@parcours.test';
const today = parisDate(new Date());
/** A working day a few days ahead, for the first accompaniment appointment. */
let appointmentDay = addCalendarDays(today, 5);
while (!isWorkingDay(appointmentDay)) appointmentDay = addCalendarDays(appointmentDay, 1);
const ids: Record<string, string> = {};

const journey = browserJourney({
  setUp: async ({ app }) => {
    const db = app.ctx.db;
    const mds = await mdsId(db);
    /** A person who entered the RSA `entered` days ago, oriented to the MDS `oriented` days ago. */
    const oriented = async (
      firstName: string,
      lastName: string,
      entered: number,
      days: number,
      email?: string,
    ) => {
      const id = await createTestPerson(app, {
        firstName,
        lastName,
        email: email ? { value: email, consent: 'A' } : undefined,
      });
      await db
        .insertInto('entry_spell')
        .values({ department_code: '13', person_id: id, entry_date: daysAgo(entered), source: 'test' })
        .execute();
      await orientTo(db, mds, id, days);
      return id;
    };
    // A référent of the MDS at the cap of this journey's dated caps (3).
    await referentAtCap(db, mds, (i) => oriented(`Suivi${i}`, 'DÉJÀSUIVI', 100, 90));
    // Quentin waits since 40 days: no first appointment, no contract — the alerts of the end.
    ids.quentin = await oriented('Quentin', 'SANSRDV', 60, 40);
    // Paula, oriented 20 days ago: late for her first appointment until the référent books it.
    ids.paula = await oriented(PAULA.first, PAULA.last, 30, 20, PAULA.email);
    ids.rose = await oriented('Rose', 'PLAFOND', 15, 10);
    // The entry spells keep their initial orientation (the orientation's read model).
    await refreshOrientationReadModel(db, '13');
    await capMdsAtThree(db);
  },
});

/** Chooses the référent whose option starts with `name` (the least loaded one is marked « proposé »). */
async function chooseReferent(page: Page, name: string) {
  const select = page.getByLabel('Référent', { exact: true });
  const option = select.locator('option', { hasText: name }).first();
  await option.waitFor({ state: 'attached' });
  await select.selectOption((await option.getAttribute('value'))!);
}

async function alertsScreen(page: Page, total: string) {
  await menuLink(page, 'Alertes').click();
  await page.getByRole('heading', { level: 1, name: 'Alertes d’accompagnement' }).waitFor();
  await page.getByText(total, { exact: true }).waitFor();
  return page.getByRole('region', { name: /^Pas de premier rendez-vous d’accompagnement/ });
}

describe('accompaniment, from the assignment to the contract in force', () => {
  it('assign, first appointment, contract of 18 h signed from the space, alerts and digest', async () => {
    const { page, stack } = journey;
    const base = stack.app.url;

    // 1. The structure manager assigns three persons, one over a cap with a reason.
    await login(page, base, 'responsable@parcours.test');
    await menuLink(page, 'Affectations').click();
    await page.getByRole('heading', { level: 1, name: 'Affectations' }).waitFor();
    const inbox = page.getByRole('table', { name: /Personnes orientées sans référent/ });
    await inbox.getByRole('link', { name: `${PAULA.first} ${PAULA.last}` }).waitFor();
    await expect(inbox.getByRole('row').nth(1).textContent()).resolves.toContain('Quentin');
    await expectAccessible(page);
    await page.getByRole('checkbox', { name: `Sélectionner ${PAULA.first} ${PAULA.last}` }).check();
    await page.getByRole('checkbox', { name: `Sélectionner ${QUENTIN}` }).check();
    await chooseReferent(page, 'Sophie Référente — 0 / 3');
    await page.getByRole('button', { name: 'Affecter les 2 personnes' }).click();
    await page.getByText(/2 personnes affectées à Sophie Référente/).waitFor();
    await inbox.getByRole('link', { name: QUENTIN }).waitFor({ state: 'detached' });

    await page.getByRole('checkbox', { name: `Sélectionner ${ROSE}` }).check();
    await chooseReferent(page, 'Hélène Complète — 3 / 3');
    const reason = page.getByLabel('Motif du dépassement du plafond');
    await page.getByRole('button', { name: 'Affecter la personne' }).click();
    await page.getByText('Le plafond est dépassé : le motif est obligatoire.').waitFor();
    await expectAccessible(page);
    await reason.fill('Sœur de Mme Complète déjà suivie, même foyer d’accueil');
    await page.getByRole('button', { name: 'Affecter la personne' }).click();
    await page
      .getByText(/1 personne affectée à Hélène Complète \(4 suivies pour un plafond de 3\)/)
      .waitFor();
    await page.getByText('Toutes les personnes orientées vers la structure ont un référent.').waitFor();
    await expectAccessible(page);
    const rose = await stack.app.ctx.db
      .selectFrom('referent_assignment')
      .select('over_cap_reason')
      .where('person_id', '=', ids.rose!)
      .executeTakeFirstOrThrow();
    expect(rose.over_cap_reason).toBe('Sœur de Mme Complète déjà suivie, même foyer d’accueil');
    await logout(page);

    // 2. The référent: Paula and Quentin are late for their first appointment.
    await login(page, base, REFERENT);
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    const late = await alertsScreen(page, '3 alertes au total.');
    await late.getByRole('link', { name: `${PAULA.first} ${PAULA.last}` }).waitFor();
    await late.getByRole('link', { name: QUENTIN }).waitFor();
    await expectAccessible(page);

    // 3. An accompaniment slot on her agenda, Paula booked on it from her file.
    await menuLink(page, 'Agenda').click();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    await page.getByRole('button', { name: 'Créer des créneaux' }).click();
    await expect.poll(() => page.getByLabel('Objet', { exact: true }).inputValue()).toBe('accompaniment');
    await page.getByLabel('Date', { exact: true }).fill(appointmentDay);
    await page.getByLabel('Heure de début').fill('14:00');
    await page.getByLabel('Lieu', { exact: true }).fill('MDS Marseille 2/3, bureau de Sophie');
    await page.getByRole('button', { name: 'Créer le créneau' }).click();
    await page.getByRole('region', { name: /^Entretien individuel du/ }).waitFor();
    await expectAccessible(page);

    await page.goto(`${base}/personnes/${ids.paula}`);
    await page.getByRole('heading', { level: 2, name: 'Rendez-vous' }).waitFor();
    await page.getByRole('button', { name: 'Prendre rendez-vous' }).click();
    const dialog = page.getByRole('dialog', { name: 'Prendre rendez-vous' });
    await expect.poll(() => dialog.getByLabel('Objet du rendez-vous').inputValue()).toBe('accompaniment');
    const slot = dialog.getByLabel('Créneau', { exact: true });
    await expect
      .poll(async () => (await slot.locator('option').allTextContents()).join('|'))
      .toContain('14:00');
    await slot.selectOption(
      (await slot.locator('option', { hasText: '14:00' }).first().getAttribute('value'))!,
    );
    await dialog.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
    await page
      .getByRole('row', { name: /Accompagnement/ })
      .getByText('1er rendez-vous d’accompagnement')
      .waitFor();
    await page.getByText(/Rendez-vous pris : .* — 1er rendez-vous d’accompagnement\./).waitFor();
    await expectAccessible(page);

    // 4. Her contract: two free steps, 18 h every week, saved, proposed, signed, printed.
    const contracts = page.getByRole('region', { name: 'Contrats d’engagement' });
    await contracts.getByText('Aucun contrat d’engagement.').waitFor();
    await contracts.getByRole('link', { name: 'Nouveau contrat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau contrat d’engagement' }).waitFor();
    await addStep(page, 1, 'Formation', 'Formation d’agent de propreté', '12');
    await addStep(page, 2, 'Atelier', 'Atelier de recherche d’emploi', '6');
    await expectEveryWeekAt18Hours(page);
    await expectAccessible(page);
    await saveScreen(page, 'contrat-plan-15-heures.png');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.waitForURL(/\/contrats\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await page.getByText('Le brouillon du contrat est enregistré.').waitFor();
    await page.getByRole('button', { name: 'Proposer à la signature' }).click();
    await page.getByRole('heading', { level: 2, name: 'Signatures' }).waitFor();
    await page.getByText('Le contrat est proposé à la signature : son contenu est figé.').waitFor();
    await page.getByRole('button', { name: 'Signer en tant que référent' }).click();
    await page.getByText('La signature du référent est enregistrée.').waitFor();
    await page.getByText(/^Signée le .* par Sophie Référente\.$/).waitFor();
    await expectAccessible(page);
    const contractUrl = page.url();

    const href = await page
      .getByRole('link', { name: 'Télécharger le PDF (version n° 1)' })
      .getAttribute('href');
    const pdf = await page.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(await pdf.body()) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain(PAULA.last);
    expect(text).toContain('Plan d’action');
    expect(text).toContain('Formation d’agent de propreté');
    expect(text).toContain('Atelier de recherche d’emploi');

    // 5. Her space, opened from the file: the link and the signature code read from the e-mails.
    await page.goto(`${base}/personnes/${ids.paula}`);
    const space = page.getByRole('region', { name: 'Espace personnel' });
    let sent = stack.mails.length;
    await space.getByRole('button', { name: 'Ouvrir l’espace et envoyer le lien' }).click();
    await space.getByText('Espace personnel ouvert').waitFor();
    await space.getByText(`Un lien de connexion part à ${PAULA.email}.`).waitFor();
    await expectAccessible(page);
    const linkMail = await mailTo(stack, PAULA.email, sent, /jeton=/);
    const link = /(http\S+\/espace\/lien\?jeton=[A-Za-z0-9_-]+)/.exec(linkMail)?.[1];
    expect(link).toBeDefined();

    const phone = await stack.browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const mobile = await phone.newPage();
      await mobile.goto(link!);
      await mobile.getByRole('button', { name: 'Ouvrir mon espace' }).click();
      await mobile.waitForURL(/\/espace$/);
      await mobile.getByRole('heading', { name: `Bonjour ${PAULA.first}` }).waitFor();
      await mobile.getByText('Sophie Référente').first().waitFor();
      await expectAccessible(mobile);
      await mobile.getByRole('link', { name: 'Lire et signer mon contrat' }).click();
      await mobile.getByRole('heading', { name: 'Mon contrat d’engagement' }).waitFor();
      await mobile.getByText('Atelier de recherche d’emploi').first().waitFor();
      await expectAccessible(mobile);
      await saveScreen(mobile, 'espace-contrat-mobile.png');
      sent = stack.mails.length;
      await mobile.getByRole('button', { name: 'Recevoir mon code' }).click();
      await mobile.getByText(/Code envoyé par e-mail à/).waitFor();
      const codeMail = await mailTo(stack, PAULA.email, sent, /signer votre contrat/);
      await mobile.getByLabel('Code reçu (6 chiffres)').fill(/(\d{6})/.exec(codeMail)![1]!);
      await mobile.getByLabel(/J’ai lu mon contrat d’engagement/).check();
      await mobile.getByRole('button', { name: 'Signer mon contrat' }).click();
      await mobile.getByText('Votre contrat est signé').waitFor();
      await expectAccessible(mobile);
    } finally {
      await closeContext(phone);
    }

    // 6. In force; the alerts and the digest name Quentin's delays, nothing for Paula.
    await page.goto(contractUrl);
    await page.getByText('En vigueur', { exact: true }).first().waitFor();
    await page.getByText('Version en vigueur', { exact: true }).waitFor();
    await expectAccessible(page);
    const contract = await stack.app.ctx.db
      .selectFrom('engagement_contract')
      .select(['status', 'weekly_hours'])
      .where('person_id', '=', ids.paula!)
      .executeTakeFirstOrThrow();
    expect(contract.status).toBe('in_force');
    expect(Number(contract.weekly_hours)).toBe(18);

    const noFirst = await alertsScreen(page, '2 alertes au total.');
    await noFirst.getByRole('link', { name: QUENTIN }).waitFor();
    expect(await noFirst.getByRole('link', { name: `${PAULA.first} ${PAULA.last}` }).count()).toBe(0);
    await page
      .getByRole('region', { name: /^Pas de contrat d’engagement signé un mois après la notification/ })
      .getByRole('link', { name: QUENTIN })
      .waitFor();
    expect(await page.getByRole('link', { name: `${PAULA.first} ${PAULA.last}` }).count()).toBe(0);
    await expectAccessible(page);
    await logout(page);

    // The manager sees the structure's: Quentin's two, and three for each of Hélène's oldest.
    await login(page, base, 'responsable@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    const structureLate = await alertsScreen(page, '11 alertes au total.');
    await structureLate.getByText(`${QUENTIN} (référent : Sophie Référente)`).waitFor();
    expect(await page.getByRole('link', { name: `${PAULA.first} ${PAULA.last}` }).count()).toBe(0);
    expect(await page.getByRole('link', { name: ROSE }).count()).toBe(0);
    await expectAccessible(page);

    sent = stack.mails.length;
    const digest = await sendAlertDigests(stack.app.ctx, '13');
    expect(digest.sent).toContainEqual({ email: REFERENT, alerts: 2 });
    expect(digest.sent).toContainEqual({ email: 'responsable@parcours.test', alerts: 11 });
    const mail = await mailTo(stack, REFERENT, sent, /alertes? d’accompagnement/);
    expect(mail).toContain(
      'Pas de premier rendez-vous d’accompagnement dans les 14 jours après l’orientation : 1',
    );
    expect(mail).toContain(
      'Pas de contrat d’engagement signé un mois après la notification (délai légal) : 1',
    );
    expect(mail).toContain(QUENTIN);
    expect(mail).not.toContain(PAULA.last);
    expect(mail).toContain(`${base}/alertes`);
  });
});
