import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { createTestPerson } from '../../apps/api/test/support/messaging-fixtures';
import { accountIdOf, mondayIn, shiftSessionBack, suspend } from '../../apps/api/test/support/sas-fixtures';
import { browserJourney, expectAccessible, login, logout, menuLink } from './stack';

const today = parisDate(new Date());
const frenchDay = (d: string) => d.split('-').reverse().join('/');
// The Monday of last week: some meetings are already held today, the last ones are still to come,
// so the session still takes enrolments (a session over does not).
const startDate = mondayIn(-2);
let personId = '';
let leaverId = '';

const journey = browserJourney({
  setUp: async (stack) => {
    personId = await createTestPerson(stack.app, {
      firstName: 'Maëlys',
      lastName: 'SASTEST',
      email: { value: 'maelys.sastest@exemple.fr', consent: 'A' },
    });
    // Her allocation is suspended: a notified suspension decision (50 % for 2 months), pôle Marseille 2/3.
    await suspend(stack.app, personId);
    // A second suspended person of the pôle, who will abandon the session.
    leaverId = await createTestPerson(stack.app, { firstName: 'Yanis', lastName: 'ABANDONTEST' });
    await suspend(stack.app, leaverId);
  },
});

/** Records attendance, on the session's form, for every held meeting the form offers from `from`. */
async function recordAttendance(page: Page, from: number) {
  const form = page.getByRole('form', { name: 'Enregistrer une présence' });
  await pickPerson(form, /SASTEST/);
  const meetings = (await form.getByLabel('Séance').locator('option').allInnerTexts()).filter((o) =>
    o.startsWith('S'),
  );
  for (const meeting of meetings.slice(from)) {
    await form.getByLabel('Séance').selectOption({ label: meeting });
    await form.getByLabel('Présence').selectOption({ label: 'Présent' });
    await form.getByRole('button', { name: 'Enregistrer la présence' }).click();
    await form.getByText('Présence enregistrée.').waitFor();
    // The success note of the previous submission would hide a failure: wait for the grid.
    const n = meeting.split(' ')[0]!;
    const column = await headerIndex(page, n);
    await expect.poll(() => gridCell(page, column).innerText()).toBe('P');
  }
  return meetings.length;
}

function grid(page: Page) {
  return page.getByRole('table', { name: /^Présence aux séances/ });
}
async function headerIndex(page: Page, name: string) {
  const headers = await grid(page).getByRole('columnheader').allInnerTexts();
  return headers.findIndex((h) => h.trim() === name);
}
function gridCell(page: Page, column: number): Locator {
  return grid(page)
    .getByRole('row', { name: /SASTEST/ })
    .locator('th, td')
    .nth(column);
}

/** Chooses, in a form's « Personne » list, the one person whose option matches. */
async function pickPerson(form: Locator, who: RegExp) {
  const options = await form.getByLabel('Personne').locator('option').allInnerTexts();
  const label = options.find((o) => who.test(o));
  expect(label, `${who} in ${options.join(', ')}`).toBeDefined();
  await form.getByLabel('Personne').selectOption({ label: label! });
}

async function chooseStep(page: Page, step: string, who = /SASTEST/) {
  const form = page.getByRole('form', { name: 'Fin de session, engagement et décision' });
  await pickPerson(form, who);
  await form.getByLabel('Étape').selectOption({ label: step });
  return form;
}

