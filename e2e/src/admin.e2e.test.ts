import { roleLabels } from '@parcours/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeContext, expectAccessible, login, logout, menuLink, type Stack, startStack } from './stack';

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
beforeEach(async () => {
  context = await stack.browser.newContext({ locale: 'fr-FR' });
  page = await context.newPage();
});
afterEach(() => closeContext(context));

async function signIn(email: string) {
  await login(page, stack.app.url, email);
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

describe('administration', () => {
  it('crée un compte de conseiller rattaché à un pôle, qui peut ensuite se connecter', async () => {
    await signIn('admin@parcours.test');
    await menuLink(page, 'Comptes').click();
    await page.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();
    await page.getByRole('row', { name: /Karim Orientation/ }).waitFor();
    await expectAccessible(page);

    await page
      .getByRole('link', { name: 'Créer un compte' })
      .or(page.getByRole('button', { name: 'Créer un compte' }))
      .click();
    await page.getByLabel('Nom et prénom').fill('Lucie Nouvelle');
    await page.getByLabel('Adresse e-mail').fill('lucie.nouvelle@parcours.test');
    await page.getByLabel('Rôle').selectOption({ label: roleLabels.orientation_advisor });
    await expectAccessible(page);
    // Submitting without the pôle the role needs: a French message on the field, nothing is lost.
    await page.getByLabel(/Mot de passe initial/).fill('Mot-de-passe-initial-1');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText('Ce rôle est rattaché à un pôle d’insertion : choisissez-le.').waitFor();
    expect(await page.getByLabel('Nom et prénom').inputValue()).toBe('Lucie Nouvelle');
    await page.getByLabel('Pôle d’insertion').selectOption({ label: 'Aix-Gardanne' });
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Comptes' })
      .or(page.getByText(/Lucie Nouvelle/).first())
      .first()
      .waitFor();

    const created = await stack.app.ctx.db
      .selectFrom('account as a')
      .innerJoin('insertion_hub as h', 'h.id', 'a.hub_id')
      .select(['a.role', 'h.name'])
      .where('a.email', '=', 'lucie.nouvelle@parcours.test')
      .executeTakeFirst();
    expect(created).toEqual({ role: 'orientation_advisor', name: 'Aix-Gardanne' });

    await logout(page);
    await login(page, stack.app.url, 'lucie.nouvelle@parcours.test', 'Mot-de-passe-initial-1');
    await page.getByText('Lucie Nouvelle').first().waitFor();
    await page
      .getByText(/Aix-Gardanne/)
      .first()
      .waitFor();
  });

  it('déplace une commune vers un autre pôle d’insertion', async () => {
    await signIn('admin@parcours.test');
    await menuLink(page, 'Territoire').click();
    await page.getByRole('heading', { level: 1, name: 'Territoire' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Nom ou code de la commune').fill('Allauch');
    const select = page.getByLabel('Nouveau pôle pour Allauch');
    await select.waitFor();
    await select.selectOption({ label: 'Marseille 13/14' });
    await page.getByRole('button', { name: 'Déplacer Allauch' }).click();
    // The move is confirmed first, with what it moves (no person lives in Allauch here).
    const confirm = page.getByRole('alertdialog', {
      name: 'Déplacer la commune Allauch vers le pôle Marseille 13/14 ?',
    });
    await confirm.getByText(/Aucune personne suivie n’habite Allauch/).waitFor();
    await confirm.getByRole('button', { name: 'Déplacer la commune' }).click();
    await expect
      .poll(async () => {
        const c = await stack.app.ctx.db
          .selectFrom('commune as c')
          .innerJoin('insertion_hub as h', 'h.id', 'c.hub_id')
          .select('h.name')
          .where('c.insee_code', '=', '13002')
          .executeTakeFirst();
        return c?.name;
      })
      .toBe('Marseille 13/14');
    await expectAccessible(page);
  });

  it('montre qui a consulté un dossier et vérifie l’intégrité du journal', async () => {
    const person = '22222222-2222-4222-8222-222222222222';
    const advisor = await stack.app.ctx.db
      .selectFrom('account')
      .selectAll()
      .where('email', '=', 'orientation@parcours.test')
      .executeTakeFirstOrThrow();
    await stack.app.ctx.audit.personRead(
      { accountId: advisor.id, role: advisor.role, departmentCode: advisor.department_code },
      person,
      { ip: '127.0.0.1', id: 'e2e' },
      'entretien d’orientation',
    );
    await signIn('admin@parcours.test');
    await menuLink(page, 'Journal des accès').click();
    await page.getByRole('heading', { level: 1, name: 'Journal des accès' }).waitFor();
    await expectAccessible(page);
    // As the person's file links to it (the person is picked by name in journal.e2e).
    await page.goto(`${stack.app.url}/administration/journal?personne=${person}`);
    await page
      .getByRole('cell', { name: /Karim Orientation/ })
      .first()
      .waitFor();
    await expectAccessible(page);
    await page
      .getByRole('button', { name: "Vérifier l'intégrité du journal" })
      .or(page.getByRole('button', { name: /intégrité/i }))
      .first()
      .click();
    await page
      .getByText(/intègre|aucune anomalie|vérifiée/i)
      .first()
      .waitFor();
  });

  it('affiche les tâches en arrière-plan et les structures', async () => {
    await signIn('admin@parcours.test');
    await menuLink(page, 'Tâches en arrière-plan').click();
    await page.getByRole('heading', { level: 1, name: 'Tâches en arrière-plan' }).waitFor();
    await expectAccessible(page);
    await menuLink(page, 'Structures').click();
    await page.getByRole('heading', { level: 1, name: 'Structures' }).waitFor();
    await page.getByRole('cell', { name: 'MDS Marseille 2/3' }).first().waitFor();
    await expectAccessible(page);
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
    await expectAccessible(page);
    const nav = page.getByRole('navigation').first();
    expect(await nav.getByRole('link', { name: 'Comptes' }).count()).toBe(isAdmin ? 1 : 0);
    expect(await nav.getByRole('link', { name: 'Journal des accès' }).count()).toBe(isAdmin ? 1 : 0);
    expect(await nav.getByRole('link', { name: 'Territoire' }).count()).toBe(
      email.startsWith('beneficiaire') ? 0 : 1,
    );
  });
});
