import { api, EMAIL_INVALID, EMAIL_REQUIRED, type OpeningHours, rangesFromText } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { addCalendarDays, mondayOf, parisDate } from '../src/modules/accompaniment/domain/agenda';
import { Client, engines, loggedIn, startTestApp } from './support/harness';
import {
  daysAgo,
  fixtureLines,
  importLines,
  personIdOf,
  structureIdOf,
} from './support/orientation-fixtures';

/** Issue 10, point 5: what the server says to forms (required vs invalid, fields, opening hours). */
const P = 'fo-';
const entry = daysAgo(10);
const households = fixtureLines(P, [
  {
    key: 'h-late',
    members: [{ key: 'late', role: 'DEM', birthDate: '1980-04-02' }],
    rights: [{ date: entry, status: 'open' as const, subjectToDuties: true }],
  },
]);

/** A week far enough ahead to be clear of the demo agenda. */
const monday = mondayOf(addCalendarDays(parisDate(new Date()), 70));
const week = (text: string) => rangesFromText(text)!;
const officeHours: OpeningHours = {
  monday: week('08:30-12:30, 13:30-17:30'),
  tuesday: week('08:30-12:30, 13:30-17:30'),
  wednesday: week('08:30-12:30'),
  thursday: week('08:30-12:30, 13:30-17:30'),
  friday: week('08:30-12:30, 13:30-16:30'),
  saturday: [],
  sunday: [],
};

describe.each(engines)('forms: what the server tells them (%s)', (engine) => {
  let app: RunningApp;
  let admin: Client;

  beforeAll(async () => {
    app = await startTestApp(engine);
    await importLines(app, households);
    admin = await loggedIn(app, 'admin@parcours.test');
  });

  const slot = (client: Client, date: string, startTime: string, durationMinutes = 45) =>
    client.call(api.agenda.createSlots, {
      body: {
        kind: 'individual',
        purpose: 'orientation',
        date,
        startTime,
        durationMinutes,
        place: 'Bureau 2',
        weeks: 1,
      },
    });

  it('says "obligatoire" for a missing e-mail and "invalide" for a malformed one', async () => {
    const anonymous = new Client(app.url);
    for (const [email, message] of [
      ['', EMAIL_REQUIRED],
      ['   ', EMAIL_REQUIRED],
      ['pas-un-email', EMAIL_INVALID],
    ] as const) {
      const res = await anonymous.call(api.access.login, { body: { email, password: 'x' } });
      expect(res.status, email).toBe(400);
      expect(res.error?.fields?.find((f) => f.path === 'email')?.message, email).toBe(message);
    }
  });

  it('refuses an account whose e-mail is taken: 409 with the message under the e-mail field', async () => {
    const res = await admin.call(api.access.createAccount, {
      body: {
        email: 'Orientation@parcours.test',
        displayName: 'Double Compte',
        role: 'administrator',
        hubId: null,
        structureId: null,
        password: null,
      },
    });
    expect(res.status).toBe(409);
    expect(res.error?.fields).toEqual([
      { path: 'email', code: 'duplicate', message: 'Un compte existe déjà avec cette adresse e-mail.' },
    ]);
  });

  it('refuses a slot at 03:00 under the start time, with the default opening hours', async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const night = await slot(advisor, addCalendarDays(monday, 1), '03:00');
    expect(night.status).toBe(400);
    expect(night.error?.fields).toEqual([
      expect.objectContaining({
        path: 'startTime',
        message: expect.stringMatching(/sort des heures d’ouverture par défaut : le mardi, 08:00–18:00/),
      }),
    ]);
    const late = await slot(advisor, addCalendarDays(monday, 1), '17:30');
    expect(late.status).toBe(400);
    expect((await slot(advisor, addCalendarDays(monday, 1), '09:00')).status).toBe(201);
  });

  it('keeps a structure’s opening hours and holds its agendas to them', async () => {
    const mds = await structureIdOf(app, 'MDS Marseille 2/3');
    const current = await admin.call(api.territory.getStructure, { params: { id: mds } });
    expect(current.body.openingHours).toBeNull();
    const { id: _id, hubName: _h, agentCount: _a, openingHours: _o, version, ...input } = current.body;
    const saved = await admin.call(api.territory.updateStructure, {
      params: { id: mds },
      body: { ...input, openingHours: officeHours, version },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.openingHours).toEqual(officeHours);

    // Hours that cannot be: refused, under the day.
    const wrong = await admin.call(api.territory.updateStructure, {
      params: { id: mds },
      body: {
        ...input,
        openingHours: { ...officeHours, monday: [{ from: '14:00', to: '09:00' }] },
        version: version + 1,
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.error?.fields?.[0]?.path).toBe('openingHours.monday.0.to');

    const referent = await loggedIn(app, 'referent@parcours.test');
    expect((await slot(referent, monday, '09:00')).status).toBe(201);
    const lunch = await slot(referent, monday, '12:00', 60);
    expect(lunch.status).toBe(400);
    expect(lunch.error?.fields?.[0]).toMatchObject({
      path: 'startTime',
      message: expect.stringContaining('de MDS Marseille 2/3 : le lundi, 08:30–12:30, 13:30–17:30'),
    });
    const saturday = await slot(referent, addCalendarDays(monday, 5), '10:00');
    expect(saturday.status).toBe(400);
    expect(saturday.error?.fields?.[0]?.message).toContain('tombe un samedi, jour de fermeture');
    // Omitted on a later update: the hours stay.
    const renamed = await admin.call(api.territory.updateStructure, {
      params: { id: mds },
      body: { ...input, version: version + 1 },
    });
    expect(renamed.body.openingHours).toEqual(officeHours);
  });

  it('holds a pôle’s agendas to the hours of its "Pôle d’insertion (services)" structure', async () => {
    const hubs = await admin.call(api.territory.listHubs);
    const hub = hubs.body.items.find((h) => h.name === 'Marseille 2/3')!;
    const closedWednesday = { ...officeHours, wednesday: [] };
    const office = await admin.call(api.territory.createStructure, {
      body: {
        kind: 'insertion_hub_office',
        name: 'Pôle d’insertion Marseille 2/3',
        hubId: hub.id,
        communeCode: null,
        address: null,
        email: null,
        phone: null,
        active: true,
        openingHours: closedWednesday,
      },
    });
    expect(office.status).toBe(201);
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const wednesday = await slot(advisor, addCalendarDays(monday, 2), '10:00');
    expect(wednesday.status).toBe(400);
    expect(wednesday.error?.fields?.[0]?.message).toContain(
      'heures d’ouverture de Pôle d’insertion Marseille 2/3',
    );
    expect((await slot(advisor, addCalendarDays(monday, 3), '10:00')).status).toBe(201);
  });

  it('refuses a decision dated before the entry under the date, not under a field the form hides', async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const person = await personIdOf(app, `${P}late`);
    const res = await advisor.call(api.orientation.decide, {
      params: { id: person },
      body: {
        pathway: 'professional',
        structureId: await structureIdOf(app, 'France Travail Marseille Joliette'),
        programme: null,
        diagnosisId: null,
        decidedOn: daysAgo(40),
        overrideReason: null,
        reorientationReason: null,
        version: null,
      },
    });
    expect(res.status).toBe(400);
    expect(res.error?.fields).toEqual([
      expect.objectContaining({
        path: 'decidedOn',
        message: expect.stringContaining('ne peut pas précéder l’entrée de la personne dans le RSA'),
      }),
    ]);
  });
});
