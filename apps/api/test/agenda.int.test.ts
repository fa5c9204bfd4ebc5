import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/access/application/accounts';
import { bookAppointment } from '../src/modules/accompaniment/application/appointments';
import { loadDemoAgenda } from '../src/modules/accompaniment/application/demo-agenda';
import { addCalendarDays, mondayOf, parisDate } from '../src/modules/accompaniment/domain/agenda';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { type TestPerson, vrsb } from './support/flux-xml';
import { actorOf, type Client, engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-agenda-test-'));

/** Synthetic persons: most in the pôle Marseille 2/3 (13203), one in Aix (another pôle). */
const people: { key: string; commune: string; person: TestPerson }[] = [
  'Alice',
  'Bruno',
  'Chloé',
  'David',
  'Emma',
  'Farid',
  'Gaëlle',
  'Hugo',
  'Inès',
  'Jules',
].map((firstName, i) => ({
  key: firstName,
  commune: '13203',
  person: {
    birthName: `AGENDA${String.fromCharCode(65 + i)}`,
    firstName,
    birthDate: `198${i}-0${(i % 9) + 1}-1${i}`,
    role: 'DEM',
  },
}));
people.push({
  key: 'Aixois',
  commune: '13001',
  person: { birthName: 'AILLEURS', firstName: 'Aixois', birthDate: '1975-05-05', role: 'DEM' },
});

/** Far enough ahead to be clear of the demo agenda (next 3 weeks). */
const base = mondayOf(addCalendarDays(parisDate(new Date()), 49));
const day = (n: number) => addCalendarDays(base, n);
const frenchDay = (d: string) => d.split('-').reverse().join('/');

describe.each(engines)('agendas and appointments (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let advisor: Client;
  const ids = new Map<string, string>();
  const person = (key: string) => ids.get(key)!;

  const createSlot = (client: Client, body: Record<string, unknown>) =>
    client.post('/api/agenda/slots', {
      kind: 'individual',
      purpose: 'orientation',
      durationMinutes: body.endTime ? undefined : 45,
      place: 'Pôle d’insertion Marseille 2/3, bureau 4',
      ...body,
    });

  const timeline = (personId: string) =>
    app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'data', 'occurred_on'])
      .where('person_id', '=', personId)
      .where('type', '=', 'appointment')
      .orderBy('id')
      .execute();

  const audits = (action: string, targetId: string) =>
    app.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'person_id', 'reason', 'details'])
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute();

  /** Simulates time passing: the slot (and its appointments) started `minutes` ago. */
  const startedAgo = async (slotId: string, minutes: number) => {
    const starts = new Date(Date.now() - minutes * 60_000);
    const ends = new Date(starts.getTime() + 45 * 60_000);
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

  beforeAll(async () => {
    app = await startTestApp(engine);
    const file = path.join(dir, `${engine}.xml`);
    fs.writeFileSync(
      file,
      vrsb({
        date: '2026-01-05',
        households: people.map((p, i) => ({
          claimNumber: `1320000${String(100 + i).padStart(4, '0')}`,
          status: '2',
          inseeCode: p.commune,
          persons: [p.person],
        })),
      }),
    );
    const report = await importFlux(app.ctx, {
      filePath: file,
      fileName: 'agenda.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('applied');
    const rows = await app.ctx.db.selectFrom('person').select(['id', 'first_name']).execute();
    for (const r of rows) ids.set(r.first_name, r.id);
    advisor = await loggedIn(app, 'orientation@parcours.test');
  });

  it('loads a demo agenda of future slots only, once', async () => {
    const demo = await app.ctx.db
      .selectFrom('agenda_slot as s')
      .innerJoin('account as a', 'a.id', 's.advisor_account_id')
      .select(['s.kind', 's.capacity', 's.starts_at', 's.place'])
      .where('a.email', '=', 'orientation@parcours.test')
      .where('s.created_by', 'is', null)
      .execute();
    expect(demo.length).toBeGreaterThan(30);
    expect(demo.every((s) => new Date(s.starts_at).getTime() > Date.now() - 60_000)).toBe(true);
    expect(demo.filter((s) => s.kind === 'collective').every((s) => s.capacity === 12)).toBe(true);
    expect(demo.some((s) => s.kind === 'collective')).toBe(true);
    expect(demo[0]!.place).toMatch(/13002 Marseille/);
    await loadDemoAgenda(app.ctx);
    const again = await app.ctx.db
      .selectFrom('agenda_slot')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('created_by', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(demo.length);
  });

  it('creates single and weekly slots, refusing past and overlapping ones (all or nothing)', async () => {
    const single = await createSlot(advisor, { date: day(0), startTime: '09:00' });
    expect(single.status).toBe(201);
    expect(single.body.items).toHaveLength(1);
    expect(single.body.items[0]).toMatchObject({
      kind: 'individual',
      capacity: 1,
      booked: 0,
      free: 1,
      date: day(0),
      startTime: '09:00',
      endTime: '09:45',
      advisorName: 'Karim Orientation',
      hubName: expect.stringMatching(/Marseille 2\/3/),
    });

    const weekly = await createSlot(advisor, {
      kind: 'collective',
      capacity: 12,
      date: day(1),
      startTime: '14:00',
      endTime: '16:00',
      weeks: 3,
    });
    expect(weekly.status).toBe(201);
    expect(weekly.body.items.map((s: { date: string }) => s.date)).toEqual([day(1), day(8), day(15)]);
    expect(weekly.body.items.every((s: { startTime: string }) => s.startTime === '14:00')).toBe(true);

    // Only the third week of this series overlaps the single slot of day 0: nothing is created.
    const before = await app.ctx.db
      .selectFrom('agenda_slot')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const clash = await createSlot(advisor, { date: day(-14), startTime: '09:15', weeks: 3 });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toMatch(
      /^Le créneau le .* de 09h15 à 10h00 chevauche un créneau existant de Karim Orientation : entretien individuel le .* de 09h00 à 09h45/,
    );
    expect(clash.body.error.message).toContain(frenchDay(day(0)));
    const after = await app.ctx.db
      .selectFrom('agenda_slot')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const yesterday = addCalendarDays(parisDate(new Date()), -1);
    const past = await createSlot(advisor, { date: yesterday, startTime: '10:00' });
    expect(past.status).toBe(400);
    expect(past.body.error.fields[0].message).toMatch(/passé/);

    const badCapacity = await createSlot(advisor, {
      kind: 'collective',
      capacity: 1,
      date: day(2),
      startTime: '09:00',
    });
    expect(badCapacity.status).toBe(400);
    const both = await createSlot(advisor, {
      date: day(2),
      startTime: '09:00',
      endTime: '10:00',
      durationMinutes: 60,
    });
    expect(both.status).toBe(400);

    const listed = await advisor.get(`/api/agenda/slots?from=${day(0)}&to=${day(6)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([
      single.body.items[0].id,
      weekly.body.items[0].id,
    ]);
    expect(await audits('agenda_slot.create', weekly.body.items[0].id)).toHaveLength(1);
  });

  it('books a person and refuses past, cancelled, full and overlapping slots', async () => {
    const [slot] = (await createSlot(advisor, { date: day(3), startTime: '09:00' })).body.items;
    const booked = await advisor.post('/api/appointments', { personId: person('Alice'), slotId: slot.id });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      status: 'planned',
      purpose: 'orientation',
      onDate: day(3),
      place: slot.place,
      slotId: slot.id,
      advisorName: 'Karim Orientation',
      bookedByName: 'Karim Orientation',
      source: 'parcours',
      started: false,
    });
    const row = await app.ctx.db
      .selectFrom('appointment')
      .selectAll()
      .where('id', '=', booked.body.id)
      .executeTakeFirstOrThrow();
    expect(new Date(row.starts_at!).toISOString()).toBe(slot.startsAt);
    expect(row.hub_id).toBe(slot.hubId);
    // Orientation appointment: tied to the person's latest entry in the RSA.
    const spell = await app.ctx.db
      .selectFrom('entry_spell')
      .select('id')
      .where('person_id', '=', person('Alice'))
      .executeTakeFirstOrThrow();
    expect(row.entry_spell_id).toBe(spell.id);
    expect((await advisor.get(`/api/agenda/slots?from=${day(3)}&to=${day(3)}`)).body.items[0]).toMatchObject({
      booked: 1,
      free: 0,
    });

    const full = await advisor.post('/api/appointments', { personId: person('Bruno'), slotId: slot.id });
    expect(full.status).toBe(409);
    expect(full.body.error.message).toMatch(/déjà pris/);
    const twice = await advisor.post('/api/appointments', { personId: person('Alice'), slotId: slot.id });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/déjà inscrite sur ce créneau/);

    // Another advisor of the pôle, same time: Alice is already expected elsewhere.
    await createAccount(
      app.ctx,
      null,
      {
        email: `collegue-${engine}@parcours.test`,
        displayName: 'Lucie Collègue',
        role: 'orientation_advisor',
        hubId: slot.hubId,
        structureId: null,
        password: 'Parcours-demo-2026',
      },
      null,
    );
    const colleague = await loggedIn(app, `collegue-${engine}@parcours.test`);
    const [other] = (await createSlot(colleague, { date: day(3), startTime: '09:30' })).body.items;
    const overlapping = await colleague.post('/api/appointments', {
      personId: person('Alice'),
      slotId: other.id,
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error.message).toMatch(/déjà un rendez-vous le .* de 09h00 à 09h45/);
    // The advisor may also fill a colleague's agenda, which then conflicts with its own slots.
    const forColleague = await createSlot(advisor, {
      date: day(3),
      startTime: '10:00',
      advisorAccountId: other.advisorAccountId,
    });
    expect(forColleague.status).toBe(409);
    expect(forColleague.body.error.message).toMatch(/Lucie Collègue/);

    const cancelled = (await createSlot(advisor, { date: day(3), startTime: '11:00' })).body.items[0];
    expect(
      (await advisor.post(`/api/agenda/slots/${cancelled.id}/cancel`, { reason: 'Formation', version: 1 }))
        .status,
    ).toBe(200);
    const onCancelled = await advisor.post('/api/appointments', {
      personId: person('Bruno'),
      slotId: cancelled.id,
    });
    expect(onCancelled.status).toBe(409);
    expect(onCancelled.body.error.message).toMatch(/annulé/);

    const pastSlot = await app.ctx.db
      .insertInto('agenda_slot')
      .values({
        department_code: '13',
        hub_id: slot.hubId,
        advisor_account_id: slot.advisorAccountId,
        kind: 'individual',
        purpose: 'orientation',
        starts_at: new Date(Date.now() - 2 * 3_600_000),
        ends_at: new Date(Date.now() - 3_600_000),
        place: 'Bureau 4',
        capacity: 1,
        structure_id: null,
        cancel_reason: null,
        created_by: slot.advisorAccountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const onPast = await advisor.post('/api/appointments', {
      personId: person('Bruno'),
      slotId: pastSlot.id,
    });
    expect(onPast.status).toBe(400);
    expect(onPast.body.error.fields[0].message).toMatch(/passé/);

    const outOfScope = (await createSlot(advisor, { date: day(3), startTime: '14:00' })).body.items[0];
    const aixois = await advisor.post('/api/appointments', {
      personId: person('Aixois'),
      slotId: outOfScope.id,
    });
    expect(aixois.status).toBe(403);
    expect(aixois.body.error.message).toMatch(/périmètre/);
    // Found inside the booking's transaction, the refusal is still traced once it has rolled back.
    const refused = await app.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'target_type'])
      .where('person_id', '=', person('Aixois'))
      .where('action', 'like', 'person.%_denied')
      .execute();
    expect(refused).toEqual([{ action: 'person.act_denied', target_type: 'person' }]);

    // Refusals change nothing; the booking left its traces.
    const bruno = await app.ctx.db
      .selectFrom('appointment')
      .select('id')
      .where('person_id', 'in', [person('Bruno'), person('Aixois')])
      .execute();
    expect(bruno).toEqual([]);
    const events = await timeline(person('Alice'));
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      appointmentId: booked.body.id,
      purpose: 'orientation',
      status: 'planned',
      startsAt: slot.startsAt,
    });
    expect(await audits('appointment.book', booked.body.id)).toMatchObject([{ person_id: person('Alice') }]);
  });

  it('gives the last place to only one of two concurrent bookings', async () => {
    const [session] = (
      await createSlot(advisor, {
        kind: 'collective',
        capacity: 2,
        date: day(4),
        startTime: '09:00',
        endTime: '11:00',
      })
    ).body.items;
    expect(
      (await advisor.post('/api/appointments', { personId: person('Chloé'), slotId: session.id })).status,
    ).toBe(201);
    const second = await loggedIn(app, 'orientation@parcours.test');
    const results = await Promise.all([
      advisor.post('/api/appointments', { personId: person('David'), slotId: session.id }),
      second.post('/api/appointments', { personId: person('Emma'), slotId: session.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.message).toMatch(/complète \(2 places\)/);
    const holders = await app.ctx.db
      .selectFrom('appointment')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('slot_id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(Number(holders.n)).toBe(2);
  });

  it('books inside the caller’s transaction and rolls back with it', async () => {
    const [slot] = (await createSlot(advisor, { date: day(4), startTime: '14:00' })).body.items;
    const actor = await actorOf(app, 'orientation@parcours.test');
    await expect(
      app.ctx.db.transaction().execute(async (trx) => {
        const booked = await bookAppointment(trx, actor, { personId: person('Farid'), slotId: slot.id });
        expect(booked).toMatchObject({ slotId: slot.id, purpose: 'orientation', hubId: slot.hubId });
        throw new Error('convocation impossible');
      }),
    ).rejects.toThrow('convocation impossible');
    const none = await app.ctx.db
      .selectFrom('appointment')
      .select('id')
      .where('person_id', '=', person('Farid'))
      .execute();
    expect(none).toEqual([]);
    expect(await timeline(person('Farid'))).toEqual([]);
  });

  it('reschedules in one step and keeps the chain of appointments', async () => {
    const slots = (await createSlot(advisor, { date: day(5), startTime: '09:00', weeks: 3 })).body.items;
    const first = await advisor.post('/api/appointments', {
      personId: person('Gaëlle'),
      slotId: slots[0].id,
    });
    const moved = await advisor.post(`/api/appointments/${first.body.id}/reschedule`, {
      slotId: slots[1].id,
      reason: 'Garde d’enfant ce jour-là',
      version: first.body.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.previous).toMatchObject({
      status: 'rescheduled',
      statusReason: 'Garde d’enfant ce jour-là',
      rescheduledToId: moved.body.appointment.id,
    });
    expect(moved.body.appointment).toMatchObject({
      status: 'planned',
      slotId: slots[1].id,
      rescheduledFromId: first.body.id,
      onDate: day(12),
    });
    const stale = await advisor.post(`/api/appointments/${first.body.id}/reschedule`, {
      slotId: slots[2].id,
      reason: 'encore',
      version: first.body.version,
    });
    expect(stale.status).toBe(409);
    const again = await advisor.post(`/api/appointments/${moved.body.appointment.id}/reschedule`, {
      slotId: slots[2].id,
      reason: 'Rendez-vous médical',
      version: moved.body.appointment.version,
    });
    expect(again.status).toBe(200);
    // The first slot is free again; the chain reads back from the newest.
    expect((await advisor.get(`/api/agenda/slots/${slots[0].id}`)).body).toMatchObject({
      booked: 0,
      free: 1,
    });
    const list = await advisor.get(`/api/persons/${person('Gaëlle')}/appointments`);
    expect(list.body.items.map((a: { status: string }) => a.status)).toEqual([
      'planned',
      'rescheduled',
      'rescheduled',
    ]);
    expect(list.body.items[0].rescheduledFromId).toBe(moved.body.appointment.id);
    expect(list.body.items[1].rescheduledFromId).toBe(first.body.id);
    expect((await timeline(person('Gaëlle'))).map((e) => (e.data as { status: string }).status)).toEqual([
      'planned',
      'planned',
      'rescheduled',
      'planned',
      'rescheduled',
    ]);
    expect(await audits('appointment.reschedule', first.body.id)).toMatchObject([
      { reason: 'Garde d’enfant ce jour-là', person_id: person('Gaëlle') },
    ]);
    // A failed reschedule (full slot) leaves the appointment as it was.
    const [taken] = (await createSlot(advisor, { date: day(5), startTime: '10:00' })).body.items;
    await advisor.post('/api/appointments', { personId: person('Hugo'), slotId: taken.id });
    const refused = await advisor.post(`/api/appointments/${again.body.appointment.id}/reschedule`, {
      slotId: taken.id,
      reason: 'x',
      version: again.body.appointment.version,
    });
    expect(refused.status).toBe(409);
    const still = await app.ctx.db
      .selectFrom('appointment')
      .select(['status', 'version'])
      .where('id', '=', again.body.appointment.id)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ status: 'planned', version: again.body.appointment.version });
  });

  it('cancels an appointment, and a slot with its planned appointments', async () => {
    const [slot] = (
      await createSlot(advisor, {
        kind: 'collective',
        capacity: 5,
        date: day(6),
        startTime: '09:00',
        endTime: '10:00',
      })
    ).body.items;
    const a = await advisor.post('/api/appointments', { personId: person('Inès'), slotId: slot.id });
    const b = await advisor.post('/api/appointments', { personId: person('Jules'), slotId: slot.id });
    const cancelled = await advisor.post(`/api/appointments/${a.body.id}/cancel`, {
      reason: 'Reprise d’emploi',
      version: a.body.version,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'Reprise d’emploi' });
    expect(
      (await advisor.post(`/api/appointments/${a.body.id}/cancel`, { reason: 'x', version: a.body.version }))
        .status,
    ).toBe(409);
    const stale = await advisor.post(`/api/agenda/slots/${slot.id}/cancel`, { reason: 'x', version: 0 });
    expect(stale.status).toBe(409);
    const slotCancel = await advisor.post(`/api/agenda/slots/${slot.id}/cancel`, {
      reason: 'Salle indisponible',
      version: slot.version,
    });
    expect(slotCancel.status).toBe(200);
    expect(slotCancel.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Salle indisponible',
      booked: 0,
    });
    const jules = await app.ctx.db
      .selectFrom('appointment')
      .select(['status', 'status_reason'])
      .where('id', '=', b.body.id)
      .executeTakeFirstOrThrow();
    expect(jules).toEqual({ status: 'cancelled', status_reason: 'Salle indisponible' });
    expect((await timeline(person('Jules'))).map((e) => (e.data as { status: string }).status)).toEqual([
      'planned',
      'cancelled',
    ]);
    expect(await audits('appointment.cancel', b.body.id)).toMatchObject([
      { person_id: person('Jules'), reason: 'Salle indisponible' },
    ]);
    expect(await audits('agenda_slot.cancel', slot.id)).toHaveLength(1);
  });

  it('records an outcome only once the appointment has started, and keeps corrections', async () => {
    const [slot] = (await createSlot(advisor, { date: day(6), startTime: '14:00' })).body.items;
    const booked = await advisor.post('/api/appointments', { personId: person('Bruno'), slotId: slot.id });
    const early = await advisor.post(`/api/appointments/${booked.body.id}/outcome`, {
      status: 'seen',
      version: booked.body.version,
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/pas encore commencé/);

    await startedAgo(slot.id, 10);
    const seen = await advisor.post(`/api/appointments/${booked.body.id}/outcome`, {
      status: 'seen',
      version: booked.body.version,
    });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      status: 'seen',
      started: true,
      outcomeRecordedByName: 'Karim Orientation',
    });
    expect(seen.body.outcomeRecordedAt).not.toBeNull();
    // Cannot cancel or move what has happened.
    expect(
      (
        await advisor.post(`/api/appointments/${booked.body.id}/cancel`, {
          reason: 'x',
          version: seen.body.version,
        })
      ).status,
    ).toBe(409);

    const noReason = await advisor.post(`/api/appointments/${booked.body.id}/outcome`, {
      status: 'excused',
      version: seen.body.version,
    });
    expect(noReason.status).toBe(400);
    const corrected = await advisor.post(`/api/appointments/${booked.body.id}/outcome`, {
      status: 'excused',
      reason: 'Hospitalisation, justificatif reçu',
      version: seen.body.version,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      status: 'excused',
      statusReason: 'Hospitalisation, justificatif reçu',
    });
    const stale = await advisor.post(`/api/appointments/${booked.body.id}/outcome`, {
      status: 'noshow',
      version: seen.body.version,
    });
    expect(stale.status).toBe(409);

    const events = await timeline(person('Bruno'));
    expect(events.map((e) => e.data)).toMatchObject([
      { status: 'planned' },
      { status: 'seen' },
      { status: 'excused', correctedFrom: 'seen' },
    ]);
    expect(events[1]!.occurred_on).toBe(parisDate(new Date(Date.now() - 10 * 60_000)));
    expect((await audits('appointment.outcome', booked.body.id)).length).toBe(1);
    expect(await audits('appointment.outcome_corrected', booked.body.id)).toMatchObject([
      {
        reason: 'Hospitalisation, justificatif reçu',
        details: { previousStatus: 'seen', status: 'excused' },
      },
    ]);
    const detail = await advisor.get(`/api/agenda/slots/${slot.id}`);
    expect(detail.body.attendees).toHaveLength(1);
    expect(detail.body.attendees[0].appointment.status).toBe('excused');
  });

  it('keeps each structure to its own agenda and persons', async () => {
    const structures = await app.ctx.db.selectFrom('structure').select(['id', 'name', 'hub_id']).execute();
    const mds = structures.find((s) => s.name === 'MDS Marseille 2/3')!;
    const other = structures.find((s) => s.name === "Lieu d'accueil Marseille 2/3")!;
    await app.ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: person('Hugo'),
        notified_on: '2026-01-20',
        pathway: 'social',
        structure_id: mds.id,
        source: 'test',
      })
      .execute();
    const referent = await loggedIn(app, 'referent@parcours.test');
    const created = await referent.post('/api/agenda/slots', {
      kind: 'individual',
      purpose: 'accompaniment',
      date: day(7),
      startTime: '10:00',
      durationMinutes: 60,
      place: 'MDS Marseille 2/3, bureau du référent',
    });
    expect(created.status).toBe(201);
    const slot = created.body.items[0];
    expect(slot).toMatchObject({ structureId: mds.id, hubId: null, advisorName: 'Sophie Référente' });
    const booked = await referent.post('/api/appointments', { personId: person('Hugo'), slotId: slot.id });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ purpose: 'accompaniment', structureName: 'MDS Marseille 2/3' });
    const notHers = await referent.post('/api/appointments', { personId: person('Alice'), slotId: slot.id });
    expect(notHers.status).toBe(403);

    await createAccount(
      app.ctx,
      null,
      {
        email: `referent-autre-${engine}@parcours.test`,
        displayName: 'Paul Autre Structure',
        role: 'referent',
        hubId: null,
        structureId: other.id,
        password: 'Parcours-demo-2026',
      },
      null,
    );
    const stranger = await loggedIn(app, `referent-autre-${engine}@parcours.test`);
    const list = await stranger.get(`/api/agenda/slots?from=${day(7)}&to=${day(7)}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expect((await stranger.get(`/api/agenda/slots/${slot.id}`)).status).toBe(403);
    const steal = await stranger.post('/api/appointments', { personId: person('Hugo'), slotId: slot.id });
    expect(steal.status).toBe(403);
    expect((await stranger.get(`/api/persons/${person('Hugo')}/appointments`)).status).toBe(403);
    const cancel = await stranger.post(`/api/appointments/${booked.body.id}/cancel`, {
      reason: 'x',
      version: booked.body.version,
    });
    expect(cancel.status).toBe(403);

    // The pôle advisor does not see the structure's agenda either; the administrator reads all.
    const advisorList = await advisor.get(`/api/agenda/slots?from=${day(7)}&to=${day(7)}`);
    expect(advisorList.body.items.map((s: { id: string }) => s.id)).not.toContain(slot.id);
    const admin = await loggedIn(app, 'admin@parcours.test');
    const adminList = await admin.get(`/api/agenda/slots?from=${day(7)}&to=${day(7)}`);
    expect(adminList.body.items.map((s: { id: string }) => s.id)).toContain(slot.id);
    expect((await createSlot(admin, { date: day(7), startTime: '10:00' })).status).toBe(403);
    expect((await admin.get(`/api/agenda/slots/${slot.id}`)).body.attendees).toHaveLength(1);
  });

  it('lists a person’s appointments newest first, history included, and audits the reading', async () => {
    await app.ctx.db
      .insertInto('appointment')
      .values({
        department_code: '13',
        person_id: person('Alice'),
        on_date: '2025-11-03',
        purpose: 'orientation',
        status: 'noshow',
        source: 'history',
        structure_id: null,
      })
      .execute();
    const list = await advisor.get(`/api/persons/${person('Alice')}/appointments`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { onDate: string; source: string }) => [a.onDate, a.source])).toEqual([
      [day(3), 'parcours'],
      ['2025-11-03', 'history'],
    ]);
    expect(list.body.items[1]).toMatchObject({
      startsAt: null,
      slotId: null,
      started: true,
      status: 'noshow',
    });
    const reads = await app.ctx.db
      .selectFrom('audit_event')
      .select(['reason'])
      .where('action', '=', 'person.read')
      .where('person_id', '=', person('Alice'))
      .execute();
    expect(reads.map((r) => r.reason)).toContain('Rendez-vous de la personne');
    // Reading a slot's attendees is a bulk read of them: one trace naming them all.
    const slots = await app.ctx.db
      .selectFrom('appointment')
      .select('slot_id')
      .where('person_id', '=', person('Alice'))
      .where('slot_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const detail = await advisor.get(`/api/agenda/slots/${slots.slot_id}`);
    expect(detail.body.attendees[0].person).toMatchObject({ firstName: 'Alice' });
    const slotReads = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'details'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', 'agenda.slot')
      .execute();
    const thisSlot = slotReads.filter(
      (r) => (r.details as { query?: { slotId?: string } }).query?.slotId === slots.slot_id,
    );
    expect(thisSlot).toHaveLength(1);
    expect(thisSlot[0]!.person_ids).toContain(person('Alice'));
    expect((await advisor.get(`/api/persons/${person('Aixois')}/appointments`)).status).toBe(403);
    // The route's scope and the use case share one gate: one trace for one refused reading.
    const readRefusals = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', person('Aixois'))
      .where('action', '=', 'person.read_denied')
      .execute();
    expect(readRefusals).toHaveLength(1);
  });
});
