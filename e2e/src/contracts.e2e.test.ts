import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { browserJourney, expectAccessible, login } from './stack';
import { addStep, expectEveryWeekAt18Hours } from './support/contract-editor';

const persons: Record<string, string> = {};

const journey = browserJourney({
  setUp: async (stack) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-contracts-')), 'vrsb.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: '2026-01-05',
        households: [
          {
            claimNumber: '13100000901',
            status: '2',
            inseeCode: '13203',
            persons: [
              { birthName: 'CONTRATDIXHUIT', firstName: 'Léa', birthDate: '1988-04-02', role: 'DEM' },
            ],
          },
          {
            claimNumber: '13100000903',
            status: '2',
            inseeCode: '13203',
            persons: [
              { birthName: 'CONTRATCONFLIT', firstName: 'Inès', birthDate: '1991-12-08', role: 'DEM' },
            ],
          },
          {
            claimNumber: '13100000904',
            status: '2',
            inseeCode: '13203',
            persons: [
              { birthName: 'CONTRATPARENT', firstName: 'Nadia', birthDate: '1990-05-17', role: 'DEM' },
              { birthName: 'CONTRATPARENT', firstName: 'Yanis', birthDate: '2020-03-02', role: 'ENF' },
            ],
          },
          {
            claimNumber: '13100000902',
            status: '2',
            inseeCode: '13203',
            persons: [
              { birthName: 'CONTRATREDUIT', firstName: 'Marc', birthDate: '1979-09-21', role: 'DEM' },
            ],
          },
        ],
      }),
    );
    await importFlux(stack.app.ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
    const db = stack.app.ctx.db;
    const mds = await db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'MDS Marseille 2/3')
      .executeTakeFirstOrThrow();
    for (const name of ['CONTRATDIXHUIT', 'CONTRATREDUIT', 'CONTRATCONFLIT', 'CONTRATPARENT']) {
      const person = await db
        .selectFrom('person')
        .select('id')
        .where('birth_name', '=', name)
        .where('first_name', '!=', 'Yanis')
        .executeTakeFirstOrThrow();
      persons[name] = person.id;
      // Oriented to the référent's structure: the person is in her scope.
      await db
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
    }
  },
});

