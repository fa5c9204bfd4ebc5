import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, type Role } from '@parcours/contracts';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/access/application/accounts';
import { addCalendarDays, parisDate } from '../src/modules/accompaniment/domain/agenda';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { type TestPerson, vrsb } from './support/flux-xml';
import { type Client, demoAccountOf, engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-worklists-test-'));

/** Two persons of the pôle Marseille 2/3 (13203), one of Aix (another pôle). */
const people: { commune: string; person: TestPerson }[] = [
  {
    commune: '13203',
    person: { birthName: 'EMARGEA', firstName: 'Anaïs', birthDate: '1984-02-11', role: 'DEM' },
  },
  {
    commune: '13203',
    person: { birthName: 'EMARGEB', firstName: 'Basile', birthDate: '1979-06-23', role: 'DEM' },
  },
  {
    commune: '13001',
    person: { birthName: 'HORSPOLE', firstName: 'Capucine', birthDate: '1990-09-30', role: 'DEM' },
  },
];

/** Far ahead, clear of the demo agenda; the slots are then moved to today. */
const farDay = addCalendarDays(parisDate(new Date()), 70);

async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}

describe.each(engines)('worklists: home page, agenda day, attendance sheet (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let advisor: Client;
  let advisorAix: Client;
  const ids = new Map<string, string>();
  const today = parisDate(new Date());

  /** Moves a slot and its appointments to begin `minutes` ago (today). */
  const startedAgo = async (slotId: string, minutes: number) => {
    const starts = new Date(Date.now() - minutes * 60_000);
    const ends = new Date(starts.getTime() + 120 * 60_000);
    await app.ctx.db
      .updateTable('agenda_slot')
      .set({ starts_at: starts, ends_at: ends })
      .where('id', '=', slotId)
      .execute();
    await app.ctx.db
      .updateTable('appointment')
      .set({ starts_at: starts, ends_at: ends, on_date: parisDate(starts) })
      .where('slot_id', '=', slotId)
      .execute();
  };

  const listReads = (list: string) =>
    app.ctx.db
      .selectFrom('audit_event')
      .select(['details', 'actor_account_id', 'person_ids'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', list)
      .execute();

  beforeAll(async () => {
    app = await startTestApp(engine);
    const file = path.join(dir, `${engine}.xml`);
    fs.writeFileSync(
      file,
      vrsb({
        date: '2026-01-05',
        households: people.map((p, i) => ({
          claimNumber: `1320000${String(700 + i).padStart(4, '0')}`,
          status: '2',
          inseeCode: p.commune,
          persons: [p.person],
        })),
      }),
    );
    const report = await importFlux(app.ctx, {
      filePath: file,
      fileName: 'w.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('applied');
    for (const r of await app.ctx.db.selectFrom('person').select(['id', 'birth_name']).execute())
      ids.set(r.birth_name, r.id);
    advisor = await loggedIn(app, 'orientation@parcours.test');
    const aix = await app.ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('name', 'like', '%Aix%')
      .executeTakeFirstOrThrow();
    await createAccount(
      app.ctx,
      null,
      {
        email: `aix-${engine}@parcours.test`,
        displayName: 'Paul Aixois',
        role: 'orientation_advisor',
        hubId: aix.id,
        structureId: null,
        password: 'Parcours-demo-2026',
      },
      null,
    );
    advisorAix = await loggedIn(app, `aix-${engine}@parcours.test`);

    // A collective session of Marseille 2/3 with its two persons, an individual slot in Aix.
    const collective = await advisor.post('/api/agenda/slots', {
      kind: 'collective',
      purpose: 'orientation',
      capacity: 6,
      date: farDay,
      startTime: '10:00',
      endTime: '12:00',
      place: 'Pôle Marseille 2/3, salle Émargement',
      weeks: 1,
    });
    expect(collective.status).toBe(201);
    const slotId = collective.body.items[0].id as string;
    for (const name of ['EMARGEA', 'EMARGEB']) {
      const booked = await advisor.post('/api/appointments', { personId: ids.get(name), slotId });
      expect(booked.status).toBe(201);
    }
    const single = await advisorAix.post('/api/agenda/slots', {
      kind: 'individual',
      purpose: 'orientation',
      date: farDay,
      startTime: '10:00',
      durationMinutes: 45,
      place: 'Pôle Aix, bureau 2',
      weeks: 1,
    });
    expect(single.status).toBe(201);
    const aixSlot = single.body.items[0].id as string;
    expect(
      (await advisorAix.post('/api/appointments', { personId: ids.get('HORSPOLE'), slotId: aixSlot })).status,
    ).toBe(201);
    // An empty slot of the pôle today (the sheet counts it): the demo agenda may have none left today.
    const empty = await advisor.post('/api/agenda/slots', {
      kind: 'individual',
      purpose: 'orientation',
      date: farDay,
      startTime: '14:00',
      durationMinutes: 45,
      place: 'Pôle Marseille 2/3, bureau vide',
      weeks: 1,
    });
    expect(empty.status).toBe(201);
    await startedAgo(slotId, 1);
    await startedAgo(aixSlot, 1);
    await startedAgo(empty.body.items[0].id as string, 1);
  });

  it('gives the advisor today’s appointments, presences to record and the queue, each with its screen', async () => {
    const res = await advisor.call(api.worklist.home);
    expect(res.status).toBe(200);
    expect(res.body.today).toBe(today);
    expect(res.body.scopeLabel).toMatch(/^pôle Marseille 2\/3/);
    const byKey = new Map(res.body.items.map((i) => [i.key, i]));
    expect(byKey.get('appointments_today')).toMatchObject({
      count: 2,
      label: '2 rendez-vous aujourd’hui',
      target: { path: '/agenda', query: { jour: today } },
    });
    expect(byKey.get('outcomes_to_record')).toMatchObject({
      count: 2,
      group: 'late',
      target: { path: '/agenda', query: { jour: today } },
    });
    // Both persons of the pôle are new entrants; the Aix person is in another pôle's queue.
    expect(byKey.get('queue_to_convene')?.target).toEqual({
      path: '/orientation',
      query: { stage: 'to_convene' },
    });
    expect(byKey.get('queue_overdue_target')?.target).toEqual({
      path: '/orientation',
      query: { overdue: 'target' },
    });
    const queue = await advisor.call(api.orientation.queue, { query: { pageSize: 500 } });
    expect(byKey.get('queue_overdue_target')?.count).toBe(queue.body.counters.overdueTarget);
    expect(byKey.get('queue_to_convene')?.count).toBe(queue.body.counters.toConvene);
    expect(byKey.get('duplicates_open')?.target?.path).toBe('/doublons');
    // Counts only: no person named, nothing audited as a read of persons.
    expect(res.text).not.toMatch(/EMARGE|HORSPOLE/);
    expect(byKey.has('jobs_failed')).toBe(false);
  });

  it('counts within the actor’s scope only', async () => {
    const aix = await advisorAix.call(api.worklist.home);
    expect(aix.body.items.find((i) => i.key === 'appointments_today')?.count).toBe(1);
    const admin = await loggedIn(app, 'admin@parcours.test');
    const all = await admin.call(api.worklist.home);
    expect(all.body.scopeLabel).toBe('tout le département');
    const keys = all.body.items.map((i) => i.key);
    expect(keys).toEqual(
      expect.arrayContaining(['appointments_today', 'jobs_failed', 'flux_failed', 'ft_pending']),
    );
    expect(all.body.items.find((i) => i.key === 'appointments_today')?.count).toBe(3);
    // The administrator keeps no agenda: no presence to record.
    expect(keys).not.toContain('outcomes_to_record');
  });

  it('answers every role; steering gets aggregates without links, the beneficiary nothing to do', async () => {
    const expected: Partial<Record<Role, string[]>> = {
      referent: ['appointments_today', 'outcomes_to_record', 'accompaniment_alerts'],
      operator: [],
      ep_secretariat: [],
      medical_team: ['medical_open'],
      aids_manager: [],
      beneficiary: [],
    };
    for (const [role, keys] of Object.entries(expected)) {
      const client = await loggedIn(app, demoAccountOf[role as Role]);
      const res = await client.call(api.worklist.home);
      expect(res.status, role).toBe(200);
      expect(res.body.items.map((i) => i.key).sort(), role).toEqual([...keys].sort());
    }
    const steering = await loggedIn(app, demoAccountOf.steering);
    const res = await steering.call(api.worklist.home);
    expect(res.body.aggregatesOnly).toBe(true);
    expect(res.body.items.find((i) => i.key === 'appointments_today')?.count).toBe(3);
    expect(res.body.items.every((i) => i.target === null)).toBe(true);
    expect(res.text).not.toMatch(/EMARGE|HORSPOLE|[0-9a-f]{8}-[0-9a-f]{4}-/);
    const refused = await steering.call(api.agenda.day, { query: { date: today } });
    expect(refused.status).toBe(403);
  });

  it('lists a day of the agenda with its persons, in scope only, as one audited list read', async () => {
    const res = await advisor.call(api.agenda.day, { query: { date: today } });
    expect(res.status).toBe(200);
    const session = res.body.slots.find((s) => s.place === 'Pôle Marseille 2/3, salle Émargement');
    expect(session?.attendees.map((a) => a.person.birthName).sort()).toEqual(['EMARGEA', 'EMARGEB']);
    expect(session?.attendees.every((a) => a.appointment.started && a.appointment.status === 'planned')).toBe(
      true,
    );
    expect(res.text).not.toContain('HORSPOLE');
    expect(res.body.slots.every((s) => s.date === today)).toBe(true);
    const reads = await listReads('agenda.day');
    expect(reads).toHaveLength(1);
    expect((reads[0]!.details as { count: number }).count).toBe(2);
    expect([...(reads[0]!.person_ids ?? [])].sort()).toEqual([ids.get('EMARGEA'), ids.get('EMARGEB')].sort());

    // The Aix advisor sees its own person only.
    const aix = await advisorAix.call(api.agenda.day, { query: { date: today } });
    expect(aix.text).toContain('HORSPOLE');
    expect(aix.text).not.toContain('EMARGE');

    // Another day: nothing of today.
    const tomorrow = await advisor.call(api.agenda.day, { query: { date: addCalendarDays(today, 1) } });
    expect(tomorrow.text).not.toContain('EMARGE');
    const bad = await advisor.call(api.agenda.day, { query: { date: '2026-02-30' } });
    expect(bad.status).toBe(400);
  });

  it('prints the attendance sheet of the day: a real PDF with names and a signature column, audited', async () => {
    const url = `/api/agenda/day/attendance-sheet.pdf?date=${today}`;
    const res = await advisor.bytes(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(res.body);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Feuille d');
    expect(text).toContain('Signature');
    expect(text).toContain('EMARGEA');
    expect(text).toContain('Basile');
    expect(text).toMatch(/Séance collective, \d\d:\d\d – \d\d:\d\d/);
    // Empty slots are not printed, only counted.
    expect(text).not.toContain('Aucune personne inscrite');
    expect(text).toMatch(/sans personne inscrite/);
    expect(text).not.toContain('HORSPOLE');
    const reads = await listReads('agenda.attendance_sheet');
    expect(reads).toHaveLength(1);
    expect((reads[0]!.details as { count: number }).count).toBe(2);

    // The administrator chooses the pôle; the operator has no agenda.
    const admin = await loggedIn(app, 'admin@parcours.test');
    const aixHub = await app.ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('name', 'like', '%Aix%')
      .executeTakeFirstOrThrow();
    const aixSheet = await admin.bytes(`${url}&hubId=${aixHub.id}`);
    const aixText = (await pdfText(aixSheet.body)).text;
    expect(aixText).toContain('HORSPOLE');
    expect(aixText).not.toContain('EMARGEA');
    // One slot only: the collective session, or the Aix slot (out of the advisor's agenda: nothing).
    const day = await advisor.call(api.agenda.day, { query: { date: today } });
    const session = day.body.slots.find((s) => s.attendees.length > 0)!;
    const one = await pdfText((await advisor.bytes(`${url}&slotId=${session.id}`)).body);
    expect(one.text).toContain('EMARGEB');
    const aixDay = await advisorAix.call(api.agenda.day, { query: { date: today } });
    const aixSlotId = aixDay.body.slots.find((s) => s.attendees.length > 0)!.id;
    const foreign = await pdfText((await advisor.bytes(`${url}&slotId=${aixSlotId}`)).body);
    expect(foreign.text).not.toMatch(/HORSPOLE|EMARGE/);
    expect(foreign.text).toContain('Personne n’est inscrit ce jour-là.');
    const operator = await loggedIn(app, demoAccountOf.operator);
    expect((await operator.bytes(url)).status).toBe(403);
  });
});
