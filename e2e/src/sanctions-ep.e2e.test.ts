import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { createTestPerson } from '../../apps/api/test/support/messaging-fixtures';
import { seedCase } from '../../apps/api/test/support/sanction-fixtures';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

/*
 * Issue 14 point 4: a case under the earlier regime (facts before 1 June 2025) needs the EP's
 * opinion before any sanction. The EP secretariat of pôle Marseille 2/3 submits it from the
 * person's file, plans its session, invites the person (the letter is prepared), holds the
 * session, gives the opinion, reads the minutes and signs them; the sanction is then decided.
 */

const today = parisDate(new Date());
const frenchDay = (d: string) => d.split('-').reverse().join('/');
const FACTS = '2025-05-15';
const PLACE = 'Pôle d’insertion Marseille 2/3 — salle Frioul';
let personId = '';
let caseId = '';

const journey = browserJourney({
  context: { acceptDownloads: true },
  setUp: async (stack) => {
    // Commune 13203: pôle Marseille 2/3, the EP secretariat's pôle.
    personId = await createTestPerson(stack.app, { firstName: 'Gaston', lastName: 'EPANTERIEUR' });
    caseId = await seedCase(stack.app, personId, 'observations_received', {
      regime: 'earlier',
      rule_set_from: '2009-06-01',
      facts_date: FACTS,
      observations_received_on: today,
      observations_mode: 'written',
      observations: 'Courrier : difficultés de transport.',
    });
    const c = await stack.app.ctx.db
      .selectFrom('sanction_case')
      .select('failure_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    await stack.app.ctx.db
      .updateTable('sanction_failure')
      .set({ facts_date: FACTS })
      .where('id', '=', c.failure_id)
      .execute();
  },
});

describe('EP sessions (issue 14)', () => {
  it('an earlier case goes to an EP session whose minutes are produced, then the sanction is decided', async () => {
    const { page } = journey;
    const base = journey.stack.app.url;
    await login(page, base, 'ep@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();

    // On the person's file: the case of May 2025 is judged under the earlier regime.
    await page.goto(`${base}/personnes/${personId}`);
    const section = page.getByRole('region', { name: 'Droits et devoirs : manquements et sanctions' });
    await section.waitFor();
    const card = section.getByRole('article', { name: /^Procédure — .* du 15\/05\/2025/ });
    await card.getByText('Régime antérieur (faits avant le 1er juin 2025)').waitFor();
    await expectAccessible(page);

    // Before the EP's opinion a sanction is refused, in French, under the field.
    await card.getByRole('button', { name: 'Décider' }).click();
    let dialog = page.getByRole('dialog', { name: 'Décision' });
    await dialog.getByLabel('Nature de la décision').selectOption('sanction');
    await dialog.getByLabel('Taux (%)').fill('50');
    await dialog.getByLabel('Durée (mois)').fill('2');
    await dialog.getByRole('button', { name: 'Décider' }).click();
    await dialog.getByText('L’étape n’a pas été enregistrée').waitFor();
    await dialog
      .getByText(/la sanction suit l’avis de l’équipe pluridisciplinaire/)
      .first()
      .waitFor();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Submitted to the EP: the proposal for the earlier regime is the sanction.
    await card.getByRole('button', { name: 'Soumettre à l’EP' }).click();
    dialog = page.getByRole('dialog', { name: 'Soumettre à l’équipe pluridisciplinaire' });
    await expect.poll(() => dialog.getByLabel('Saisie le').inputValue()).toBe(today);
    const proposal = dialog.getByLabel('Proposition soumise à l’avis de l’équipe');
    await expect.poll(() => proposal.inputValue()).toBe('sanction');
    await expect
      .poll(() => proposal.locator('option:checked').innerText())
      .toMatch(/^Sanction \(régime antérieur/);
    await dialog
      .getByLabel('Motif de la saisine')
      .fill('Absences répétées aux rendez-vous (faits de mai 2025).');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Soumettre à l’EP' }).click();
    await page
      .getByText(
        'Le dossier est soumis à l’équipe pluridisciplinaire : il attend son inscription à une séance.',
      )
      .waitFor();
    await card.getByText(/saisie le .* ; pas encore inscrite à une séance/).waitFor();
    await expect.poll(() => card.getByRole('button', { name: 'Soumettre à l’EP' }).count()).toBe(0);

    // The EP screen: plan the pôle's session of today.
    await menuLink(page, 'Droits et devoirs').click();
    await page.getByRole('heading', { level: 1, name: 'Manquements à examiner' }).waitFor();
    await page.getByRole('link', { name: 'Équipes pluridisciplinaires' }).click();
    await page.getByRole('heading', { level: 1, name: 'Équipes pluridisciplinaires' }).waitFor();
    await page.getByText('Aucune séance prévue.').waitFor();
    await expectAccessible(page);
    const planning = page.getByRole('form', { name: 'Prévoir une séance' });
    await planning.getByLabel('Date').fill(today);
    await planning.getByLabel('Heure').fill('14:00');
    await planning.getByLabel('Lieu').fill(PLACE);
    await planning.getByRole('button', { name: 'Créer la séance' }).click();

    const sessionRegion = page.getByRole('region', { name: `Séance du ${frenchDay(today)} à 14:00` });
    await sessionRegion.waitFor();
    await sessionRegion
      .getByText(/Marseille 2\/3/)
      .first()
      .waitFor();
    await sessionRegion.getByText(PLACE).waitFor();
    await sessionRegion.getByText('Prévue', { exact: true }).waitFor();
    await expectAccessible(page);

    // Members with their quality.
    const membersRegion = page.getByRole('region', { name: 'Membres' });
    const memberForm = membersRegion.getByRole('form', { name: 'Ajouter un membre' });
    for (const [name, quality] of [
      ['Mme Martine Élue', 'Élu départemental, président'],
      ['M. Paul Agence', 'Représentant de France Travail'],
      ['Mme Claire Caf', 'Représentant de la CAF'],
    ] as const) {
      await memberForm.getByLabel('Nom').fill(name);
      await memberForm.getByLabel('Qualité').selectOption({ label: quality });
      await memberForm.getByRole('button', { name: 'Ajouter le membre' }).click();
      await membersRegion
        .getByRole('row', { name: new RegExp(name) })
        .getByText(quality)
        .waitFor();
    }
    await membersRegion.getByRole('table', { name: '3 membre(s)' }).waitFor();

    // The case, among the candidates of the pôle, goes to the agenda.
    const agendaRegion = page.getByRole('region', { name: 'Ordre du jour' });
    await agendaRegion.getByText('Aucun dossier à l’ordre du jour.').waitFor();
    const candidates = agendaRegion.getByLabel('Dossier soumis à l’EP');
    const candidate = candidates.locator('option', { hasText: 'EPANTERIEUR' });
    await expect
      .poll(() => candidate.innerText())
      .toMatch(new RegExp(`Sanction \\(régime antérieur.*\\(saisine du ${frenchDay(today)}\\)`));
    await candidates.selectOption((await candidate.getAttribute('value')) as string);
    await agendaRegion.getByRole('button', { name: 'Inscrire à l’ordre du jour' }).click();
    const row = agendaRegion.getByRole('row', { name: /EPANTERIEUR/ });
    await row.getByText(/^Sanction \(régime antérieur/).waitFor();
    await expectAccessible(page);

    // The invitation: recorded, and its letter prepared from the template.
    await row.getByLabel(/^Date d’invitation de .*EPANTERIEUR/).fill(today);
    await row.getByRole('button', { name: 'Enregistrer l’invitation' }).click();
    await row.getByRole('cell', { name: frenchDay(today), exact: true }).waitFor();
    await expect
      .poll(async () =>
        (
          await journey.stack.app.ctx.db
            .selectFrom('message')
            .select(['template_code', 'channel'])
            .where('person_id', '=', personId)
            .where('sanction_case_id', '=', caseId)
            .execute()
        ).map((m) => `${m.template_code}/${m.channel}`),
      )
      .toContain('ep_invitation/letter');

    // The session is held: presence, then the opinion.
    await sessionRegion.getByRole('button', { name: 'La séance s’est tenue' }).click();
    await page.getByText('La séance est tenue : enregistrez la présence des membres et les avis.').waitFor();
    await sessionRegion.getByText('Tenue', { exact: true }).waitFor();
    for (const name of ['Mme Martine Élue', 'M. Paul Agence']) {
      const present = membersRegion.getByLabel(`${name} présent à la séance`);
      await present.check();
      await expect.poll(() => present.isChecked()).toBe(true);
    }
    await expectAccessible(page);
    await row.getByRole('button', { name: /^Saisir l’avis pour .*EPANTERIEUR/ }).click();
    const opinion = agendaRegion.getByRole('form', { name: /^Avis de l’équipe pour .*EPANTERIEUR/ });
    await opinion.getByLabel('Avis', { exact: true }).selectOption('favourable');
    await opinion.getByLabel('Motivation de l’avis').fill('Manquements établis, aucune reprise de contact.');
    await opinion.getByLabel('Audition de la personne').selectOption('present');
    await expectAccessible(page);
    await opinion.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await row.getByText('Avis favorable à la proposition — Personne présente et entendue').waitFor();
    await expect.poll(() => opinion.count()).toBe(0);

    // The minutes: a real PDF naming the session, its members, the person and the opinion.
    const href = await sessionRegion
      .getByRole('link', { name: 'Procès-verbal de la séance (PDF)' })
      .getAttribute('href');
    expect(href).toMatch(/^\/api\/ep-sessions\/[0-9a-f-]{36}\/minutes\.pdf$/);
    const pdf = await page.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('Procès-verbal de la séance de l’équipe pluridisciplinaire');
    expect(text).toMatch(/séance du .+ à 14:00, Pôle d’insertion Marseille 2\/3 — salle Frioul/);
    expect(text).toContain('Mme Martine Élue');
    expect(text).toContain('EPANTERIEUR');
    expect(text).toContain('Avis favorable à la proposition');

    // The minutes are signed: the session closes.
    await sessionRegion.getByRole('button', { name: 'Clore (procès-verbal signé)' }).click();
    const closing = sessionRegion.getByRole('form', { name: 'Clore la séance' });
    await closing.getByLabel('Date de signature du procès-verbal').fill(today);
    await closing.getByRole('button', { name: 'Clore la séance' }).click();
    await page.getByText('Le procès-verbal est signé : la séance est close.').waitFor();
    await sessionRegion.getByText('Close (procès-verbal signé)', { exact: true }).waitFor();
    await sessionRegion.getByText('Procès-verbal signé le').waitFor();
    await expectAccessible(page);

    // Back on the file: the EP line, and the sanction of the earlier regime is now decided.
    await page.goto(`${base}/personnes/${personId}`);
    await card.getByText(/séance du .* \(close .*avis : avis favorable à la proposition/).waitFor();
    await expectAccessible(page);
    await card.getByRole('button', { name: 'Décider' }).click();
    dialog = page.getByRole('dialog', { name: 'Décision' });
    await dialog.getByLabel('Nature de la décision').selectOption('sanction');
    await expect
      .poll(() => dialog.getByLabel('Nature de la décision').locator('option:checked').innerText())
      .toBe('Suspension (ou réduction) de l’allocation');
    // Above the earlier regime's 80 % ceiling: refused, in French.
    await dialog.getByLabel('Taux (%)').fill('90');
    await dialog.getByLabel('Durée (mois)').fill('2');
    await dialog.getByRole('button', { name: 'Décider' }).click();
    await dialog
      .getByText(/Taux de 90 % au-dessus du plafond de 80 %/)
      .first()
      .waitFor();
    await expectAccessible(page);
    await dialog.getByLabel('Taux (%)').fill('50');
    await dialog.getByRole('button', { name: 'Décider' }).click();
    await card.getByText(/Suspension \(ou réduction\) de l’allocation de 50 % pendant 2 mois/).waitFor();
    const decided = await journey.stack.app.ctx.db
      .selectFrom('sanction_case')
      .select(['status', 'decision_kind', 'regime'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(decided).toEqual({ status: 'decided', decision_kind: 'sanction', regime: 'earlier' });
  });
});
