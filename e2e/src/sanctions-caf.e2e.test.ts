import { readFile } from 'node:fs/promises';
import { api } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { loggedIn } from '../../apps/api/test/support/harness';
import {
  createTestAppointment,
  createTestPerson,
  parisTimeInDays,
} from '../../apps/api/test/support/messaging-fixtures';
import { seedCase } from '../../apps/api/test/support/sanction-fixtures';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const today = parisDate(new Date());
const day = (n: number) => addCalendarDays(today, n);
const frenchDay = (d: string) => d.split('-').reverse().join('/');
let personId = '';
let caseId = '';

const journey = browserJourney({
  setUp: async (stack) => {
    const app = stack.app;
    personId = await createTestPerson(app, { firstName: 'Capucine', lastName: 'CAFTEST' });
    // The CAF's number of her household and her NIR: the file carries them.
    const { household_id } = await app.ctx.db
      .selectFrom('person')
      .select('household_id')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .updateTable('household')
      .set({ matricule: '7654321' })
      .where('id', '=', household_id!)
      .execute();
    await app.ctx.db.updateTable('person').set({ nir: '2880413123456' }).where('id', '=', personId).execute();
    // A 2025-regime suspension decided (the procedure before is sanctions.e2e's), notified through
    // the API: the real `notify` step queues the start line (SUSP).
    caseId = await seedCase(app, personId, 'decided', {
      facts_date: day(-120),
      decision_kind: 'sanction',
      percent: 50,
      months: 6,
      decided_on: day(-102),
    });
    const admin = await loggedIn(app, 'admin@parcours.test');
    const { version } = await app.ctx.db
      .selectFrom('sanction_case')
      .select('version')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const notified = await admin.call(api.sanctionCases.notify, {
      params: { id: personId, caseId },
      body: { version, notifiedOn: day(-100) },
    });
    expect(notified.status, notified.text).toBe(200);
    // Seen at an appointment yesterday: the suspension ends by remobilisation (FIN line).
    const appointmentId = await createTestAppointment(app, personId, parisTimeInDays(-1, 10, 0));
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const appointment = await app.ctx.db
      .selectFrom('appointment')
      .select('version')
      .where('id', '=', appointmentId)
      .executeTakeFirstOrThrow();
    const seen = await advisor.post(`/api/appointments/${appointmentId}/outcome`, {
      status: 'seen',
      version: appointment.version,
    });
    expect(seen.status, seen.text).toBe(200);
  },
});

