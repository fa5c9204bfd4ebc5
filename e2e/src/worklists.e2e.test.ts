import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { loggedIn } from '../../apps/api/test/support/harness';
import { browserJourney, expectAccessible, login } from './stack';

const PLACE = 'Pôle d’insertion Marseille 2/3, salle Émargement';
const today = parisDate(new Date());
const longToday = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
}).format(new Date());

const journey = browserJourney({
  setUp: async (stack) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-worklists-')), 'vrsb.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: '2026-01-05',
        households: [
          {
            claimNumber: '13100000801',
            status: '2',
            inseeCode: '13203',
            persons: [
              { birthName: 'LISTEDUJOUR', firstName: 'Noémie', birthDate: '1987-03-14', role: 'DEM' },
            ],
          },
        ],
      }),
    );
    await importFlux(stack.app.ctx, { filePath: file, fileName: 'vrsb.xml', format: 'xml', actor: null });
    // A collective session booked far ahead, then moved to have begun a few minutes ago (today).
    const advisor = await loggedIn(stack.app, 'orientation@parcours.test');
    const created = await advisor.post('/api/agenda/slots', {
      kind: 'collective',
      purpose: 'orientation',
      capacity: 8,
      date: addCalendarDays(today, 63),
      startTime: '10:00',
      endTime: '12:00',
      place: PLACE,
      weeks: 1,
    });
    expect(created.status).toBe(201);
    const slotId = created.body.items[0].id as string;
    const person = await stack.app.ctx.db
      .selectFrom('person')
      .select('id')
      .where('birth_name', '=', 'LISTEDUJOUR')
      .executeTakeFirstOrThrow();
    expect((await advisor.post('/api/appointments', { personId: person.id, slotId })).status).toBe(201);
    // Begun a few minutes ago, but on today's Paris date even just after midnight (the run that
    // crossed midnight found the session on yesterday's list).
    const now = Date.now();
    let starts = new Date(now - 5 * 60_000);
    if (parisDate(starts) !== parisDate(new Date(now))) starts = new Date(now - 1000);
    const ends = new Date(starts.getTime() + 120 * 60_000);
    await stack.app.ctx.db
      .updateTable('agenda_slot')
      .set({ starts_at: starts, ends_at: ends })
      .where('id', '=', slotId)
      .execute();
    await stack.app.ctx.db
      .updateTable('appointment')
      .set({ starts_at: starts, ends_at: ends, on_date: parisDate(starts) })
      .where('slot_id', '=', slotId)
      .execute();
  },
});

describe('worklists', () => {
  it('the advisor’s home lists what is due today, marks a presence and opens the filtered screens', async () => {
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
    await journey.page.getByRole('heading', { level: 2, name: 'À traiter' }).waitFor();
    const todayLink = journey.page.getByRole('link', { name: '1 rendez-vous aujourd’hui' });
    await todayLink.waitFor();
    expect(await todayLink.getAttribute('href')).toBe(`/agenda?jour=${today}`);
    // The entry of January is past the one-month target: the queue's late persons, as a link.
    const late = journey.page.getByRole('link', { name: /^1 personne non orientée au-delà de l’objectif$/ });
    await late.waitFor();
    // Navigation tiles are links too.
    await journey.page.getByRole('link', { name: 'Mon compte', exact: true }).first().waitFor();

    // Today's appointments, with the presence marked inline.
    const day = journey.page.getByRole('region', { name: 'Rendez-vous du jour' });
    await day.getByRole('row', { name: /Noémie LISTEDUJOUR/ }).waitFor();
    await expectAccessible(journey.page);
    const present = day.getByRole('button', { name: 'Présent : Noémie LISTEDUJOUR' });
    await present.click();
    await expect.poll(() => present.getAttribute('aria-pressed')).toBe('true');
    await journey.page
      .getByRole('status')
      .getByText(/au rendez-vous, c’est enregistré/)
      .waitFor();
    const appointment = await journey.stack.app.ctx.db
      .selectFrom('appointment')
      .innerJoin('person', 'person.id', 'appointment.person_id')
      .select('appointment.status')
      .where('person.birth_name', '=', 'LISTEDUJOUR')
      .executeTakeFirstOrThrow();
    expect(appointment.status).toBe('seen');
    await expectAccessible(journey.page);

    // The late count opens the queue filtered on it.
    await late.click();
    await journey.page.waitForURL(/\/orientation\?overdue=target$/);
    await journey.page.getByRole('heading', { level: 1, name: 'File d’orientation' }).waitFor();
    await journey.page.getByRole('row', { name: /LISTEDUJOUR/ }).waitFor();
  });

  it('the agenda shows the day list with its attendance sheet, and the week by days', async () => {
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('link', { name: /^\d+ rendez-vous aujourd’hui$/ }).click();
    await journey.page.getByRole('heading', { level: 2, name: `Liste du ${longToday}` }).waitFor();
    await journey.page.getByRole('row', { name: /Noémie LISTEDUJOUR/ }).waitFor();
    await expectAccessible(journey.page);

    // The attendance sheet: a PDF with the person and the signature column.
    const sheet = journey.page.getByRole('link', { name: /^Feuille d’émargement \(PDF\)/ });
    const href = await sheet.getAttribute('href');
    expect(href).toBe(`/api/agenda/day/attendance-sheet.pdf?date=${today}`);
    const res = await journey.page.request.get(`${journey.stack.app.url}${href}`);
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain('LISTEDUJOUR');
    expect(text).toContain('Signature');

    // Day by day with the keyboard, then back to the week.
    await journey.page.getByRole('button', { name: 'Jour suivant' }).focus();
    await journey.page.keyboard.press('Enter');
    await journey.page
      .getByRole('heading', { level: 2, name: /^Liste du / })
      .filter({ hasNotText: longToday })
      .waitFor();
    await journey.page.getByRole('button', { name: 'Aujourd’hui' }).click();
    await journey.page.getByRole('heading', { level: 2, name: `Liste du ${longToday}` }).waitFor();
    await journey.page.getByRole('button', { name: /^Semaine du / }).click();
    await journey.page.getByRole('heading', { level: 2, name: /^Semaine du / }).waitFor();
    const week = journey.page.getByRole('list', { name: 'Jours de la semaine' });
    const todayCard = week.locator('[aria-current="date"]');
    await todayCard.waitFor();
    await expect.poll(() => week.getByRole('listitem').count()).toBeGreaterThanOrEqual(5);
    await week
      .getByRole('link', { name: /^Émargement \(PDF\)/ })
      .first()
      .waitFor();
    await expectAccessible(journey.page);
    await todayCard.click();
    await journey.page.getByRole('heading', { level: 2, name: `Liste du ${longToday}` }).waitFor();
  });

  it('steering sees the département’s aggregates, without links to persons', async () => {
    await login(journey.page, journey.stack.app.url, 'pilotage@parcours.test');
    const section = journey.page.getByRole('region', { name: 'Chiffres du jour' });
    await section.getByText(/chiffres agrégés/).waitFor();
    await section.getByText(/rendez-vous aujourd’hui/).waitFor();
    expect(await section.getByRole('link').count()).toBe(0);
    expect(await journey.page.getByRole('region', { name: 'Rendez-vous du jour' }).count()).toBe(0);
    await expectAccessible(journey.page);
  });
});
