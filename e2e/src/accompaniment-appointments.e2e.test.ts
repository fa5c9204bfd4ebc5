import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  isWorkingDay,
  parisDate,
} from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { loggedIn } from '../../apps/api/test/support/harness';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const PLACE = 'MDS Marseille 2/3, bureau de Sophie';
const today = parisDate(new Date());
/** A working day about a week ahead: within the 2-week target of an orientation decided today. */
let date = addCalendarDays(today, 5);
while (!isWorkingDay(date)) date = addCalendarDays(date, 1);
let personId = '';

const journey = browserJourney({
  setUp: async (stack) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-accompaniment-')), 'vrsb.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: '2026-01-05',
        households: [
          {
            claimNumber: '13100001101',
            status: '2',
            inseeCode: '13203',
            persons: [{ birthName: 'ACCOMPAGNE', firstName: 'Lina', birthDate: '1990-06-12', role: 'DEM' }],
          },
        ],
      }),
    );
    await importFlux(stack.app.ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
    const person = await stack.app.ctx.db
      .selectFrom('person')
      .select('id')
      .where('birth_name', '=', 'ACCOMPAGNE')
      .executeTakeFirstOrThrow();
    personId = person.id;
    // Oriented today to the référent's structure.
    const structure = await stack.app.ctx.db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'MDS Marseille 2/3')
      .executeTakeFirstOrThrow();
    const advisor = await loggedIn(stack.app, 'orientation@parcours.test');
    const decided = await advisor.post(`/api/persons/${personId}/orientations`, {
      pathway: 'social',
      structureId: structure.id,
      decidedOn: today,
      overrideReason: 'Accompagnement social adapté',
    });
    expect(decided.status).toBe(201);
  },
});

describe('accompaniment appointments', () => {
  it('une référente crée un créneau d’accompagnement et y inscrit une personne depuis son dossier', async () => {
    const page = journey.page;
    await login(page, journey.stack.app.url, 'referent@parcours.test');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await menuLink(page, 'Agenda').click();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();

    await page.getByRole('button', { name: 'Créer des créneaux' }).click();
    // A structure's agent receives for accompaniment by default.
    await expect.poll(() => page.getByLabel('Objet', { exact: true }).inputValue()).toBe('accompaniment');
    await page.getByLabel('Date', { exact: true }).fill(date);
    await page.getByLabel('Heure de début').fill('10:00');
    await page.getByLabel('Lieu', { exact: true }).fill(PLACE);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Créer le créneau' }).click();
    await page.getByRole('region', { name: /^Entretien individuel du/ }).waitFor();

    // From the person's file: "Prendre rendez-vous", accompaniment preselected.
    await page.goto(`${journey.stack.app.url}/personnes/${personId}`);
    await page.getByRole('heading', { level: 2, name: 'Rendez-vous' }).waitFor();
    await page.getByRole('button', { name: 'Prendre rendez-vous' }).click();
    const dialog = page.getByRole('dialog', { name: 'Prendre rendez-vous' });
    await expect.poll(() => dialog.getByLabel('Objet du rendez-vous').inputValue()).toBe('accompaniment');
    const slot = dialog.getByLabel('Créneau', { exact: true });
    await expect
      .poll(async () => (await slot.locator('option').allTextContents()).join('|'))
      .toContain('10:00');
    const value = await slot.locator('option', { hasText: '10:00' }).first().getAttribute('value');
    await slot.selectOption(value!);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();

    const row = page.getByRole('row', { name: /Accompagnement/ });
    await row.getByText('1er rendez-vous d’accompagnement').waitFor();
    await row.getByText(/l’orientation du .* : dans les 2 semaines/).waitFor();
    await page.getByText(/Rendez-vous pris : .* — 1er rendez-vous d’accompagnement\./).waitFor();
    await expectAccessible(page);

    // The same flag on the agenda's list of the day.
    await page.goto(`${journey.stack.app.url}/agenda?jour=${date}`);
    await page.getByRole('heading', { level: 2, name: /^Liste du/ }).waitFor();
    await page
      .getByRole('row', { name: /Lina ACCOMPAGNE/ })
      .getByText('1er rendez-vous d’accompagnement')
      .waitFor();
    await expectAccessible(page);

    // Kept by the entry-spell read model, in the booking's transaction.
    const spell = await journey.stack.app.ctx.db
      .selectFrom('entry_spell')
      .select(['first_accompaniment_on'])
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(String(spell.first_accompaniment_on)).toBe(date);
  });
});
