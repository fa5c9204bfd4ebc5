import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { parisToday } from '../../apps/api/src/platform/time';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { browserJourney, expectAccessible, login } from './stack';
import { mailTo } from './support/mail';

let personId = '';

const journey = browserJourney({
  setUp: async (stack) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-pmsmp-')), 'vrsb.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: '2026-01-05',
        households: [
          {
            claimNumber: '13100000951',
            status: '2',
            inseeCode: '13203',
            persons: [{ birthName: 'IMMERSIONE', firstName: 'Inès', birthDate: '1990-02-03', role: 'DEM' }],
          },
        ],
      }),
    );
    await importFlux(stack.app.ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
    const db = stack.app.ctx.db;
    const mds = await db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'MDS Marseille 2/3')
      .executeTakeFirstOrThrow();
    personId = (
      await db
        .selectFrom('person')
        .select('id')
        .where('birth_name', '=', 'IMMERSIONE')
        .executeTakeFirstOrThrow()
    ).id;
    // Oriented to the référent's structure: the person is in her portfolio's scope.
    await db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: personId,
        notified_on: '2026-01-20',
        pathway: 'social',
        structure_id: mds.id,
        source: 'test',
      })
      .execute();
  },
});

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

describe('PMSMP immersion', () => {
  it('a référent draws up a convention, the three parties sign (on screen, by e-mailed link), validates, assesses, downloads the PDF', async () => {
    const { page, stack } = journey;
    const today = parisToday();
    await login(page, stack.app.url, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${stack.app.url}/personnes/${personId}`);
    const section = page.getByRole('region', { name: 'Immersions (PMSMP)' });
    await section.getByText('Aucune immersion en milieu professionnel.').waitFor();
    await expectAccessible(page);
    await section.getByRole('link', { name: 'Nouvelle immersion' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle immersion (PMSMP)' }).waitFor();

    await page.getByLabel('Raison sociale').fill('Boulangerie du Panier');
    // The SIRET is checked when leaving the field.
    await page.getByLabel('SIRET').fill('73282932000075');
    await page.getByLabel('Adresse').focus();
    await page.getByText(/la clé de contrôle ne correspond pas/).waitFor();
    await page.getByLabel('SIRET').fill('73282932000074');
    await page.getByLabel('Adresse').focus();
    await expect.poll(() => page.getByText(/la clé de contrôle ne correspond pas/).count()).toBe(0);
    await page.getByLabel('Adresse').fill('12 rue de la République, 13002 Marseille');
    await page.getByLabel('Nom du tuteur').fill('Paul Tuteur');
    await page.getByLabel('Fonction du tuteur').fill('Chef boulanger');
    await page.getByLabel('E-mail du tuteur').fill('tuteur@boulangerie.test');
    await page.getByLabel('Téléphone du tuteur').fill('04 91 00 00 00');
    await page.getByLabel('Objectif').selectOption({ label: 'Découvrir un métier ou un secteur d’activité' });
    await page.getByLabel('Code ROME').fill('D1102');
    await page.getByLabel('Métier').fill('Boulanger');
    await page.getByLabel('Lieu de l’immersion').fill('Fournil de la boulangerie');
    await page.getByLabel('Activités confiées').fill('Façonnage, cuisson, mise en rayon.');
    await page.getByLabel('Date de début').fill(today);
    // 31 days: refused under the field, nothing saved.
    await page.getByLabel('Date de fin').fill(addDays(today, 30));
    // The weekly schedule: Mon–Fri 9:00–12:00, 13:00–17:00 by default, 35 h.
    await page.getByText('Durée hebdomadaire : 35 h').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page
      .getByText(/au plus 30 jours calendaires : 31 jours demandés/)
      .first()
      .waitFor();
    await page.getByLabel('Date de fin').fill(addDays(today, 4));
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.waitForURL(/\/personnes\/[0-9a-f-]+\/immersions\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await page.getByText('Le brouillon de la convention est enregistré.').first().waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Soumettre à la signature' }).click();
    await page.getByText('La convention est soumise à la signature.').first().waitFor();

    // The person signs on screen.
    const person = page.getByRole('article', { name: 'La personne accompagnée' });
    await person.getByRole('button', { name: 'Enregistrer la signature sur écran' }).click();
    await person.getByText(/^Signée par Inès IMMERSIONE le/).waitFor();

    // The host through the e-mailed single-use link, opened in another browser (no account).
    const sentBefore = stack.mails.length;
    const host = page.getByRole('article', { name: 'La structure d’accueil' });
    await host.getByRole('button', { name: 'Envoyer le lien de signature' }).click();
    await page
      .getByText(/Lien de signature envoyé à tuteur@boulangerie.test/)
      .first()
      .waitFor();
    const mail = await mailTo(stack, 'tuteur@boulangerie.test', sentBefore, /jeton=/);
    const link = /(http:\/\/\S+\/immersion\/signer\?jeton=[A-Za-z0-9_%-]+)/.exec(mail)?.[1];
    expect(link).toBeTruthy();
    const tutorContext = await stack.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    try {
      const tutor = await tutorContext.newPage();
      await tutor.goto(link!);
      await tutor.getByRole('heading', { level: 1, name: 'Signer la convention d’immersion' }).waitFor();
      await tutor.getByText('Vous signez pour la structure d’accueil.').waitFor();
      await tutor.getByText('Boulanger (ROME D1102)').waitFor();
      await expectAccessible(tutor);
      await tutor.getByRole('button', { name: 'Je signe la convention' }).click();
      await tutor.getByText(/votre signature est enregistrée/).waitFor();
      // Single use: opened again, the link is refused.
      await tutor.goto(link!);
      await tutor.getByText(/a déjà servi/).waitFor();
      await expectAccessible(tutor);
    } finally {
      await tutorContext.close();
    }

    // The accompanying structure signs on screen, then validates.
    await page.reload();
    const structure = page.getByRole('article', { name: 'La structure d’accompagnement' });
    await page
      .getByRole('article', { name: 'La structure d’accueil' })
      .getByText(/^Signée par Paul Tuteur le/)
      .waitFor();
    await structure.getByLabel(/Nom du signataire/).fill('Sophie Référente');
    await structure.getByRole('button', { name: 'Enregistrer la signature sur écran' }).click();
    await page.getByText('Signée par les trois parties').first().waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Valider la convention' }).click();
    await page.getByText('La convention est validée.').first().waitFor();

    await page.getByRole('button', { name: 'Enregistrer la fin' }).click();
    await page.getByText('La fin de l’immersion est enregistrée.').first().waitFor();
    await page.getByLabel('Déroulement').selectOption({ label: 'Réalisée en entier' });
    await page.getByLabel('Compétences observées').fill('Ponctualité, gestes d’hygiène.');
    await page.getByLabel('La structure d’accueil propose une embauche').check();
    await page.getByLabel('Contrat proposé').selectOption({ label: 'CDD' });
    await page.getByLabel('Commentaire de la structure d’accueil').fill('Très motivée.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enregistrer le bilan' }).click();
    await page.getByText('Le bilan de l’immersion est enregistré.').first().waitFor();
    await page.getByText('Oui : CDD').waitFor();
    await expectAccessible(page);

    const href = await page
      .getByRole('link', { name: 'Télécharger la convention (PDF)' })
      .getAttribute('href');
    expect(href).toMatch(/^\/api\/immersions\/[0-9a-f-]{36}\/pdf$/);
    const pdf = await page.request.get(`${stack.app.url}${href}`);
    expect(pdf.status()).toBe(200);
    const parser = new PDFParse({ data: new Uint8Array(await pdf.body()) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('Boulangerie du Panier');
    expect(text).toContain('Inès IMMERSIONE');
    expect(text).toContain('Paul Tuteur');
    expect(text).toContain('par lien à usage unique envoyé par e-mail');

    // Back on the file, the convention is listed with its status.
    await page.goto(`${stack.app.url}/personnes/${personId}`);
    await page.getByRole('region', { name: 'Immersions (PMSMP)' }).getByText('Bilan fait').waitFor();
  });
});
