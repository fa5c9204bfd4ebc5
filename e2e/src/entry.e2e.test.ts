import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const journey = browserJourney();

describe('entrée des bénéficiaires', () => {
  it('importe un flux, lit le rapport, retrouve un nouvel entrant malgré une faute de frappe et ouvre son dossier', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-')), 'vrsb-20260105.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: '2026-01-05',
        households: [
          {
            claimNumber: '13100000101',
            status: '2',
            persons: [
              {
                nir: '2850613055001',
                birthName: 'BERTRAND',
                firstName: 'Émilie',
                birthDate: '1985-06-13',
                role: 'DEM',
              },
              { birthName: 'BERTRAND', firstName: 'Noé', birthDate: '2020-09-01', role: 'ENF' },
            ],
          },
        ],
      }),
    );
    await login(journey.page, journey.stack.app.url, 'admin@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await menuLink(journey.page, 'Flux CAF').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Flux CAF / MSA' }).waitFor();
    await expectAccessible(journey.page);
    await journey.page.getByLabel('Fichier du flux').setInputFiles(file);
    await journey.page.getByRole('button', { name: 'Importer', exact: true }).click();
    await journey.page
      .getByText(/Fichier appliqué/)
      .first()
      .waitFor({ timeout: 30_000 });
    await journey.page
      // Real plurals by count (was « nouvel(aux) entrant(s) »).
      .getByText(/1 foyer créé ou mis à jour, 1 nouvel entrant\./)
      .first()
      .waitFor();
    await expectAccessible(journey.page);

    // A file with one household in error: refused whole, the errors shown where the agent is, and
    // "apply the valid lines" offered.
    const partial = path.join(path.dirname(file), 'vrsb-20260205.xml');
    fs.writeFileSync(
      partial,
      vrsb({
        date: '2026-02-05',
        households: [
          {
            claimNumber: '13100000102',
            status: '2',
            persons: [{ birthName: 'VALIDE', firstName: 'Inès', birthDate: '1990-02-01', role: 'DEM' }],
          },
          {
            claimNumber: '13100000103',
            status: '2',
            persons: [{ birthName: 'ERRONE', firstName: 'Léo', birthDate: '2026-02-31', role: 'DEM' }],
          },
        ],
      }),
    );
    await journey.page.getByLabel('Fichier du flux').setInputFiles(partial);
    await journey.page.getByRole('button', { name: 'Importer', exact: true }).click();
    await journey.page
      .getByText('Fichier rejeté : aucune donnée n’a été appliquée')
      .waitFor({ timeout: 30_000 });
    await journey.page.getByRole('cell', { name: 'DTNAI' }).waitFor();
    await expectAccessible(journey.page);
    await journey.page.getByRole('button', { name: 'Appliquer les lignes valides' }).click();
    await journey.page
      .getByText(/Fichier appliqué sauf 1 enregistrement/)
      .first()
      .waitFor({ timeout: 30_000 });

    await menuLink(journey.page, 'Personnes').click();
    await journey.page.getByLabel(/^Nom, prénom/).fill('emilie bertrant');
    await journey.page.getByRole('button', { name: 'Rechercher' }).click();
    await journey.page
      .getByRole('link', { name: /Émilie/ })
      .first()
      .click();
    await journey.page.getByRole('heading', { level: 1, name: /Émilie/ }).waitFor();
    await journey.page.getByRole('heading', { name: 'Chronologie' }).waitFor();
    await journey.page
      .getByText(/nouvel entrant/i)
      .first()
      .waitFor();
    await expectAccessible(journey.page);

    const trail = await journey.stack.app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'person.read')
      .execute();
    expect(trail.length).toBeGreaterThan(0);
    // The page's API calls share one page-view id: one reading of the file, not one per call.
    const personId = new URL(journey.page.url()).pathname.split('/')[2]!;
    const reads = await journey.stack.app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'person.read')
      .where('person_id', '=', personId)
      .execute();
    expect(reads).toHaveLength(1);
    // The search that listed her is a bulk read that names her.
    const lists = await journey.stack.app.ctx.db
      .selectFrom('audit_event')
      .select('person_ids')
      .where('action', '=', 'person.list_read')
      .execute();
    expect(lists.some((l) => l.person_ids?.includes(personId))).toBe(true);
  });
});
