import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  daysAgo,
  fixtureLines,
  importLines,
  personIdOf,
  structureIdOf,
} from '../../apps/api/test/support/orientation-fixtures';
import { browserJourney, expectAccessible, login } from './stack';

const pdf = Buffer.from('%PDF-1.4\n% Attestation de formation (test)\n%%EOF\n');
let personId = '';

const journey = browserJourney({
  setUp: async (stack) => {
    await importLines(
      stack.app,
      fixtureLines('e2e-doc-', [
        {
          key: 'h-1',
          commune: '13203',
          members: [
            { key: 'p', role: 'DEM', birthDate: '1984-05-06', firstName: 'Anaïs', birthName: 'PIECES' },
          ],
          rights: [{ date: daysAgo(30), status: 'open', subjectToDuties: true }],
        },
      ]),
    );
    personId = await personIdOf(stack.app, 'e2e-doc-p');
    // Oriented to the référent's structure: in their scope.
    await stack.app.ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: personId,
        notified_on: daysAgo(10),
        pathway: 'social',
        structure_id: await structureIdOf(stack.app, 'MDS Marseille 2/3'),
        programme: null,
        source: 'parcours',
      })
      .execute();
  },
});

describe('documents of a person’s file', () => {
  it('the référent adds a PDF, sees it listed, downloads it, and a wrong file is refused in French', async () => {
    const { page } = journey;
    await login(page, journey.stack.app.url, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${journey.stack.app.url}/personnes/${personId}`);
    const section = page.getByRole('region', { name: 'Documents' });
    await section.getByText('Aucun document dans ce dossier.').waitFor();

    // Nothing chosen: the messages are under the fields.
    await section.getByRole('button', { name: 'Ajouter le document' }).click();
    await section.getByText('Choisissez le fichier à ajouter.').waitFor();
    await section.getByText('Choisissez le type de document.').waitFor();
    await expectAccessible(page);

    // A text file named .pdf: the server reads its content and refuses it.
    await section.getByLabel('Type de document').selectOption({ label: 'Attestation ou certificat' });
    await section.getByLabel('Fichier').setInputFiles({
      name: 'faux.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('ceci n’est pas un PDF'),
    });
    await section.getByRole('button', { name: 'Ajouter le document' }).click();
    await section.getByText(/Le contenu de ce fichier n’est ni un PDF, ni une image JPEG ou PNG/).waitFor();
    expect(await section.getByLabel('Fichier').getAttribute('aria-invalid')).toBe('true');

    await section.getByLabel('Fichier').setInputFiles({
      name: 'Attestation formation.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await section.getByLabel('Titre').fill('Attestation CACES 2026');
    await section.getByRole('button', { name: 'Ajouter le document' }).click();
    await section.getByText('Le document « Attestation formation.pdf » a été ajouté au dossier.').waitFor();
    const row = section.getByRole('row', { name: /Attestation ou certificat/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Attestation CACES 2026');
    expect(await row.textContent()).toMatch(/\d+ octets/);
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: 'Télécharger Attestation formation.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Attestation formation.pdf');
    expect(fs.readFileSync((await download.path()) as string).equals(pdf)).toBe(true);
    const traces = await journey.stack.app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', personId)
      .where('action', 'in', ['document.added', 'document.downloaded'])
      .execute();
    expect(traces.map((t) => t.action).sort()).toEqual(['document.added', 'document.downloaded']);

    // Withdrawn with a reason, in a dialog: the line moves to the withdrawn documents.
    await row.getByRole('button', { name: 'Retirer le document Attestation formation.pdf' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Retirer ce document du dossier ?' });
    await dialog.getByRole('button', { name: 'Retirer le document' }).click();
    await dialog.getByText('Le motif du retrait est obligatoire.').waitFor();
    await expectAccessible(page);
    await dialog.getByLabel('Motif du retrait').fill('Déposé en double');
    await dialog.getByRole('button', { name: 'Retirer le document' }).click();
    await section.getByText('Le document « Attestation formation.pdf » a été retiré du dossier.').waitFor();
    await section.getByText('Aucun document dans ce dossier.').waitFor();
    await section.getByText('Documents retirés (1)').click();
    await section.getByRole('cell', { name: 'Déposé en double' }).waitFor();
    await expectAccessible(page);
  });
});
