import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login } from './stack';

let personId: string;

const journey = browserJourney({
  setUp: async (stack) => {
    // A synthetic woman, separated (SITFAM "SEP"), in Marseille 4e (pôle Marseille 4/8/9/10/11/12).
    const db = stack.app.ctx.db;
    const household = await db
      .insertInto('household')
      .values({
        department_code: '13',
        organism: 'CAF',
        claim_number: '13700000001',
        family_situation: 'SEP',
        commune_code: '13204',
        rights_status: '2',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = await db
      .insertInto('person')
      .values({
        department_code: '13',
        birth_name: 'LIBELLE',
        first_name: 'Agathe',
        birth_date: '1985-06-15',
        sex: 'F',
        household_id: household.id,
        household_role: 'DEM',
        rights_open: true,
        subject_to_duties: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    personId = person.id;
  },
});

async function signIn(email: string) {
  await login(journey.page, journey.stack.app.url, email);
  await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

describe('les codes affichés en français', () => {
  it('le dossier dit la situation familiale en toutes lettres, accordée au sexe de la personne', async () => {
    await signIn('admin@parcours.test');
    await journey.page.goto(`${journey.stack.app.url}/personnes/${personId}`);
    await journey.page.getByRole('heading', { level: 1, name: /Agathe LIBELLE/ }).waitFor();
    const situation = journey.page.locator('.summary-list div', { hasText: 'Situation familiale' });
    await situation.waitFor();
    expect(await situation.textContent()).toMatch(/Situation familiale\s*Séparée$/);
    const rights = journey.page.locator('.summary-list div', { hasText: 'État du droit' });
    expect(await rights.textContent()).toContain('Droit ouvert et versable');
    const body = (await journey.page.locator('main').textContent()) ?? '';
    expect(body).not.toMatch(/\bSEP\b/);
    expect(body).not.toContain('Code inconnu');
    await expectAccessible(journey.page);
  });

  it('déplacer une commune vers un autre pôle demande confirmation et dit combien de personnes changent de pôle', async () => {
    await signIn('admin@parcours.test');
    await journey.page.goto(`${journey.stack.app.url}/territoire`);
    await journey.page.getByLabel('Nom ou code de la commune').fill('13204');
    await journey.page.getByRole('button', { name: 'Afficher les communes' }).click();
    const row = journey.page.getByRole('row', { name: /Marseille 4e Arrondissement/ });
    await row
      .getByLabel('Nouveau pôle pour Marseille 4e Arrondissement')
      .selectOption({ label: 'Aubagne-La Ciotat' });
    await row.getByRole('button', { name: /Déplacer/ }).click();

    const dialog = journey.page.getByRole('alertdialog', {
      name: 'Déplacer la commune Marseille 4e Arrondissement vers le pôle Aubagne-La Ciotat ?',
    });
    await dialog.waitFor();
    await dialog.getByText('1 personne suivie (1 foyer) changera de pôle').waitFor();
    expect(await dialog.textContent()).toContain('au lieu du pôle Marseille 4/8/9/10/11/12');
    await expectAccessible(journey.page);

    // Cancelling moves nothing.
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const before = await journey.stack.app.ctx.db
      .selectFrom('commune as c')
      .innerJoin('insertion_hub as h', 'h.id', 'c.hub_id')
      .select('h.name')
      .where('c.insee_code', '=', '13204')
      .executeTakeFirstOrThrow();
    expect(before.name).toBe('Marseille 4/8/9/10/11/12');

    await row.getByRole('button', { name: /Déplacer/ }).click();
    await dialog.getByText('1 personne suivie (1 foyer) changera de pôle').waitFor();
    await dialog.getByRole('button', { name: 'Déplacer la commune' }).click();
    await journey.page
      .getByText('La commune Marseille 4e Arrondissement est maintenant rattachée au pôle Aubagne-La Ciotat.')
      .waitFor();
    const after = await journey.stack.app.ctx.db
      .selectFrom('commune as c')
      .innerJoin('insertion_hub as h', 'h.id', 'c.hub_id')
      .select('h.name')
      .where('c.insee_code', '=', '13204')
      .executeTakeFirstOrThrow();
    expect(after.name).toBe('Aubagne-La Ciotat');
  });
  it('une tâche qui réessaie montre sa dernière erreur et son prochain essai, sous un nom en français', async () => {
    await journey.stack.app.ctx.db
      .insertInto('job')
      .values({
        department_code: '13',
        queue: 'mail.password-reset',
        payload: JSON.stringify({ accountId: null }),
        status: 'pending',
        attempts: 2,
        max_attempts: 5,
        // Far enough ahead for the worker to leave it alone during the test.
        run_at: new Date(Date.now() + 3_600_000),
        last_error: 'Serveur SMTP injoignable (ECONNREFUSED)',
      })
      .execute();
    await signIn('admin@parcours.test');
    await journey.page.goto(`${journey.stack.app.url}/administration/taches`);
    await journey.page.getByRole('heading', { level: 1, name: 'Tâches en arrière-plan' }).waitFor();
    const row = journey.page.getByRole('row', { name: /E-mail de réinitialisation du mot de passe/ });
    await row.getByText('Nouvel essai prévu').waitFor();
    expect(await row.textContent()).toContain('Serveur SMTP injoignable (ECONNREFUSED)');
    expect(await row.textContent()).toContain('2 sur 5');
    expect(await row.textContent()).toMatch(/Nouvel essai le/);
    await expectAccessible(journey.page);
  });
});
