import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, format } from 'date-fns';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { parisToday } from '../../apps/api/src/platform/time';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

/*
 * Issue 10, point 2: the agent chooses the date; a person no channel reaches in time is refused or
 * moved, and the answer says who and why; the letter carries the pôle's phone and e-mail; the
 * letters of a batch print as one PDF and the batch is marked posted once; administrators date
 * new minimum delays. The journey also writes the sample letter of docs/screens.
 */

const SAMPLE_LETTER = path.resolve(import.meta.dirname, '../../docs/screens/lettre-convocation.pdf');

/** The sample letter of docs/screens, and its first page as an image when poppler's pdftoppm is there. */
function saveSampleLetter(pdf: string) {
  fs.mkdirSync(path.dirname(SAMPLE_LETTER), { recursive: true });
  fs.copyFileSync(pdf, SAMPLE_LETTER);
  const png = spawnSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-singlefile',
    SAMPLE_LETTER,
    SAMPLE_LETTER.replace(/\.pdf$/, ''),
  ]);
  if (png.error) console.warn('pdftoppm absent (paquet poppler-utils) : pas d’image de la lettre.');
}
const SESSION = 'Pôle d’insertion Marseille 2/3 — salle Frioul';
const entryDate = format(addDays(new Date(`${parisToday()}T12:00:00Z`), -10), 'yyyy-MM-dd');

async function pdfText(file: string) {
  const parser = new PDFParse({ data: new Uint8Array(fs.readFileSync(file)) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

const journey = browserJourney({
  context: { acceptDownloads: true },
  setUp: async (stack) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-convocations-')), 'vrsb.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: entryDate,
        households: [
          {
            claimNumber: '13400000001',
            status: '2',
            inseeCode: '13203',
            persons: [
              { birthName: 'COURRIER', firstName: 'Paul', birthDate: '1982-02-11', sex: '1', role: 'DEM' },
            ],
          },
          {
            claimNumber: '13400000002',
            status: '2',
            inseeCode: '13203',
            persons: [{ birthName: 'MESSAGERIE', firstName: 'Inès', birthDate: '1990-07-23', role: 'DEM' }],
          },
        ],
      }),
    );
    await importFlux(stack.app.ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
    const db = stack.app.ctx.db;
    // Inès agreed to be written to by e-mail; Paul can only be reached by post.
    const ines = await db
      .selectFrom('household')
      .select('id')
      .where('claim_number', '=', '13400000002')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('contact')
      .values({
        department_code: '13',
        household_id: ines.id,
        kind: 'email',
        value: 'ines.messagerie@exemple.test',
        consent: 'A',
        source: 'test',
      })
      .execute();
    const hub = await db
      .selectFrom('insertion_hub')
      .select('id')
      .where('code', '=', 'marseille-2-3')
      .executeTakeFirstOrThrow();
    // The pôle's services, with the phone and e-mail the letters give (edited in the structures directory).
    // The demo gives each pôle its office; these are the contacts the letters must carry.
    const office = await db
      .updateTable('structure')
      .set({
        name: 'Pôle d’insertion Marseille 2/3 — accueil',
        address: '14 rue Félix Pyat, 13003 Marseille',
        phone: '04 91 55 12 34',
        email: 'pole.marseille23@exemple.test',
      })
      .where('kind', '=', 'insertion_hub_office')
      .where('hub_id', '=', hub.id)
      .executeTakeFirst();
    if (Number(office.numUpdatedRows) !== 1) throw new Error('the demo has no office for this pôle');
    // An information session in three days: soon enough for an e-mail, too soon for a letter.
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    startsAt.setUTCHours(9, 0, 0, 0);
    await db
      .insertInto('agenda_slot')
      .values({
        department_code: '13',
        hub_id: hub.id,
        kind: 'collective',
        purpose: 'orientation',
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 2 * 3600_000),
        place: SESSION,
        capacity: 10,
      })
      .execute();
    // Individual interviews a week ahead, for whom the letter needs more time.
    for (const hour of [8, 9]) {
      const at = new Date(Date.now() + 7 * 86_400_000);
      at.setUTCHours(hour, 0, 0, 0);
      await db
        .insertInto('agenda_slot')
        .values({
          department_code: '13',
          hub_id: hub.id,
          kind: 'individual',
          purpose: 'orientation',
          starts_at: at,
          ends_at: new Date(at.getTime() + 1_800_000),
          place: 'Pôle d’insertion Marseille 2/3, bureau 2',
          capacity: 1,
        })
        .execute();
    }
  },
});

