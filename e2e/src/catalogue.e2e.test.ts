import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { createAction } from '../../apps/api/src/modules/offer/application/catalogue-admin';
import { createSession } from '../../apps/api/src/modules/offer/application/sessions';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { actorOf } from '../../apps/api/test/support/harness';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const ids: Record<string, string> = {};
const request = { ip: '127.0.0.1', id: 'e2e-catalogue' };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const journey = browserJourney({
  setUp: async (stack) => {
    const ctx = stack.app.ctx;
    const admin = await actorOf(stack.app, 'admin@parcours.test');
    // An action of the catalogue for mobility, with an open session in Marseille 3e (3 places).
    const action = await createAction(
      ctx,
      admin,
      {
        code: 'E2E-1',
        title: 'Permis solidaire Zéphyr',
        axis: 3,
        kind: 'hors_socle',
        status: 'nouvelle',
        grouping: null,
        objectives: null,
        description: 'Préparation au code et à la conduite.',
        publicDescription: null,
        targetMinAge: null,
        targetMaxAge: null,
        targetSex: null,
        publics: ['beneficiaires-des-minimas-sociaux'],
        thematiques: ['mobilite--preparer-un-permis'],
        serviceType: 'formation',
        weeklyHours: 6,
        weeks: 12,
        phases: [],
        plannedBeneficiaries: 40,
        plannedBeneficiariesText: null,
        indicators: [],
        unitCostCents: 120000,
        startsOn: null,
        endsOn: null,
      },
      request,
    );
    ids.action = action.id;
    await createSession(
      ctx,
      admin,
      action.id,
      {
        label: 'Session Zéphyr printemps',
        startsOn: inDays(10),
        endsOn: inDays(90),
        place: 'Maison du permis',
        communeCode: '13203',
        capacity: 3,
        weeklyHours: 6,
      },
      request,
    );
    // A person in the référent's scope, for the contract's plan.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-catalogue-')), 'vrsb.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: '2026-01-05',
        households: [
          {
            claimNumber: '13100000951',
            status: '2',
            inseeCode: '13203',
            persons: [
              { birthName: 'CATALOGUEPLAN', firstName: 'Lina', birthDate: '1990-02-03', role: 'DEM' },
            ],
          },
        ],
      }),
    );
    await importFlux(ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
    const person = await ctx.db
      .selectFrom('person')
      .select('id')
      .where('birth_name', '=', 'CATALOGUEPLAN')
      .executeTakeFirstOrThrow();
    ids.person = person.id;
    const mds = await ctx.db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'MDS Marseille 2/3')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: person.id,
        notified_on: '2026-01-20',
        pathway: 'social',
        structure_id: mds.id,
        source: 'test',
      })
      .execute();
  },
});

