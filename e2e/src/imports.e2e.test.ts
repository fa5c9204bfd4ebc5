import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login } from './stack';

const journey = browserJourney();

async function signIn(email: string) {
  await login(journey.page, journey.stack.app.url, email);
  await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

const line = (o: Record<string, unknown>) => JSON.stringify(o);

describe('imports', () => {
  it('montre sur place le rapport d’un historique refusé, puis applique les lignes valides', async () => {
    await signIn('admin@parcours.test');
    await journey.page.goto(`${journey.stack.app.url}/administration/reprise`);
    await journey.page.getByRole('heading', { level: 1, name: 'Reprise de l’historique' }).waitFor();
    const file = [
      line({
        kind: 'person',
        id: 'e2e-p-1',
        householdNumber: 'e2e-H-1',
        role: 'DEM',
        nir: null,
        birthName: 'Vasseur',
        lastName: null,
        firstName: 'Maëlle',
        birthDate: '1988-04-12',
        sex: 'F',
        commune: '13203',
      }),
      line({
        kind: 'rights',
        personId: 'e2e-p-1',
        date: '2026-02-31',
        status: 'open',
        subjectToDuties: true,
      }),
    ].join('\n');
    await journey.page.getByLabel('Fichier d’historique (NDJSON)').setInputFiles({
      name: 'reprise-e2e.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(`${file}\n`),
    });
    await journey.page.getByRole('button', { name: 'Importer l’historique' }).click();
    await journey.page.getByText('Fichier rejeté : aucune donnée n’a été appliquée').waitFor();
    // Line, field and reason, where the user is: no "request failed", no reload.
    const row = journey.page.getByRole('row', { name: /2\s+Droits\s+date/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/date invalide/);
    expect(await journey.page.getByText(/La requête a échoué/).count()).toBe(0);
    await expectAccessible(journey.page);

    await journey.page.getByRole('button', { name: 'Appliquer les lignes valides' }).click();
    await journey.page.getByText(/Historique appliqué, sauf 1 ligne rejetée/).waitFor();
    const person = await journey.stack.app.ctx.db
      .selectFrom('person')
      .select('first_name')
      .where('external_id', '=', 'e2e-p-1')
      .executeTakeFirst();
    expect(person).toEqual({ first_name: 'Maëlle' });
  });

  it('donne toutes les erreurs d’un accusé France Travail en une fois', async () => {
    await signIn('admin@parcours.test');
    await journey.page.goto(`${journey.stack.app.url}/france-travail`);
    await journey.page.getByRole('heading', { level: 1, name: 'Inscription à France Travail' }).waitFor();
    await journey.page.getByLabel('Fichier d’accusé de réception (CSV)').setInputFiles({
      name: 'accuse.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'id_inscription;statut;identifiant_france_travail;motif\n00000000-0000-4000-8000-000000000001;PEUTETRE;;\n00000000-0000-4000-8000-000000000002;INSCRIT;FT-2;\n',
      ),
    });
    await journey.page.getByRole('button', { name: 'Envoyer l’accusé de réception' }).click();
    await journey.page.getByText('L’accusé de réception n’a pas été enregistré').waitFor();
    await journey.page.getByText(/statut inconnu/).waitFor();
    await journey.page
      .getByText(/inscription inconnue ou pas encore transmise/)
      .first()
      .waitFor();
    expect(await journey.page.getByRole('row', { name: /^\s*[23]\s/ }).count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(journey.page);
  });
});