describe('SAS de rétablissement (issue 14)', () => {
  it('a reinstatement request goes through the SAS: session, enrolment, attendance, commitment, decision', async () => {
    const { page } = journey;
    const base = journey.stack.app.url;
    const db = journey.stack.app.ctx.db;

    // The pôle's advisor leads the SAS: they plan a session (its meetings go on their agenda).
    await login(page, base, 'orientation@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'SAS de rétablissement').click();
    await page.getByRole('heading', { level: 1, name: 'SAS de rétablissement' }).waitFor();
    await page.getByText('Aucune session du SAS.').waitFor();
    await expectAccessible(page);

    const create = page.getByRole('form', { name: 'Prévoir une session' });
    await create.getByLabel('Animateur (les séances vont sur son agenda)').selectOption({
      label: 'Karim Orientation',
    });
    await create.getByLabel('Intitulé').fill('SAS de rétablissement — Marseille 2/3');
    // A Tuesday is refused in French under the field.
    await create.getByLabel('Premier jour (un lundi)').fill(addCalendarDays(mondayIn(1), 1));
    await create.getByLabel('Lieu').fill('Pôle d’insertion, salle 2');
    await create.getByRole('button', { name: 'Créer la session et ses 12 séances' }).click();
    await create.getByText('Une session du SAS commence un lundi.').waitFor();
    await create.getByText('La session n’a pas été créée').waitFor();
    await expectAccessible(page);
    // The demo fills the advisor's next three weeks with interviews: the clash is refused as a whole.
    await create.getByLabel('Premier jour (un lundi)').fill(startDate);
    await create.getByRole('button', { name: 'Créer la session et ses 12 séances' }).click();
    await create
      .getByText(/^La séance du \d\d\/\d\d\/\d{4} chevauche un créneau de l’agenda de Karim Orientation/)
      .waitFor();
    expect(await db.selectFrom('sas_session').select('id').execute()).toHaveLength(0);
    // The advisor frees those half-days (done here in SQL, the agenda screen has its own journey).
    const karim = await accountIdOf(journey.stack.app, 'orientation@parcours.test');
    await db
      .updateTable('agenda_slot')
      .set({ status: 'cancelled' })
      .where('advisor_account_id', '=', karim)
      .execute();
    await create.getByRole('button', { name: 'Créer la session et ses 12 séances' }).click();

    await page.getByRole('heading', { name: 'SAS de rétablissement — Marseille 2/3' }).waitFor();
    const session = await db
      .selectFrom('sas_session')
      .select('id')
      .where('label', '=', 'SAS de rétablissement — Marseille 2/3')
      .executeTakeFirstOrThrow();
    await page.getByRole('table', { name: '12 séances (sur l’agenda de l’animateur)' }).waitFor();
    await page.getByText('Personne n’est inscrit dans cette session.').waitFor();
    await expectAccessible(page);

    // On the person's file: the suspension, her request for reinstatement, placed in the session at once.
    await page.goto(`${base}/personnes/${personId}`);
    const section = page.getByRole('region', { name: 'SAS de rétablissement' });
    await section
      .getByText(
        `Allocation suspendue à 50 % (décision du ${frenchDay(today)}) : la personne peut demander le rétablissement de ses droits.`,
      )
      .waitFor();
    const request = section.getByRole('form', { name: 'Demande de rétablissement' });
    await request.getByLabel('Date de la demande').fill(today);
    await request.getByLabel('Session').selectOption({ index: 1 });
    await expectAccessible(page);
    await request.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await section.getByText('La personne est inscrite dans la session.').waitFor();
    await section
      .getByText(
        `Demande du ${frenchDay(today)} : Inscrite en session — SAS de rétablissement — Marseille 2/3`,
      )
      .waitFor();
    await expectAccessible(page);

    // Yanis asks too, and is placed in the same session.
    await page.goto(`${base}/personnes/${leaverId}`);
    const his = page.getByRole('region', { name: 'SAS de rétablissement' });
    await his
      .getByRole('form', { name: 'Demande de rétablissement' })
      .getByLabel('Session')
      .selectOption({ index: 1 });
    await his.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await his.getByText('La personne est inscrite dans la session.').waitFor();

    // Back on the session: Yanis abandons it; attendance of the meetings already held, on the grid.
    await page.goto(`${base}/sanctions/sas?session=${session.id}`);
    await grid(page)
      .getByRole('row', { name: /SASTEST/ })
      .getByText('Inscrite en session')
      .waitFor();
    let steps = await chooseStep(page, 'Session abandonnée', /ABANDONTEST/);
    await steps.getByLabel('Date', { exact: true }).fill(today);
    await steps.getByLabel('Observations (facultatif)').fill('Ne vient plus depuis la première semaine.');
    await steps.getByRole('button', { name: 'Enregistrer' }).click();
    await steps.getByText('Enregistré.').waitFor();
    await grid(page)
      .getByRole('row', { name: /ABANDONTEST/ })
      .getByText('Session abandonnée')
      .waitFor();
    const held = await recordAttendance(page, 0);
    expect(held).toBeGreaterThan(0);
    await expectAccessible(page);

    // Ending the session "followed to the end" while meetings are still to come is refused in French.
    steps = await chooseStep(page, 'Session suivie jusqu’au bout');
    await steps.getByLabel('Date', { exact: true }).fill(today);
    await steps.getByRole('button', { name: 'Enregistrer' }).click();
    await steps.getByText('Rien n’a été enregistré').waitFor();
    await steps
      .getByText(`La session n’est pas terminée : ${12 - held} séance(s) restent à venir.`)
      .waitFor();
    await expectAccessible(page);

    // Four weeks pass: every meeting is held; the remaining ones are recorded on the grid.
    await shiftSessionBack(journey.stack.app, session.id, 28);
    await page.reload();
    await grid(page)
      .getByRole('row', { name: /SASTEST/ })
      .waitFor();
    expect(await recordAttendance(page, held)).toBe(12);
    await grid(page)
      .getByRole('row', { name: /SASTEST/ })
      .getByText('100 %')
      .waitFor();

    steps = await chooseStep(page, 'Session suivie jusqu’au bout');
    await steps.getByLabel('Date', { exact: true }).fill(today);
    await steps.getByLabel('Observations (facultatif)').fill('Assidue, participe aux ateliers.');
    await steps.getByRole('button', { name: 'Enregistrer' }).click();
    await steps.getByText('Enregistré.').waitFor();
    await grid(page)
      .getByRole('row', { name: /SASTEST/ })
      .getByText('Session suivie jusqu’au bout')
      .waitFor();
    await expectAccessible(page);

    // The advisor runs the SAS; the decision belongs to the EP secretariat (sanction.manage).
    steps = page.getByRole('form', { name: 'Fin de session, engagement et décision' });
    await steps.getByLabel('Personne').selectOption({ index: 1 });
    const offered = await steps.getByLabel('Étape').locator('option').allInnerTexts();
    expect(offered).not.toContain('Décision : droits rétablis');
    await logout(page);

    await login(page, base, 'ep@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'SAS de rétablissement').click();
    await page.getByRole('heading', { level: 1, name: 'SAS de rétablissement' }).waitFor();
    await page.getByRole('table', { name: '1 session(s)' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'SAS de rétablissement — Marseille 2/3' }).click();
    await grid(page)
      .getByRole('row', { name: /SASTEST/ })
      .waitFor();

    // Reinstatement without her commitment: refused in French, nothing written.
    steps = await chooseStep(page, 'Décision : droits rétablis');
    await steps.getByLabel('Droits rétablis à compter du').fill(today);
    await steps.getByRole('button', { name: 'Enregistrer' }).click();
    await steps.getByText('Rien n’a été enregistré').waitFor();
    await steps
      .getByText(
        /L’engagement de la personne \(contrat d’engagement signé ou parcours\) n’est pas enregistré/,
      )
      .first()
      .waitFor();
    await expectAccessible(page);
    expect(
      await db.selectFrom('caf_transmission_line').select('id').where('person_id', '=', personId).execute(),
    ).toHaveLength(0);

    // Her commitment to a pathway, then the decision.
    steps = await chooseStep(page, 'Engagement de la personne');
    await steps.getByLabel('Engagé le').fill(today);
    await steps
      .getByLabel('Engagement', { exact: true })
      .selectOption({ label: 'Parcours d’insertion (décrit)' });
    await steps
      .getByLabel('Parcours', { exact: true })
      .fill('Atelier de remobilisation puis bilan de compétences.');
    await expectAccessible(page);
    await steps.getByRole('button', { name: 'Enregistrer' }).click();
    await steps.getByText('Enregistré.').waitFor();

    steps = await chooseStep(page, 'Décision : droits rétablis');
    await steps.getByLabel('Droits rétablis à compter du').fill(today);
    await steps.getByRole('button', { name: 'Enregistrer' }).click();
    await steps.getByText('Enregistré.').waitFor();
    await grid(page)
      .getByRole('row', { name: /SASTEST/ })
      .getByText('Droits rétablis')
      .waitFor();
    await expectAccessible(page);

    // Yanis abandoned: only a refusal can be decided, and it needs its reason (said under the field).
    steps = page.getByRole('form', { name: 'Fin de session, engagement et décision' });
    await pickPerson(steps, /ABANDONTEST/);
    const forHim = await steps.getByLabel('Étape').locator('option').allInnerTexts();
    expect(forHim).toContain('Décision : rétablissement refusé');
    expect(forHim).not.toContain('Décision : droits rétablis');
    steps = await chooseStep(page, 'Décision : rétablissement refusé', /ABANDONTEST/);
    await steps.getByLabel('Date', { exact: true }).fill(today);
    await steps.getByRole('button', { name: 'Enregistrer' }).click();
    await steps.getByText('Indiquez le motif du refus.').waitFor();
    await expectAccessible(page);
    await steps.getByLabel('Motif', { exact: true }).fill('Session abandonnée dès la première semaine.');
    await steps.getByRole('button', { name: 'Enregistrer' }).click();
    await steps.getByText('Enregistré.').waitFor();
    await grid(page)
      .getByRole('row', { name: /ABANDONTEST/ })
      .getByText('Rétablissement refusé')
      .waitFor();
    const refusal = await db
      .selectFrom('message')
      .select('channel')
      .where('person_id', '=', leaverId)
      .where('template_code', '=', 'reinstatement_decision')
      .execute();
    expect(refusal.map((l) => l.channel)).toContain('letter');
    expect(
      await db.selectFrom('caf_transmission_line').select('id').where('person_id', '=', leaverId).execute(),
    ).toHaveLength(0);

    // The person's file says it; the CAF line and the reinstatement letter are there.
    await page.goto(`${base}/personnes/${personId}`);
    await page
      .getByRole('region', { name: 'SAS de rétablissement' })
      .getByText(
        `Demande du ${frenchDay(today)} : Droits rétablis — SAS de rétablissement — Marseille 2/3 (droits rétablis à compter du ${frenchDay(today)})`,
        // Exact: no reason of another step carried into the decision.
        { exact: true },
      )
      .waitFor();
    await expectAccessible(page);
    await page.goto(`${base}/personnes/${leaverId}`);
    await page
      .getByRole('region', { name: 'SAS de rétablissement' })
      .getByText(
        `Demande du ${frenchDay(today)} : Rétablissement refusé — SAS de rétablissement — Marseille 2/3 : « Session abandonnée dès la première semaine. »`,
        { exact: true },
      )
      .waitFor();
    const line = await db
      .selectFrom('caf_transmission_line')
      .select(['kind', 'effective_on'])
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(line.kind).toBe('reinstatement');
    expect(String(line.effective_on).slice(0, 10)).toBe(today);
    const letters = await db
      .selectFrom('message')
      .select(['channel'])
      .where('person_id', '=', personId)
      .where('template_code', '=', 'reinstatement_decision')
      .execute();
    expect(letters.map((l) => l.channel)).toContain('letter');
  });
});