describe('catalogue of insertion actions', () => {
  it('a référent finds an action by need and commune, sees its free places and opens it', async () => {
    const { page } = journey;
    const url = journey.stack.app.url;
    await login(page, url, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await menuLink(page, 'Catalogue').click();
    await page.getByRole('heading', { level: 1, name: 'Catalogue des actions d’insertion' }).waitFor();
    await page.getByLabel('Besoin').selectOption({ label: 'Mobilité' });
    await page.getByLabel('Commune').selectOption({ label: 'Marseille 2e Arrondissement' });
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    const result = page.getByRole('article', { name: 'E2E-1 — Permis solidaire Zéphyr' });
    await result.waitFor();
    const row = result.getByRole('row', { name: /Session Zéphyr printemps/ });
    await row.getByText('3 places libres').waitFor();
    await expectAccessible(page);

    // Another commune of the département, out of the pôle Marseille 2/3 and of the session's commune:
    // the action still serves the whole département (no territory).
    await page.getByLabel('Recherche libre').fill('zephyr');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await result.waitFor();

    await result.getByRole('link', { name: 'E2E-1 — Permis solidaire Zéphyr' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E-1 — Permis solidaire Zéphyr' }).waitFor();
    const sessions = page.getByRole('region', { name: 'Sessions et places libres' });
    await sessions
      .getByRole('row', { name: /Session Zéphyr printemps/ })
      .getByText('3 places libres')
      .waitFor();
    await page.getByText('1 200,00 €').waitFor();
    await expectAccessible(page);
    // A référent does not manage the catalogue.
    expect(await page.getByRole('button', { name: 'Ajouter une session' }).count()).toBe(0);
  });

  it('an administrator adds a session to an action', async () => {
    const { page } = journey;
    const url = journey.stack.app.url;
    await login(page, url, 'admin@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${url}/catalogue/actions/${ids.action}`);
    await page.getByRole('heading', { level: 1, name: 'E2E-1 — Permis solidaire Zéphyr' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter une session' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle session de l’action E2E-1' });
    await dialog.waitFor();
    // Nothing filled: the form says what is missing, under the fields.
    await dialog.getByRole('button', { name: 'Enregistrer la session' }).click();
    await dialog.getByText('L’intitulé de la session est obligatoire.').waitFor();
    await expectAccessible(page);
    await dialog.getByLabel('Intitulé de la session').fill('Session Zéphyr été');
    await dialog.getByLabel('Début').fill(inDays(100));
    await dialog.getByLabel('Fin').fill(inDays(160));
    await dialog.getByLabel('Capacité (places)').fill('8');
    await dialog.getByLabel('Commune de la session').selectOption({ label: 'Marseille 2e Arrondissement' });
    await dialog.getByRole('button', { name: 'Enregistrer la session' }).click();
    await page.getByText('La session « Session Zéphyr été » est créée.').waitFor();
    const row = page.getByRole('row', { name: /Session Zéphyr été/ });
    await row.getByText('8 places libres').waitFor();
    await expectAccessible(page);
    const stored = await journey.stack.app.ctx.db
      .selectFrom('action_session')
      .select(['capacity', 'commune_code', 'status'])
      .where('label', '=', 'Session Zéphyr été')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ capacity: 8, commune_code: '13202', status: 'planned' });
  });

  it('the contract’s action plan picks an action of the catalogue and takes its hours and dates', async () => {
    const { page } = journey;
    const url = journey.stack.app.url;
    await login(page, url, 'referent@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${url}/personnes/${ids.person}`);
    const section = page.getByRole('region', { name: 'Contrats d’engagement' });
    await section.getByRole('link', { name: 'Nouveau contrat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau contrat d’engagement' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page
      .getByLabel('Type de l’étape 1')
      .selectOption({ label: 'Action du programme départemental d’insertion' });
    await page.getByRole('button', { name: 'Choisir une action du catalogue pour l’étape 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choisir une action du catalogue' });
    await dialog.waitFor();
    await dialog.getByLabel('Recherche libre').fill('permis zephyr');
    // Enter searches, and does not submit the contract's form.
    await dialog.getByLabel('Recherche libre').press('Enter');
    const result = dialog.getByRole('article', { name: 'E2E-1 — Permis solidaire Zéphyr' });
    await result.getByRole('row', { name: /Session Zéphyr printemps/ }).waitFor();
    await expectAccessible(page);
    await result
      .getByRole('row', { name: /Session Zéphyr printemps/ })
      .getByRole('button', { name: 'Choisir' })
      .click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByLabel('Intitulé de l’étape 1').inputValue())
      .toBe('E2E-1 — Permis solidaire Zéphyr (Session Zéphyr printemps)');
    expect(await page.getByLabel('Heures par semaine de l’étape 1').inputValue()).toBe('6');
    expect(await page.getByLabel('Début de l’étape 1').inputValue()).toBe(inDays(10));
    await page.getByRole('link', { name: 'E2E-1 — Permis solidaire Zéphyr' }).waitFor();
    await expectAccessible(page);
  });

  it('the orientation screen shows the insertion offer of the person’s commune, with free places', async () => {
    const { page } = journey;
    const url = journey.stack.app.url;
    await login(page, url, 'orientation@parcours.test');
    await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await page.goto(`${url}/personnes/${ids.person}/orientation`);
    const offer = page.getByRole('region', { name: "Offre d'insertion du territoire" });
    await offer.waitFor();
    // Prefilled with the person's commune (Marseille 3e): the search ran by itself.
    expect(await offer.getByLabel('Commune').locator('option:checked').textContent()).toMatch(/Marseille 3e/);
    await offer.getByText(/actions? trouvées?/).waitFor();
    // Narrowed to this journey's action (the 2020 catalogue fills the first pages).
    await offer.getByLabel('Recherche libre').fill('zephyr');
    await offer.getByRole('button', { name: 'Rechercher', exact: true }).click();
    const result = offer.getByRole('article', { name: 'E2E-1 — Permis solidaire Zéphyr' });
    await result
      .getByRole('row', { name: /Session Zéphyr printemps/ })
      .getByText(/places? libres?/)
      .waitFor();
    // Read-only here: no pick button, the action opens its page.
    expect(await result.getByRole('button', { name: 'Choisir' }).count()).toBe(0);
    await expectAccessible(page);
  });
});
