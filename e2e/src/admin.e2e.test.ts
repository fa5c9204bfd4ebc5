import { roleLabels } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login, logout, menuLink } from './stack';

const journey = browserJourney();

async function signIn(email: string) {
  await login(journey.page, journey.stack.app.url, email);
  await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

describe('administration', () => {
  it('crée un compte de conseiller rattaché à un pôle, qui peut ensuite se connecter', async () => {
    await signIn('admin@parcours.test');
    await menuLink(journey.page, 'Comptes').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();
    await journey.page.getByRole('row', { name: /Karim Orientation/ }).waitFor();
    await expectAccessible(journey.page);

    await journey.page
      .getByRole('link', { name: 'Créer un compte' })
      .or(journey.page.getByRole('button', { name: 'Créer un compte' }))
      .click();
    await journey.page.getByLabel('Nom et prénom').fill('Lucie Nouvelle');
    await journey.page.getByLabel('Adresse e-mail').fill('lucie.nouvelle@parcours.test');
    await journey.page.getByLabel('Rôle').selectOption({ label: roleLabels.orientation_advisor });
    await expectAccessible(journey.page);
    // Submitting without the pôle the role needs: a French message on the field, nothing is lost.
    await journey.page.getByLabel(/Mot de passe initial/).fill('Mot-de-passe-initial-1');
    await journey.page.getByRole('button', { name: 'Créer le compte' }).click();
    await journey.page.getByText('Ce rôle est rattaché à un pôle d’insertion : choisissez-le.').waitFor();
    expect(await journey.page.getByLabel('Nom et prénom').inputValue()).toBe('Lucie Nouvelle');
    await journey.page.getByLabel('Pôle d’insertion').selectOption({ label: 'Aix-Gardanne' });
    await journey.page.getByRole('button', { name: 'Créer le compte' }).click();
    await journey.page
      .getByRole('heading', { level: 1, name: 'Comptes' })
      .or(journey.page.getByText(/Lucie Nouvelle/).first())
      .first()
      .waitFor();

    const created = await journey.stack.app.ctx.db
      .selectFrom('account as a')
      .innerJoin('insertion_hub as h', 'h.id', 'a.hub_id')
      .select(['a.role', 'h.name'])
      .where('a.email', '=', 'lucie.nouvelle@parcours.test')
      .executeTakeFirst();
    expect(created).toEqual({ role: 'orientation_advisor', name: 'Aix-Gardanne' });

    await logout(journey.page);
    await login(
      journey.page,
      journey.stack.app.url,
      'lucie.nouvelle@parcours.test',
      'Mot-de-passe-initial-1',
    );
    await journey.page.getByText('Lucie Nouvelle').first().waitFor();
    await journey.page
      .getByText(/Aix-Gardanne/)
      .first()
      .waitFor();
  });

  it('déplace une commune vers un autre pôle d’insertion', async () => {
    await signIn('admin@parcours.test');
    await menuLink(journey.page, 'Territoire').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Territoire' }).waitFor();
    await expectAccessible(journey.page);
    await journey.page.getByLabel('Nom ou code de la commune').fill('Allauch');
    const select = journey.page.getByLabel('Nouveau pôle pour Allauch');
    await select.waitFor();
    await select.selectOption({ label: 'Marseille 13/14' });
    await journey.page.getByRole('button', { name: 'Déplacer Allauch' }).click();
    // The move is confirmed first, with what it moves (no person lives in Allauch here).
    const confirm = journey.page.getByRole('alertdialog', {
      name: 'Déplacer la commune Allauch vers le pôle Marseille 13/14 ?',
    });
    await confirm.getByText(/Aucune personne suivie n’habite Allauch/).waitFor();
    await confirm.getByRole('button', { name: 'Déplacer la commune' }).click();
    await expect
      .poll(async () => {
        const c = await journey.stack.app.ctx.db
          .selectFrom('commune as c')
          .innerJoin('insertion_hub as h', 'h.id', 'c.hub_id')
          .select('h.name')
          .where('c.insee_code', '=', '13002')
          .executeTakeFirst();
        return c?.name;
      })
      .toBe('Marseille 13/14');
    await expectAccessible(journey.page);
  });

  it('montre qui a consulté un dossier et vérifie l’intégrité du journal', async () => {
    const person = '22222222-2222-4222-8222-222222222222';
    const advisor = await journey.stack.app.ctx.db
      .selectFrom('account')
      .selectAll()
      .where('email', '=', 'orientation@parcours.test')
      .executeTakeFirstOrThrow();
    await journey.stack.app.ctx.audit.personRead(
      { accountId: advisor.id, role: advisor.role, departmentCode: advisor.department_code },
      person,
      { ip: '127.0.0.1', id: 'e2e' },
      'entretien d’orientation',
    );
    await signIn('admin@parcours.test');
    await menuLink(journey.page, 'Journal des accès').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Journal des accès' }).waitFor();
    await expectAccessible(journey.page);
    // As the person's file links to it (the person is picked by name in journal.e2e).
    await journey.page.goto(`${journey.stack.app.url}/administration/journal?personne=${person}`);
    await journey.page
      .getByRole('cell', { name: /Karim Orientation/ })
      .first()
      .waitFor();
    await expectAccessible(journey.page);
    await journey.page
      .getByRole('button', { name: "Vérifier l'intégrité du journal" })
      .or(journey.page.getByRole('button', { name: /intégrité/i }))
      .first()
      .click();
    await journey.page
      .getByText(/intègre|aucune anomalie|vérifiée/i)
      .first()
      .waitFor();
  });

  it('affiche les tâches en arrière-plan et les structures', async () => {
    await signIn('admin@parcours.test');
    await menuLink(journey.page, 'Tâches en arrière-plan').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Tâches en arrière-plan' }).waitFor();
    await expectAccessible(journey.page);
    await menuLink(journey.page, 'Structures').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Structures' }).waitFor();
    await journey.page.getByRole('cell', { name: 'MDS Marseille 2/3' }).first().waitFor();
    await expectAccessible(journey.page);
  });
});

describe('chaque compte de démonstration voit ce que son rôle permet', () => {
  const cases: [string, boolean][] = [
    ['admin@parcours.test', true],
    ['orientation@parcours.test', false],
    ['referent@parcours.test', false],
    ['operateur@parcours.test', false],
    ['ep@parcours.test', false],
    ['medical@parcours.test', false],
    ['aides@parcours.test', false],
    ['pilotage@parcours.test', false],
    ['beneficiaire@parcours.test', false],
  ];
  it.each(cases)('%s', async (email, isAdmin) => {
    await signIn(email);
    await expectAccessible(journey.page);
    const nav = journey.page.getByRole('navigation').first();
    expect(await nav.getByRole('link', { name: 'Comptes' }).count()).toBe(isAdmin ? 1 : 0);
    expect(await nav.getByRole('link', { name: 'Journal des accès' }).count()).toBe(isAdmin ? 1 : 0);
    expect(await nav.getByRole('link', { name: 'Territoire' }).count()).toBe(
      email.startsWith('beneficiaire') ? 0 : 1,
    );
  });
});