async function newContract(page: Page, personId: string, name: string) {
  await login(page, journey.stack.app.url, 'referent@parcours.test');
  await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
  await page.goto(`${journey.stack.app.url}/personnes/${personId}`);
  const section = page.getByRole('region', { name: 'Contrats d’engagement' });
  await section.getByText('Aucun contrat d’engagement.').waitFor();
  await expectAccessible(page);
  await section.getByRole('link', { name: 'Nouveau contrat' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nouveau contrat d’engagement' }).waitFor();
  await page.getByRole('link', { name: `Dossier de ${name}` }).waitFor();
}

describe('contract of engagement', () => {
  it('the référent writes a plan of 18 h a week, proposes it, both parties sign on screen, it is in force', async () => {
    const { page } = journey;
    await newContract(page, persons.CONTRATDIXHUIT!, 'Léa CONTRATDIXHUIT');
    await page.getByText(/Durée : 6 mois/).waitFor();
    await addStep(page, 1, 'Formation', 'Formation aux métiers de la logistique', '10');
    await addStep(page, 2, 'Atelier', 'Atelier de préparation aux entretiens', '8');

    // The planner, computed as the agent types: every week at 18 h, none under the minimum.
    await expectEveryWeekAt18Hours(page);
    await expectAccessible(page);

    // Reordering with the keyboard: the focus follows the step.
    const down = page.getByRole('button', { name: 'Descendre l’étape 1' });
    await down.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByLabel('Intitulé de l’étape 1').inputValue())
      .toBe('Atelier de préparation aux entretiens');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Monter l’étape 2');

    await page.getByRole('button', { name: 'Proposer à la signature' }).click();
    await page.waitForURL(/\/personnes\/[0-9a-f-]+\/contrats\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 2, name: 'Signatures' }).waitFor();
    await page.getByText('Proposé à la signature', { exact: true }).first().waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Signer en tant que référent' }).click();
    await page.getByText('La signature du référent est enregistrée.').waitFor();
    await page.getByText(/^Signée le .* par Sophie Référente\.$/).waitFor();

    // The person's signature needs her statement.
    await page.getByRole('button', { name: 'Enregistrer la signature de la personne' }).click();
    await page.getByText('Cochez la déclaration de la personne pour enregistrer sa signature.').waitFor();
    await page.getByLabel(/^La personne déclare : « J’ai lu mon contrat d’engagement/).check();
    await page.getByRole('button', { name: 'Enregistrer la signature de la personne' }).click();
    await page.getByText('En vigueur', { exact: true }).first().waitFor();
    await page.getByText('Version en vigueur', { exact: true }).waitFor();
    await expectAccessible(page);

    const contract = await journey.stack.app.ctx.db
      .selectFrom('engagement_contract')
      .select(['status', 'signed_on', 'weekly_hours'])
      .where('person_id', '=', persons.CONTRATDIXHUIT!)
      .executeTakeFirstOrThrow();
    expect(contract.status).toBe('in_force');
    expect(contract.signed_on).not.toBeNull();
    expect(Number(contract.weekly_hours)).toBe(18);

    // The PDF of the version in force.
    const href = await page
      .getByRole('link', { name: 'Télécharger le PDF (version n° 1)' })
      .getAttribute('href');
    expect(href).toMatch(/^\/api\/contracts\/[0-9a-f-]{36}\/versions\/1\/pdf$/);
    const pdf = await page.request.get(`${journey.stack.app.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    // Table cells wrap their text over lines.
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('CONTRATDIXHUIT');
    expect(text).toContain('Plan d’action');
    expect(text).toContain('Formation aux métiers de la logistique');

    // An amendment: a new draft version of the contract in force, which stays in force meanwhile.
    await page.getByRole('button', { name: 'Rédiger un avenant' }).click();
    await page.getByText('L’avenant est créé en brouillon', { exact: false }).waitFor();
    await page
      .getByRole('row', { name: /Version n° 2 \(avenant\)/ })
      .getByText('Brouillon')
      .waitFor();
    expect(await page.getByLabel('Intitulé de l’étape 2').inputValue()).toBe(
      'Formation aux métiers de la logistique',
    );
    await expectAccessible(page);

    // Back on the file, the contract is listed with its status.
    await page.getByRole('link', { name: 'Dossier de Léa CONTRATDIXHUIT' }).click();
    const row = page
      .getByRole('region', { name: 'Contrats d’engagement' })
      .getByRole('row', { name: /Contrat du/ });
    await row.getByText('En vigueur').waitFor();
    await row.getByText('18 h par semaine').waitFor();
    await expectAccessible(page);
  });

  it('a plan of 10 h without a regime is refused under the field, then proposed with a reduced duration', async () => {
    const { page } = journey;
    await newContract(page, persons.CONTRATREDUIT!, 'Marc CONTRATREDUIT');
    await addStep(page, 1, 'Action de remobilisation', 'Remobilisation en chantier d’insertion', '10');
    await page.getByText(/^\d+ semaines : \d+ sous 15 h \(en hachuré\)\.$/).waitFor();
    await page.getByRole('button', { name: 'Proposer à la signature' }).click();

    const regime = page.getByRole('group', { name: /Durée hebdomadaire d’activité/ });
    await regime.getByText(/sous 15 h/).waitFor();
    await page.getByText('Le contrat n’a pas été proposé à la signature').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Planification des 15 heures' }).waitFor();
    expect(
      await page.getByRole('radio', { name: 'Au moins 15 heures par semaine' }).getAttribute('aria-invalid'),
    ).toBe('true');
    await expectAccessible(page);
    expect(
      await journey.stack.app.ctx.db
        .selectFrom('engagement_contract')
        .select('id')
        .where('person_id', '=', persons.CONTRATREDUIT!)
        .execute(),
    ).toEqual([]);

    // Reduced without its reason: refused under the reason.
    await page.getByRole('radio', { name: 'Durée hebdomadaire réduite' }).check();
    await page.getByRole('button', { name: 'Proposer à la signature' }).click();
    await page.getByText(/Motif de la durée réduite : obligatoire/).waitFor();
    await page
      .getByLabel('Motif de la durée réduite')
      .fill('Soins réguliers deux demi-journées par semaine, reprise progressive.');
    // A step ending after the contract: the draft is saved, the server refuses to propose it, its
    // message goes under the step's field.
    const stepEnd = page.getByLabel('Fin de l’étape 1');
    const contractEnd = await page.getByLabel('Fin du contrat').inputValue();
    await stepEnd.fill('2099-12-31');
    await page.getByRole('button', { name: 'Proposer à la signature' }).click();
    await page.getByText('La fin de l’étape doit être dans les dates du contrat.').waitFor();
    expect(await stepEnd.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Le contrat n’a pas été proposé à la signature').waitFor();
    const draft = await journey.stack.app.ctx.db
      .selectFrom('engagement_contract')
      .select('status')
      .where('person_id', '=', persons.CONTRATREDUIT!)
      .execute();
    expect(draft).toEqual([{ status: 'draft' }]);
    await expectAccessible(page);
    await stepEnd.fill(contractEnd);
    await page.getByRole('button', { name: 'Proposer à la signature' }).click();
    await page.getByRole('heading', { level: 2, name: 'Signatures' }).waitFor();
    await page.getByText(/Durée hebdomadaire réduite — motif : Soins réguliers/).waitFor();
    await expectAccessible(page);
    const contract = await journey.stack.app.ctx.db
      .selectFrom('engagement_contract')
      .select(['status', 'hours_regime'])
      .where('person_id', '=', persons.CONTRATREDUIT!)
      .executeTakeFirstOrThrow();
    expect(contract).toEqual({ status: 'proposed', hours_regime: 'reduced' });

    // Cancelled, with its reason.
    await page.getByRole('button', { name: 'Annuler le contrat' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Annuler ce contrat ?' });
    await dialog.getByRole('button', { name: 'Annuler le contrat' }).click();
    await dialog.getByText('Motif : obligatoire.').waitFor();
    await dialog.getByLabel('Motif de l’annulation').fill('La personne déménage hors du département.');
    await dialog.getByRole('button', { name: 'Annuler le contrat' }).click();
    await page.getByText('Le contrat est annulé.').waitFor();
    await page.getByText('Annulé', { exact: true }).first().waitFor();
    await page.getByText(/motif : La personne déménage/).waitFor();
    await expectAccessible(page);
  });

  it('two agents on one draft: the second gets the conflict, reloads, keeps her input and saves', async () => {
    const { page, context } = journey;
    await newContract(page, persons.CONTRATCONFLIT!, 'Inès CONTRATCONFLIT');
    await addStep(page, 1, 'Démarche administrative', 'Constituer le dossier de demande de logement', '16');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.waitForURL(/\/contrats\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await page.getByText('Le brouillon du contrat est enregistré.').waitFor();
    await expectAccessible(page);

    // Someone else saves the same draft meanwhile.
    const other = await context.newPage();
    await other.goto(page.url());
    await other
      .getByLabel('Engagements de la personne')
      .fill('Venir aux rendez-vous avec ses justificatifs.');
    await other.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await other.getByText('Le brouillon est enregistré.').waitFor();
    await other.close();

    const label = page.getByLabel('Intitulé de l’étape 1');
    await label.fill('Constituer et déposer le dossier de logement');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Modification simultanée').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Recharger les données' }).click();
    await page.getByText('Données rechargées').waitFor();
    expect(await label.inputValue()).toBe('Constituer et déposer le dossier de logement');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Le brouillon est enregistré.').waitFor();
    const version = await journey.stack.app.ctx.db
      .selectFrom('contract_plan_step')
      .innerJoin('engagement_contract', 'engagement_contract.id', 'contract_plan_step.contract_id')
      .select('contract_plan_step.label')
      .where('engagement_contract.person_id', '=', persons.CONTRATCONFLIT!)
      .execute();
    expect(version).toEqual([{ label: 'Constituer et déposer le dossier de logement' }]);
  });

  it('an isolated parent of a young child: the exemption is proposed, the agent retains it', async () => {
    const { page } = journey;
    await newContract(page, persons.CONTRATPARENT!, 'Nadia CONTRATPARENT');
    const proposal = page
      .getByRole('status')
      .filter({ hasText: 'Dispense proposée d’après la composition du foyer' });
    await proposal.getByText(/Parent isolé avec 1 enfant de moins de 12 ans/).waitFor();
    await expectAccessible(page);
    await proposal.getByRole('button', { name: 'Retenir la dispense proposée' }).click();
    expect(await page.getByRole('radio', { name: 'Sans durée hebdomadaire (dispense)' }).isChecked()).toBe(
      true,
    );
    const ground = page.getByLabel('Motif de la dispense');
    expect(await ground.inputValue()).toBe('isolated_parent_child_under_12');
    // A child under 12 is known: no statement to tick.
    expect(await page.getByText(/La personne déclare avoir la charge/).count()).toBe(0);
    await expect.poll(() => proposal.count()).toBe(0);
    await expectAccessible(page);
  });
});
