import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { browserJourney, expectAccessible, login, menuLink } from './stack';

const journey = browserJourney({
  setUp: async (stack) => {
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
  },
});

describe('agenda', () => {
  it('un conseiller crée une séance collective, y inscrit une personne puis note sa présence', async () => {
    // Five weeks ahead: clear of the demo agenda (next three weeks).
    const date = addCalendarDays(parisDate(new Date()), 35);
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await menuLink(journey.page, 'Agenda').click();
    await journey.page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    await journey.page.getByRole('heading', { level: 2, name: /^Semaine du/ }).waitFor();
    await expectAccessible(journey.page);

    await journey.page.getByRole('button', { name: 'Créer des créneaux' }).click();
    await journey.page.getByLabel('Type de créneau').selectOption('collective');
    await journey.page.getByLabel('Nombre de places').fill('8');
    await journey.page.getByLabel('Date', { exact: true }).fill(date);
    await journey.page.getByLabel('Heure de début').fill('14:00');
    await journey.page.getByLabel(/^Heure de fin/).fill('16:00');
    await journey.page.getByLabel('Lieu', { exact: true }).fill('Pôle d’insertion Marseille 2/3, salle 2');
    await expectAccessible(journey.page);
    await journey.page.getByRole('button', { name: 'Créer le créneau' }).click();

    const panel = journey.page.getByRole('region', { name: /^Séance collective du/ });
    await panel.getByText('8 places libres sur 8').waitFor();
    await panel.getByLabel('Nom, prénom ou n° de dossier').fill('roussel');
    await panel.getByRole('button', { name: 'Rechercher' }).click();
    await panel.getByRole('button', { name: 'Inscrire Maëlle ROUSSEL' }).click();
    await panel
      .getByRole('row', { name: /Maëlle ROUSSEL/ })
      .getByText('Prévu')
      .waitFor();
    await panel.getByText('7 places libres sur 8').waitFor();
    await expectAccessible(journey.page);

    // The session takes place: an hour later, the advisor records who came.
    const slot = await journey.stack.app.ctx.db
      .selectFrom('agenda_slot')
      .select('id')
      .where('place', '=', 'Pôle d’insertion Marseille 2/3, salle 2')
      .executeTakeFirstOrThrow();
    const startsAt = new Date(Date.now() - 60 * 60_000);
    const endsAt = new Date(Date.now() + 60 * 60_000);
    await journey.stack.app.ctx.db
      .updateTable('agenda_slot')
      .set({ starts_at: startsAt, ends_at: endsAt })
      .where('id', '=', slot.id)
      .execute();
    await journey.stack.app.ctx.db
      .updateTable('appointment')
      .set({ starts_at: startsAt, ends_at: endsAt, on_date: parisDate(startsAt) })
      .where('slot_id', '=', slot.id)
      .execute();
    await journey.page.reload();
    const present = journey.page.getByRole('button', { name: 'Présent : Maëlle ROUSSEL' });
    await present.click();
    await expect.poll(() => present.getAttribute('aria-pressed')).toBe('true');
    await journey.page
      .getByRole('status')
      // Maëlle is a woman (SEXE 2): the confirmation agrees.
      .getByText(/présente au rendez-vous/)
      .waitFor();
    await expectAccessible(journey.page);

    const appointment = await journey.stack.app.ctx.db
      .selectFrom('appointment')
      .select(['status', 'outcome_recorded_by'])
      .where('slot_id', '=', slot.id)
      .executeTakeFirstOrThrow();
    expect(appointment.status).toBe('seen');
    expect(appointment.outcome_recorded_by).not.toBeNull();
  });
});