describe('CAF transmission of the sanction decisions (issue 14)', () => {
  it('lists the suspension and its end, generates and downloads the day’s file, records the CAF’s answer and refuses a bad one', async () => {
    const { page } = journey;
    const base = journey.stack.app.url;
    await login(page, base, 'admin@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();

    // Droits et devoirs → Transmission à la CAF: the two lines of the person wait.
    await menuLink(page, 'Droits et devoirs').click();
    await page.getByRole('heading', { level: 1, name: 'Manquements à examiner' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Écrans des droits et devoirs' })
      .getByRole('link', { name: 'Transmission à la CAF' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Transmission à la CAF' }).waitFor();
    const linesSection = page.getByRole('region', { name: 'Lignes à transmettre' });
    const pending = linesSection.getByRole('table', { name: /ligne\(s\) — à transmettre/ });
    await pending.waitFor();
    const start = pending.getByRole('row', { name: /CAFTEST.*Début de suspension/ });
    const end = pending.getByRole('row', { name: /CAFTEST.*Fin de suspension/ });
    await expect
      .poll(async () => (await start.allInnerTexts()).join(' '))
      .toMatch(new RegExp(`${frenchDay(day(-100))}.*50 %, 6 mois.*À transmettre`, 's'));
    await expect
      .poll(async () => (await end.allInnerTexts()).join(' '))
      .toMatch(
        new RegExp(
          `${frenchDay(day(-1))}.*50 %, 6 mois.*Remobilisation : rendez-vous honoré.*À transmettre`,
          's',
        ),
      );
    expect(await pending.getByRole('row', { name: /CAFTEST/ }).count()).toBe(2);
    await page
      .getByRole('region', { name: 'Fichiers transmis à la CAF' })
      .getByText('Aucun fichier n’a encore été généré.')
      .waitFor();
    await expectAccessible(page);

    // Generate today's file: two lines.
    const filesSection = page.getByRole('region', { name: 'Fichiers transmis à la CAF' });
    await filesSection.getByLabel('Jour du fichier').fill(today);
    await filesSection.getByRole('button', { name: 'Générer le fichier' }).click();
    await filesSection.getByText(/Fichier généré$/).waitFor();
    await filesSection.getByText(`Le fichier du ${frenchDay(today)} contient 2 lignes.`).waitFor();
    await linesSection.getByText('Aucune ligne dans cet état.').waitFor();
    const fileRow = filesSection.getByRole('row', { name: new RegExp(frenchDay(today)) });
    await fileRow.getByText('En attente de l’accusé de réception').waitFor();
    await expectAccessible(page);

    // Download it: header, then the start and end lines of the person.
    const fileName = `parcours-caf-13-${today.replaceAll('-', '')}.csv`;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      filesSection.getByRole('link', { name: `Télécharger ${fileName}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(fileName);
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = csv.trimEnd().split('\n');
    expect(rows[0]).toBe(
      'type_enregistrement;reference;departement;organisme;numero_allocataire;numero_dossier;nir;nom_naissance;nom_usage;prenom;date_naissance;nature;date_effet;taux;duree_mois;motif_fin;reference_annulee',
    );
    expect(rows).toHaveLength(3);
    const cells = rows.slice(1).map((r) => r.split(';'));
    const [susp, fin] = cells as [string[], string[]];
    expect(susp.slice(2, 5)).toEqual(['13', 'CAF', '7654321']);
    expect(susp.slice(6, 17)).toEqual([
      '2880413123456',
      'CAFTEST',
      '',
      'Capucine',
      '1988-04-12',
      'SUSP',
      day(-100),
      '50',
      '6',
      '',
      '',
    ]);
    expect(fin.slice(6, 17)).toEqual([
      '2880413123456',
      'CAFTEST',
      '',
      'Capucine',
      '1988-04-12',
      'FIN',
      day(-1),
      '50',
      '6',
      'REMOB_RDV',
      '',
    ]);
    expect(susp[5]).toBe(fin[5]);
    const [suspRef, finRef] = [susp[1]!, fin[1]!];

    // The CAF's answer: the start accepted, the end rejected with its reason.
    const ackSection = page.getByRole('region', { name: 'Accusé de réception de la CAF' });
    await ackSection
      .getByLabel('Fichier auquel la CAF répond')
      .selectOption({ label: `Fichier du ${frenchDay(today)} (2 lignes)` });
    await ackSection.getByLabel('Fichier d’accusé de réception (CSV)').setInputFiles({
      name: 'accuse-caf.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `reference;statut;motif\n${suspRef};ACCEPTE;\n${finRef};REJETE;Allocataire inconnu à cette date\n`,
      ),
    });
    await ackSection.getByRole('button', { name: 'Enregistrer l’accusé de réception' }).click();
    await ackSection.getByText(/Accusé de réception enregistré$/).waitFor();
    await ackSection
      .getByText(
        'Accusé de réception enregistré : 1 ligne acceptée, 1 ligne rejetée (remises à transmettre).',
      )
      .waitFor();
    const back = pending.getByRole('row', { name: /CAFTEST.*Fin de suspension/ });
    await back.getByText(`« Allocataire inconnu à cette date » (${frenchDay(today)})`).waitFor();
    await expect.poll(() => pending.getByRole('row', { name: /CAFTEST/ }).count()).toBe(1);
    await fileRow.getByText('Accusé de réception complet').waitFor();
    await fileRow.getByText('1 acceptée, 1 rejetée').waitFor();
    await expectAccessible(page);

    // A bad acknowledgement (a reference that is no line of this file): refused where the user is,
    // line by line, and nothing changes.
    const unknown = '0b6f3a51-1c8e-4d8e-9a3b-6d0c2f1e7a99';
    await ackSection
      .getByLabel('Fichier auquel la CAF répond')
      .selectOption({ label: `Fichier du ${frenchDay(today)} (2 lignes)` });
    await ackSection.getByLabel('Fichier d’accusé de réception (CSV)').setInputFiles({
      name: 'accuse-faux.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`reference;statut;motif\n${unknown};ACCEPTE;\n`),
    });
    await ackSection.getByRole('button', { name: 'Enregistrer l’accusé de réception' }).click();
    await ackSection.getByText('L’accusé de réception n’a pas été enregistré').waitFor();
    expect(await ackSection.getByText(/Accusé de réception enregistré$/).count()).toBe(0);
    await ackSection
      .getByText(/rien n’a été enregistré/)
      .first()
      .waitFor();
    const errors = ackSection.getByRole('table', { name: 'Lignes en erreur (1)' });
    const errorRow = errors.getByRole('row', { name: /^2\b/ });
    await errorRow.getByText(`ligne inconnue dans ce fichier : ${unknown}`, { exact: false }).waitFor();
    await expectAccessible(page);
    // Nothing changed, as the screen shows it once reloaded.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Transmission à la CAF' }).waitFor();
    await back.getByText(`« Allocataire inconnu à cette date » (${frenchDay(today)})`).waitFor();
    await expect.poll(() => pending.getByRole('row', { name: /CAFTEST/ }).count()).toBe(1);
    await fileRow.getByText('Accusé de réception complet').waitFor();
    await fileRow.getByText('1 acceptée, 1 rejetée').waitFor();
    const lines = await journey.stack.app.ctx.db
      .selectFrom('caf_transmission_line')
      .select(['kind', 'status'])
      .where('case_id', '=', caseId)
      .orderBy('effective_on')
      .execute();
    expect(lines.map((l) => [l.kind, l.status])).toEqual([
      ['sanction_start', 'accepted'],
      ['sanction_end', 'pending'],
    ]);

    // The accepted start line is found under its state.
    await linesSection.getByLabel('État des lignes').selectOption({ label: 'Acceptée par la CAF' });
    const accepted = linesSection.getByRole('table', { name: /ligne\(s\) — acceptée par la caf/ });
    await accepted
      .getByRole('row', { name: /CAFTEST.*Début de suspension/ })
      .getByText('Acceptée par la CAF')
      .waitFor();
    expect(await accepted.getByRole('row', { name: /Fin de suspension/ }).count()).toBe(0);
    await expectAccessible(page);
    await linesSection.getByLabel('État des lignes').selectOption({ label: 'À transmettre' });

    // On the person's file, the ended case shows the sums to pay back: notified 100 days ago,
    // 4 months suspended, 3 at most: 3 × 646,52 € × 50 %.
    await back.getByRole('link', { name: /CAFTEST/ }).click();
    const card = page
      .getByRole('region', { name: 'Droits et devoirs : manquements et sanctions' })
      .getByRole('article', { name: /^Procédure — / });
    await card.getByText('Terminée').waitFor();
    await card.getByText(/Remobilisation : rendez-vous honoré/).waitFor();
    await card.getByText('Sommes à reverser').waitFor();
    await card.getByText(/969,78\s€ \(indicatif\) : 3 mois sur 4 suspendu\(s\)/).waitFor();
    await expectAccessible(page);
  });
});
