import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, format } from 'date-fns';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { parisToday } from '../../apps/api/src/modules/orientation/application/queue';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const PLACE = 'Pôle d’insertion Marseille 2/3 — salle Calanques';
const entryDate = format(addDays(new Date(`${parisToday()}T12:00:00Z`), -12), 'yyyy-MM-dd');
const persons = [
  {
    claim: '13300000001',
    birthName: 'ABSENTE',
    firstName: 'Aline',
    birthDate: '1984-05-02',
    mail: 'aline@exemple.test',
    phone: '0612000001',
  },
  {
    claim: '13300000002',
    birthName: 'PRESENT',
    firstName: 'Bruno',
    birthDate: '1988-09-14',
    mail: 'bruno@exemple.test',
    phone: '0612000002',
  },
  {
    claim: '13300000003',
    birthName: 'CHOIX',
    firstName: 'Céline',
    birthDate: '1991-01-30',
    mail: 'celine@exemple.test',
    phone: '0612000003',
  },
];

const journey = browserJourney({
  context: { acceptDownloads: true },
  setUp: async (stack) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-orientation-')), 'vrsb.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: entryDate,
        households: persons.map((p) => ({
          claimNumber: p.claim,
          status: '2',
          inseeCode: '13203',
          persons: [
            { birthName: p.birthName, firstName: p.firstName, birthDate: p.birthDate, role: 'DEM' as const },
          ],
        })),
      }),
    );
    await importFlux(stack.app.ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
    // Their contacts as the CAF instruction flux gives them, with their consent (A).
    const db = stack.app.ctx.db;
    for (const p of persons) {
      const h = await db
        .selectFrom('household')
        .select('id')
        .where('claim_number', '=', p.claim)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('contact')
        .values([
          {
            department_code: '13',
            household_id: h.id,
            kind: 'email',
            value: p.mail,
            consent: 'A',
            source: 'test',
          },
          {
            department_code: '13',
            household_id: h.id,
            kind: 'phone',
            value: p.phone,
            consent: 'A',
            source: 'test',
          },
        ])
        .execute();
    }
    // An information session of the pôle, in eight days (beyond the minimum postal delay).
    const hub = await db
      .selectFrom('insertion_hub')
      .select('id')
      .where('code', '=', 'marseille-2-3')
      .executeTakeFirstOrThrow();
    const startsAt = new Date(Date.now() + 8 * 86_400_000);
    await db
      .insertInto('agenda_slot')
      .values({
        department_code: '13',
        hub_id: hub.id,
        kind: 'collective',
        purpose: 'orientation',
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 2 * 3600_000),
        place: PLACE,
        capacity: 10,
      })
      .execute();
  },
});

