import { describe, expect, it } from 'vitest';
import { createTestPerson } from '../../apps/api/test/support/messaging-fixtures';
import { browserJourney, expectAccessible, login, menuLink } from './stack';
import { capMdsAtThree, mdsId, orientTo, referentAtCap } from './support/mds-world';

/*
 * Issue 11, point 1: a structure manager assigns three persons (one over a cap, with a reason),
 * then changes a person's référent from the file; history shown, person and référents notified.
 */
const journey = browserJourney({
  setUp: async ({ app }) => {
    const db = app.ctx.db;
    const mds = await mdsId(db);
    const orient = (personId: string, days: number) => orientTo(db, mds, personId, days);
    // A référent already at the cap of the MDS (3 in this journey's dated caps).
    await referentAtCap(db, mds, async (i) => {
      const id = await createTestPerson(app, { firstName: `Suivi${i}`, lastName: 'DÉJÀSUIVI' });
      await orient(id, 90);
      return id;
    });
    for (const [name, days] of [
      ['Alice', 30],
      ['Bruno', 20],
      ['Chloé', 5],
    ] as const) {
      const id = await createTestPerson(app, {
        firstName: name,
        lastName: 'AFFECTATION',
        email: name === 'Alice' ? { value: 'alice@exemple.test', consent: 'A' } : undefined,
      });
      await orient(id, days);
    }
    await capMdsAtThree(db);
  },
});

describe('assignment of a référent unique', () => {
  it('a manager assigns three persons, one over a cap with a reason, then changes a référent', async () => {
    const { page, stack } = journey;
    await login(page, stack.app.url, 'responsable@parcours.test');
    await menuLink(page, 'Affectations').click();
    await page.getByRole('heading', { level: 1, name: 'Affectations' }).waitFor();
    const inbox = page.getByRole('table', { name: /Personnes orientées sans référent/ });
    await inbox.getByRole('link', { name: 'Alice AFFECTATION' }).waitFor();
    // Oldest orientation first; deadlines passed are flagged.
    const rows = inbox.getByRole('row');
    await expect(rows.nth(1).textContent()).resolves.toContain('Alice');
    await expect(rows.nth(1).textContent()).resolves.toContain('dépassé');
    const loads = page.getByRole('table', { name: /Référents de la structure/ });
    await expect(loads.getByRole('row', { name: /Hélène Complète/ }).textContent()).resolves.toContain(
      'plafond atteint',
    );
    await expectAccessible(page);

    // Two persons to the proposed (least loaded) référent.
    await page.getByRole('checkbox', { name: 'Sélectionner Alice AFFECTATION' }).check();
    await page.getByRole('checkbox', { name: 'Sélectionner Bruno AFFECTATION' }).check();
    const referent = page.getByLabel('Référent', { exact: true });
    await expect(referent.inputValue()).resolves.not.toBe('');
    expect(await page.getByLabel('Motif du dépassement du plafond').count()).toBe(0);
    await page.getByRole('button', { name: 'Affecter les 2 personnes' }).click();
    await page.getByText(/2 personnes affectées/).waitFor();
    await inbox.getByRole('link', { name: 'Alice AFFECTATION' }).waitFor({ state: 'detached' });

    // The third one to the référent at the cap: a reason is asked for.
    await page.getByRole('checkbox', { name: 'Sélectionner Chloé AFFECTATION' }).check();
    await referent.selectOption({ label: 'Hélène Complète — 3 / 3' });
    const reason = page.getByLabel('Motif du dépassement du plafond');
    await reason.waitFor();
    await page.getByRole('button', { name: 'Affecter la personne' }).click();
    await page.getByText('Le plafond est dépassé : le motif est obligatoire.').waitFor();
    await expectAccessible(page);
    await reason.fill('Famille déjà connue de Mme Complète');
    await page.getByRole('button', { name: 'Affecter la personne' }).click();
    await page
      .getByText(/1 personne affectée à Hélène Complète \(4 suivies pour un plafond de 3\)/)
      .waitFor();
    await page.getByText('Toutes les personnes orientées vers la structure ont un référent.').waitFor();
    const chloe = await stack.app.ctx.db
      .selectFrom('referent_assignment as ra')
      .innerJoin('person as p', 'p.id', 'ra.person_id')
      .select('ra.over_cap_reason')
      .where('p.first_name', '=', 'Chloé')
      .executeTakeFirstOrThrow();
    expect(chloe.over_cap_reason).toBe('Famille déjà connue de Mme Complète');

    // Change of référent from Alice's file.
    const alice = await stack.app.ctx.db
      .selectFrom('person')
      .select('id')
      .where('first_name', '=', 'Alice')
      .executeTakeFirstOrThrow();
    await page.goto(`${stack.app.url}/personnes/${alice.id}`);
    const section = page.getByRole('region', { name: 'Référent unique' });
    await section.getByRole('button', { name: 'Changer de référent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changer de référent' });
    await dialog.getByLabel('Nouveau référent').selectOption({ label: 'Martine Responsable — 0 / 3' });
    await dialog.getByLabel('Motif du changement').fill('Rapprochement du domicile');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Enregistrer le changement' }).click();
    await page.getByText(/Le référent est désormais/).waitFor();
    const history = section.getByRole('table', { name: /Historique des référents/ });
    await history.getByRole('rowheader', { name: /Martine Responsable/ }).waitFor();
    expect(await history.getByRole('row').count()).toBe(3);
    await history.getByText('Fin : Rapprochement du domicile').waitFor();
    const notices = await stack.app.ctx.db
      .selectFrom('message')
      .select(['template_code', 'recipient'])
      .where('person_id', '=', alice.id)
      .where('kind', '=', 'referent_change')
      .execute();
    expect(
      notices.some((m) => m.template_code === 'referent_change' && m.recipient === 'alice@exemple.test'),
    ).toBe(true);
    await expectAccessible(page);
  });

  it('an administrator chooses the structure, and sees the dated portfolio caps', async () => {
    const { page, stack } = journey;
    await login(page, stack.app.url, 'admin@parcours.test');
    await menuLink(page, 'Affectations').click();
    await page.getByText('Choisissez une structure pour voir ses personnes à affecter.').waitFor();
    await page.getByLabel('Structure').selectOption({ label: 'MDS Marseille 2/3' });
    await page.getByRole('heading', { name: 'Référents de MDS Marseille 2/3' }).waitFor();
    await expectAccessible(page);
    await menuLink(page, 'Plafonds de portefeuille').click();
    await page.getByRole('heading', { level: 1, name: 'Plafonds de portefeuille' }).waitFor();
    await page.getByText('Parcours de test : plafond MDS à 3').waitFor();
    await expectAccessible(page);
  });
});