describe('convocations : date, délais par canal, courriers à poster', () => {
  it('refuse puis reporte la personne joignable seulement par courrier, imprime le lot et le marque posté', async () => {
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await menuLink(journey.page, 'Orientation').click();
    await journey.page.getByRole('heading', { level: 1, name: 'File d’orientation' }).waitFor();
    await journey.page.getByLabel('Sélectionner Paul COURRIER').check();
    await journey.page.getByLabel('Sélectionner Inès MESSAGERIE').check();
    await journey.page.getByRole('button', { name: 'Convoquer la sélection (2)' }).click();

    // Who can be reached by which channel, and from when.
    const dialog = journey.page.getByRole('dialog', { name: 'Convoquer 2 personnes' });
    const reach = dialog.getByRole('table', {
      name: /Délais minimaux avant le rendez-vous : courrier 5 jours/,
    });
    await reach.waitFor();
    await reach
      .getByRole('row', { name: /Paul COURRIER/ })
      .getByText('non joignable')
      .first()
      .waitFor();
    expect(await dialog.getByLabel('Date', { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expectAccessible(journey.page);

    // The session in three days: Paul's letter cannot arrive in time; the agent is told before sending.
    await dialog.getByLabel('Une réunion collective d’information').check();
    const select = dialog.getByLabel('Réunion collective', { exact: true });
    await select.selectOption(
      (await select.locator('option', { hasText: 'Frioul' }).getAttribute('value')) as string,
    );
    await dialog.getByText('1 personne ne peut pas être prévenue à temps pour cette date').waitFor();
    await dialog.getByRole('button', { name: 'Convoquer', exact: true }).click();
    await dialog
      .getByText(
        /1 personne ne peut pas être prévenue à temps .* Paul COURRIER, joignable seulement par courrier \(5 jours\)/,
      )
      .waitFor();
    await expectAccessible(journey.page);

    // Move him to the first interview the post allows instead.
    await dialog.getByLabel('Leur donner le premier entretien individuel possible').check();
    await dialog.getByRole('button', { name: 'Convoquer', exact: true }).click();
    await journey.page.getByText('Convocations préparées').waitFor();
    await journey.page
      .getByText(/2 personnes convoquées\. 1 personne a reçu un rendez-vous plus tardif .* Paul COURRIER/)
      .waitFor();
    await journey.page.getByText(/1 courrier à imprimer et à poster/).waitFor();
    await expectAccessible(journey.page);

    // The letters to post: one PDF, with the pôle's phone and e-mail (`npm run screens` keeps it as the sample of docs/screens).
    await journey.page.getByRole('link', { name: 'courriers à poster', exact: true }).click();
    await journey.page.getByRole('heading', { level: 1, name: 'Courriers à poster' }).waitFor();
    await expectAccessible(journey.page);
    const [download] = await Promise.all([
      journey.page.waitForEvent('download'),
      journey.page.getByRole('link', { name: 'Imprimer (1 courrier, PDF)' }).click(),
    ]);
    const pdf = (await download.path()) as string;
    const letter = await pdfText(pdf);
    expect(letter).toContain('Monsieur Paul COURRIER');
    expect(letter).toContain('Tél. : 04 91 55 12 34 · E-mail : pole.marseille23@exemple.test');
    expect(letter).toContain('par téléphone au 04 91 55 12 34 ou par e-mail à pole.marseille23@exemple.test');
    expect(letter).not.toContain('MESSAGERIE');
    if (process.env.SCREENS === '1') saveSampleLetter(pdf);

    await journey.page.getByRole('button', { name: /Ouvrir et marquer posté/ }).click();
    const batch = journey.page.getByRole('dialog', { name: /Lot de courriers du/ });
    await batch.getByRole('row', { name: /Paul COURRIER/ }).waitFor();
    await expectAccessible(journey.page);
    await batch.getByRole('button', { name: 'Marquer le lot comme posté aujourd’hui' }).click();
    await journey.page
      .getByText(/Lot marqué posté le .* : 1 courrier envoyé\./)
      .first()
      .waitFor();
    const posted = journey.page.getByRole('region', { name: 'Déjà postés' });
    await posted.getByText(/Posté le/).waitFor();
    await expect
      .poll(async () =>
        journey.page.getByRole('region', { name: 'À poster' }).getByText('Aucun courrier à poster.').count(),
      )
      .toBe(1);
    await expectAccessible(journey.page);
  });

  it('l’administrateur date de nouveaux délais ; l’historique est gardé', async () => {
    await login(journey.page, journey.stack.app.url, 'admin@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await journey.page.goto(`${journey.stack.app.url}/administration/delais-convocation`);
    await journey.page.getByRole('heading', { level: 1, name: 'Délais de convocation' }).waitFor();
    await journey.page.getByText(/Courrier : 5 jours ; e-mail : 48 h ; SMS : 48 h/).waitFor();
    await expectAccessible(journey.page);

    await journey.page.getByLabel('Courrier : délai en jours').fill('3');
    await journey.page.getByRole('button', { name: 'Enregistrer ces délais' }).click();
    const sourceError = journey.page.locator('.field__error').filter({ hasText: 'Indiquez la décision' });
    await sourceError.waitFor();
    expect(await journey.page.getByLabel('Décision ou raison').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(journey.page);

    await journey.page.getByLabel('Décision ou raison').fill('Délibération de la commission permanente');
    await journey.page.getByRole('button', { name: 'Enregistrer ces délais' }).click();
    await journey.page.getByText(/Courrier : 3 jours ; e-mail : 48 h ; SMS : 48 h/).waitFor();
    const history = journey.page.getByRole('table', { name: /Délais successifs/ });
    await history.getByRole('row', { name: /Délibération de la commission permanente/ }).waitFor();
    await history.getByRole('row', { name: /Paramétrage initial/ }).waitFor();
    await expectAccessible(journey.page);
  });
});
