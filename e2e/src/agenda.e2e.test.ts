import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { closeContext, expectAccessible, login, menuLink, type Stack, startStack } from './stack';

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-agenda-')), 'vrsb.xml');
  fs.writeFileSync(
    file,
    vrsb({
      date: '2026-01-05',
      households: [
        {
          claimNumber: '13100000301',
          status: '2',
          inseeCode: '13203',
          persons: [{ birthName: 'ROUSSEL', firstName: 'Maëlle', birthDate: '1991-04-21', role: 'DEM' }],
        },
      ],
    }),
  );
  await importFlux(stack.app.ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
});
afterAll(() => stack?.close());
beforeEach(async () => {
  context = await stack.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
});
afterEach(() => closeContext(context));

describe('agenda', () => {
  it('un conseiller crée une séance collective, y inscrit une personne puis note sa présence', async () => {
    // Five weeks ahead: clear of the demo agenda (next three weeks).
    const date = addCalendarDays(parisDate(new Date()), 35);
    await login(page, stack.app.url, 'orientation@parcours.test');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await menuLink(page, 'Agenda').click();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Semaine du/ }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Créer des créneaux' }).click();
    await page.getByLabel('Type de créneau').selectOption('collective');
    await page.getByLabel('Nombre de places').fill('8');
    await page.getByLabel('Date', { exact: true }).fill(date);
    await page.getByLabel('Heure de début').fill('14:00');
    await page.getByLabel(/^Heure de fin/).fill('16:00');
    await page.getByLabel('Lieu', { exact: true }).fill('Pôle d’insertion Marseille 2/3, salle 2');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Créer le créneau' }).click();

    const panel = page.getByRole('region', { name: /^Séance collective du/ });
    await panel.getByText('8 places libres sur 8').waitFor();
    await panel.getByLabel('Nom, prénom ou n° de dossier').fill('roussel');
    await panel.getByRole('button', { name: 'Rechercher' }).click();
    await panel.getByRole('button', { name: 'Inscrire Maëlle ROUSSEL' }).click();
    await panel
      .getByRole('row', { name: /Maëlle ROUSSEL/ })
      .getByText('Prévu')
      .waitFor();
    await panel.getByText('7 places libres sur 8').waitFor();
    await expectAccessible(page);

    // The session takes place: an hour later, the advisor records who came.
    const slot = await stack.app.ctx.db
      .selectFrom('agenda_slot')
      .select('id')
      .where('place', '=', 'Pôle d’insertion Marseille 2/3, salle 2')
      .executeTakeFirstOrThrow();
    const startsAt = new Date(Date.now() - 60 * 60_000);
    const endsAt = new Date(Date.now() + 60 * 60_000);
    await stack.app.ctx.db
      .updateTable('agenda_slot')
      .set({ starts_at: startsAt, ends_at: endsAt })
      .where('id', '=', slot.id)
      .execute();
    await stack.app.ctx.db
      .updateTable('appointment')
      .set({ starts_at: startsAt, ends_at: endsAt, on_date: parisDate(startsAt) })
      .where('slot_id', '=', slot.id)
      .execute();
    await page.reload();
    const present = page.getByRole('button', { name: 'Présent : Maëlle ROUSSEL' });
    await present.click();
    await expect.poll(() => present.getAttribute('aria-pressed')).toBe('true');
    await page
      .getByRole('status')
      // Maëlle is a woman (SEXE 2): the confirmation agrees.
      .getByText(/présente au rendez-vous/)
      .waitFor();
    await expectAccessible(page);

    const appointment = await stack.app.ctx.db
      .selectFrom('appointment')
      .select(['status', 'outcome_recorded_by'])
      .where('slot_id', '=', slot.id)
      .executeTakeFirstOrThrow();
    expect(appointment.status).toBe('seen');
    expect(appointment.outcome_recorded_by).not.toBeNull();
  });
});
