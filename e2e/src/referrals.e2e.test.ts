import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login, logout, menuLink } from './stack';
import { daysAgo, mdsId, orientTo } from './support/mds-world';

/*
 * Issue 12, "done when": a référent finds an action by need and commune with the ActionPicker and
 * sees its free places, refers a person (fiche de liaison); the operator logs in, sees the fiche,
 * accepts, records the entry, a day of attendance and a positive exit (CDI). With axe checks.
 */
const world = { personId: '', actionId: '' };
const ACTION_TITLE = 'Atelier fiche de liaison du parcours';

const journey = browserJourney({
  setUp: async (stack) => {
    const db = stack.app.ctx.db;
    const household = await db
      .insertInto('household')
      .values({
        department_code: '13',
        organism: 'CAF',
        claim_number: '13100000977',
        street_number: '5',
        street_type: 'RUE',
        street_name: 'DES ORIENTATIONS',
        commune_code: '13203',
        postal_code: '13003',
        commune_name: 'MARSEILLE',
        rights_status: '2',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = await db
      .insertInto('person')
      .values({
        department_code: '13',
        birth_name: 'LIAISONFICHE',
        first_name: 'Yasmine',
        title: 'MME',
        birth_date: '1988-04-12',
        sex: 'F',
        nir: '2880413203177',
        household_id: household.id,
        household_role: 'DEM',
        rights_open: true,
        subject_to_duties: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('contact')
      .values({
        department_code: '13',
        household_id: household.id,
        kind: 'phone',
        value: '0611223399',
        consent: 'A',
        source: 'test',
      })
      .execute();
    await orientTo(db, await mdsId(db), person.id, 20);
    world.personId = person.id;
    const tremplin = await db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'Association Tremplin Provence')
      .executeTakeFirstOrThrow();
    const action = await db
      .insertInto('insertion_action')
      .values({
        department_code: '13',
        code: 'FL-1',
        title: ACTION_TITLE,
        axis: 3,
        kind: 'socle',
        status: 'nouvelle',
        thematiques: ['choisir-un-metier--confirmer-son-choix-de-metier'],
        weekly_hours: 20,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    world.actionId = action.id;
    await db
      .insertInto('insertion_action_operator')
      .values({ department_code: '13', action_id: action.id, structure_id: tremplin.id })
      .execute();
    await db
      .insertInto('action_session')
      .values({
        department_code: '13',
        action_id: action.id,
        label: 'Session fiche Marseille 3e',
        starts_on: daysAgo(-3),
        ends_on: daysAgo(-60),
        place: '21 boulevard Imaginaire',
        commune_code: '13203',
        capacity: 8,
        weekly_hours: 20,
      })
      .execute();
  },
});

describe('referrals (fiches de liaison)', () => {
  it('the référent finds an action by need and commune, sees its free places and refers the person', async () => {
    const { page } = journey;
    const url = journey.stack.app.url;
    await login(page, url, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${url}/personnes/${world.personId}`);
    const section = page.getByRole('region', { name: 'Fiches de liaison' });
    await section.getByText('Aucune fiche de liaison.').waitFor();
    await section.getByRole('button', { name: 'Orienter vers une action' }).click();
    const dialog = page.getByRole('dialog', { name: 'Orienter vers une action' });
    await dialog.waitFor();
    // Prefilled with the person's commune.
    await expect.poll(() => dialog.getByLabel('Commune').inputValue()).toBe('13203');
    await dialog.getByLabel('Besoin').selectOption({ label: 'Confirmer son choix de métier' });
    await dialog.getByLabel('Recherche libre').fill('fiche de liaison');
    await dialog.getByRole('button', { name: 'Rechercher' }).click();
    const result = dialog.getByRole('article', { name: `FL-1 — ${ACTION_TITLE}` });
    await result.waitFor();
    const row = result.getByRole('row', { name: /Session fiche Marseille 3e/ });
    await row.getByText('8 places libres').waitFor();
    await expectAccessible(page);
    await row.getByRole('button', { name: 'Choisir' }).click();

    await dialog.getByText(`FL-1 — ${ACTION_TITLE}`).waitFor();
    expect(await dialog.getByLabel('Heures par semaine').inputValue()).toBe('20');
    await dialog
      .getByLabel(/Message à l’opérateur/)
      .fill('Souhaite confirmer son projet dans la logistique.');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Envoyer la fiche de liaison' }).click();
    await dialog.waitFor({ state: 'detached' });
    const sent = section.getByRole('row', { name: /FL-1/ });
    await sent.getByText('Envoyée', { exact: true }).waitFor();
    await sent.getByText('20 h par semaine').waitFor();
    await expectAccessible(page);
  });

  it('the operator sees the fiche with the minimum data, accepts, records entry, attendance and a positive exit', async () => {
    const { page } = journey;
    const url = journey.stack.app.url;
    await login(page, url, 'operateur@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    // The operator's navigation: its fiches, never the persons' search.
    await menuLink(page, 'Fiches de liaison').waitFor();
    expect(await menuLink(page, 'Personnes').count()).toBe(0);
    await menuLink(page, 'Fiches de liaison').click();
    await page.getByRole('heading', { level: 1, name: 'Fiches de liaison reçues' }).waitFor();
    const line = page.getByRole('row', { name: /Yasmine LIAISONFICHE/ });
    await line.getByText('Envoyée', { exact: true }).waitFor();
    await expectAccessible(page);
    await line.getByRole('link', { name: /Yasmine LIAISONFICHE/ }).click();

    await page
      .getByRole('heading', { level: 1, name: 'Fiche de liaison — Mme Yasmine LIAISONFICHE' })
      .waitFor();
    await page.getByText('0611223399').waitFor();
    await page.getByText('Souhaite confirmer son projet dans la logistique.').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('DES ORIENTATIONS');
    expect(text).not.toContain('2880413203177');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Accepter la fiche' }).click();
    await page.getByText('La fiche de liaison est acceptée.').waitFor();
    await page.getByRole('button', { name: 'Enregistrer l’entrée' }).click();
    await page.getByText('L’entrée dans l’action est enregistrée.').waitFor();

    const attendance = page.getByRole('form', { name: 'Noter une présence' });
    await attendance.getByLabel('Heures de présence').fill('3.5');
    await attendance.getByRole('button', { name: 'Enregistrer la présence' }).click();
    await page.getByText('La présence est enregistrée.').waitFor();
    await page.getByRole('region', { name: 'Présences' }).getByText('3,5 h').waitFor();
    await expectAccessible(page);

    await page.getByLabel('Catégorie de sortie').selectOption({ label: 'Sortie positive' });
    await page.getByLabel('Type de sortie').selectOption({ label: 'CDI' });
    await page.getByLabel(/Précision/).fill('Agent logistique');
    await page.getByRole('button', { name: 'Enregistrer la sortie' }).click();
    await page.getByText('La sortie de l’action est enregistrée.').waitFor();
    await page.getByText(/Sortie positive — CDI le/).waitFor();
    await expectAccessible(page);

    const referral = await journey.stack.app.ctx.db
      .selectFrom('referral')
      .select(['status', 'exit_category', 'exit_type', 'entered_on'])
      .where('person_id', '=', world.personId)
      .executeTakeFirstOrThrow();
    expect(referral).toMatchObject({ status: 'exited', exit_category: 'positive', exit_type: 'cdi' });
    expect(referral.entered_on).not.toBeNull();

    // The référent sees the course on the person's file.
    await logout(page);
    await login(page, url, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${url}/personnes/${world.personId}`);
    const row = page.getByRole('region', { name: 'Fiches de liaison' }).getByRole('row', { name: /FL-1/ });
    await row.getByText('Sortie positive — CDI (Agent logistique)').waitFor();
    await expectAccessible(page);
  });
});