async function pdfText(file: string) {
  const parser = new PDFParse({ data: new Uint8Array(fs.readFileSync(file)) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

async function openWorkspace(name: RegExp) {
  await menuLink(journey.page, 'Orientation').click();
  await journey.page.getByRole('heading', { level: 1, name: 'File d’orientation' }).waitFor();
  await journey.page.getByRole('link', { name }).click();
  await journey.page.getByRole('heading', { level: 1 }).filter({ hasText: name }).waitFor();
}

async function fillDiagnosis(situation: string) {
  await journey.page.getByRole('button', { name: 'Saisir le diagnostic' }).click();
  await journey.page.getByLabel('Situation vis-à-vis de l’emploi').selectOption({ label: situation });
  await journey.page.getByLabel('Niveau de qualification').selectOption({ index: 2 });
  await journey.page.getByLabel('Projet professionnel').fill('Travailler dans la logistique');
  await expectAccessible(journey.page);
  await journey.page.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
  await journey.page.getByText(/Le diagnostic \(version 1\) est enregistré/).waitFor();
}

describe('orientation', () => {
  it('de la file à la décision : convocation groupée, présence, diagnostic, orientation acceptée puis modifiée', async () => {
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await menuLink(journey.page, 'Orientation').click();
    await journey.page.getByRole('heading', { level: 1, name: 'File d’orientation' }).waitFor();
    for (const p of persons)
      await journey.page.getByRole('link', { name: `${p.firstName} ${p.birthName}` }).waitFor();
    await expectAccessible(journey.page);

    // Convene the three new entrants in one batch, on the information session.
    for (const p of persons)
      await journey.page.getByLabel(`Sélectionner ${p.firstName} ${p.birthName}`).check();
    await journey.page.getByRole('button', { name: 'Convoquer la sélection (3)' }).click();
    const dialog = journey.page.getByRole('dialog', { name: 'Convoquer 3 personnes' });
    await dialog.getByLabel('Une réunion collective d’information').check();
    const select = dialog.getByLabel('Réunion collective', { exact: true });
    const value = await select.locator('option', { hasText: 'Calanques' }).getAttribute('value');
    await select.selectOption(value as string);
    await expectAccessible(journey.page);
    await dialog.getByRole('button', { name: 'Convoquer', exact: true }).click();
    await journey.page.getByText('Convocations préparées').waitFor();

    const [download] = await Promise.all([
      journey.page.waitForEvent('download'),
      journey.page.getByRole('link', { name: 'Imprimer les courriers de convocation (PDF)' }).click(),
    ]);
    const letters = await pdfText((await download.path()) as string);
    for (const p of persons) expect(letters).toContain(`${p.firstName} ${p.birthName}`);
    expect(letters).toContain('Calanques');

    // E-mail and SMS leave in the background, through the SMTP server and the SMS provider.
    await expect
      .poll(() => persons.every((p) => journey.stack.mails.some((m) => m.to.includes(p.mail))), {
        timeout: 20_000,
      })
      .toBe(true);
    await expect
      .poll(() => persons.every((p) => journey.stack.sms.some((s) => s.to === `+336${p.phone.slice(2)}`)), {
        timeout: 20_000,
      })
      .toBe(true);

    // The queue shows them convened.
    await journey.page.getByRole('link', { name: /^Convoqués \(3\)/ }).click();
    await journey.page.getByRole('link', { name: 'Aline ABSENTE' }).waitFor();

    // The session took place (time passes): Aline did not come, Bruno and Céline did.
    await journey.stack.app.ctx.db
      .updateTable('agenda_slot')
      .set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() - 1800_000) })
      .where('place', '=', PLACE)
      .execute();
    await journey.stack.app.ctx.db
      .updateTable('appointment')
      .set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() - 1800_000) })
      .where('place', '=', PLACE)
      .execute();

    await openWorkspace(/Aline ABSENTE/);
    // Elision: « d’Aline », not « de Aline ».
    await journey.page.getByRole('heading', { level: 1, name: 'Orientation d’Aline ABSENTE' }).waitFor();
    await journey.page.getByRole('button', { name: /^Absent : rendez-vous du/ }).click();
    await journey.page
      .getByRole('cell', { name: 'Absent', exact: true })
      .or(journey.page.getByText('Absent', { exact: true }))
      .first()
      .waitFor();

    // Bruno: present, diagnosis, the proposal is accepted.
    await openWorkspace(/Bruno PRESENT/);
    await journey.page.getByRole('heading', { level: 1, name: 'Orientation de Bruno PRESENT' }).waitFor();
    await journey.page.getByRole('button', { name: /^Présent : rendez-vous du/ }).click();
    await journey.page.getByText('Présent', { exact: true }).first().waitFor();
    await expectAccessible(journey.page);
    await fillDiagnosis('En recherche d’emploi depuis moins d’un an');
    await journey.page.getByRole('button', { name: 'Accepter la proposition' }).click();
    await journey.page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
    await journey.page.getByText(/Orientation .* enregistrée/).waitFor();
    await journey.page.getByRole('link', { name: /Télécharger le courrier de notification/ }).waitFor();
    await expectAccessible(journey.page);

    // Céline: present, diagnosis, the advisor chooses a social orientation with a reason.
    await openWorkspace(/Céline CHOIX/);
    await journey.page.getByRole('button', { name: /^Présent : rendez-vous du/ }).click();
    await journey.page.getByText('Présent', { exact: true }).first().waitFor();
    await fillDiagnosis('Sans emploi depuis plus d’un an');
    await journey.page.getByRole('button', { name: 'Choisir une autre orientation' }).click();
    await journey.page.getByLabel('Parcours', { exact: true }).selectOption({ label: 'Sociale' });
    await journey.page
      .getByLabel('Structure d’accompagnement')
      .selectOption({ label: "Lieu d'accueil Marseille 2/3 — Lieu d'accueil associatif" });
    // Without a reason, the override is refused and nothing is lost.
    await journey.page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
    await journey.page.getByText('La décision n’a pas été enregistrée').waitFor();
    await journey.page
      .getByLabel('Motif du choix')
      .fill('Situation de logement précaire évoquée en entretien.');
    await journey.page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
    await journey.page.getByText(/Orientation .* enregistrée/).waitFor();

    // The queue now holds Aline only, absent; the timelines tell the story.
    await menuLink(journey.page, 'Orientation').click();
    await journey.page.getByRole('heading', { level: 1, name: 'File d’orientation' }).waitFor();
    await journey.page.getByRole('link', { name: 'Aline ABSENTE' }).waitFor();
    await expect.poll(() => journey.page.getByRole('link', { name: 'Bruno PRESENT' }).count()).toBe(0);
    await expect.poll(() => journey.page.getByRole('link', { name: 'Céline CHOIX' }).count()).toBe(0);
    await journey.page.getByText('Absent au rendez-vous').first().waitFor();

    const celine = await journey.stack.app.ctx.db
      .selectFrom('person')
      .select('id')
      .where('birth_name', '=', 'CHOIX')
      .executeTakeFirstOrThrow();
    await journey.page.goto(`${journey.stack.app.url}/personnes/${celine.id}`);
    const timeline = journey.page
      .getByRole('region', { name: 'Chronologie' })
      .or(journey.page.locator('#chronologie'));
    await timeline.getByText(/Convocation au rendez-vous du/).waitFor();
    await timeline.getByText(/Diagnostic socio-professionnel \(version 1\)/).waitFor();
    await timeline
      .getByText(/Orientation sociale vers Lieu d'accueil Marseille 2\/3 \(proposition du système modifiée/)
      .waitFor();
    await expectAccessible(journey.page);
  });
});
