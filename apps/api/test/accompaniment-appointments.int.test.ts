import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { createAccount } from '../src/modules/access/application/accounts';
import { appointmentsOfPerson, contractSigned } from '../src/modules/accompaniment';
import { bookAppointment } from '../src/modules/accompaniment/application/appointments';
import { addCalendarDays, parisDate } from '../src/modules/accompaniment/domain/agenda';
import { rebuildProjections } from '../src/platform/events';
import { unitOfWork } from '../src/platform/use-case';
import {
  d,
  expectedFromFacts,
  historyLines,
  P,
  readModel,
  today,
  workingDay,
} from './support/accompaniment-fixtures';
import { actorOf, type Client, engines, loggedIn, startTestApp } from './support/harness';
import { importLines, personIdOf, structureIdOf } from './support/orientation-fixtures';

describe.each(engines)('accompaniment appointments and the entry-spell read model (%s)', (engine) => {
  let app: RunningApp;
  let referent: Client;
  const id = new Map<string, string>();
  const person = (key: string) => id.get(key)!;
  let mdsId = '';

  const createSlot = (client: Client, body: Record<string, unknown>) =>
    client.post('/api/agenda/slots', {
      kind: 'individual',
      purpose: 'accompaniment',
      durationMinutes: 45,
      place: 'MDS Marseille 2/3, bureau 2',
      ...body,
    });

  const spellOf = async (key: string) => (await readModel(app.ctx.db, [person(key)])).at(-1)!;

  beforeAll(async () => {
    app = await startTestApp(engine);
    await importLines(app, historyLines(), 'accompaniment.ndjson');
    for (const key of ['h', 'a', 'b', 'c', 'e']) id.set(key, await personIdOf(app, `${P}${key}`));
    mdsId = await structureIdOf(app, 'MDS Marseille 2/3');
    // Oriented to the référent's structure in Parcours: a 20 days ago, b and c 2 days ago.
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    for (const [key, decidedOn] of [
      ['a', d(20)],
      ['b', d(2)],
      ['c', d(2)],
    ] as const) {
      const res = await advisor.post(`/api/persons/${person(key)}/orientations`, {
        pathway: 'social',
        structureId: mdsId,
        decidedOn,
        overrideReason: 'Accompagnement social adapté à la situation',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    referent = await loggedIn(app, 'referent@parcours.test');
  });

  it('fills the read model from the history import, spell by spell', async () => {
    const spells = await readModel(app.ctx.db, [person('h')]);
    expect(spells.map((s) => [s.entry, s.appointmentOn, s.contractOn])).toEqual([
      [d(200), d(185), d(180)],
      [d(140), d(97), d(95)],
    ]);
    expect(await readModel(app.ctx.db)).toEqual(await expectedFromFacts(app.ctx.db));
    // The person's list flags the first appointment of each spell with its delay.
    const admin = await loggedIn(app, 'admin@parcours.test');
    const list = await admin.get(`/api/persons/${person('h')}/appointments`);
    expect(list.status).toBe(200);
    const flagged = list.body.items
      .filter((a: { firstAccompaniment: unknown }) => a.firstAccompaniment)
      .map((a: { onDate: string; firstAccompaniment: unknown }) => [a.onDate, a.firstAccompaniment]);
    expect(flagged).toEqual([
      [d(97), { orientedOn: d(100), days: 3, withinTarget: true }],
      [d(185), { orientedOn: d(190), days: 5, withinTarget: true }],
    ]);
  });

  it('keeps the first appointment with booking, cancelling and rescheduling, in their transactions', async () => {
    const day1 = workingDay(3);
    const day2 = workingDay(4);
    const first = await createSlot(referent, { date: day1, startTime: '10:00' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const later = await createSlot(referent, { date: day2, startTime: '10:00' });
    const other = await createSlot(referent, { date: day2, startTime: '11:00' });
    // An orientation-purpose slot is never the first accompaniment appointment.
    const notAccompaniment = await createSlot(referent, {
      date: day1,
      startTime: '09:00',
      purpose: 'contract',
    });
    expect((await spellOf('a')).appointment).toBeNull();

    const contractOne = await referent.post('/api/appointments', {
      personId: person('a'),
      slotId: notAccompaniment.body.items[0].id,
    });
    expect(contractOne.status).toBe(201);
    expect(contractOne.body.firstAccompaniment).toBeNull();
    expect((await spellOf('a')).appointment).toBeNull();

    const booked = await referent.post('/api/appointments', {
      personId: person('a'),
      slotId: later.body.items[0].id,
    });
    expect(booked.status).toBe(201);
    const days =
      20 +
      (new Date(`${day2}T00:00:00Z`).getTime() - new Date(`${today()}T00:00:00Z`).getTime()) / 86_400_000;
    expect(booked.body.firstAccompaniment).toEqual({ orientedOn: d(20), days, withinTarget: false });
    expect(await spellOf('a')).toMatchObject({ appointment: booked.body.id, appointmentOn: day2 });

    // An earlier one becomes the first; the later one loses the flag.
    const earlier = await referent.post('/api/appointments', {
      personId: person('a'),
      slotId: first.body.items[0].id,
    });
    expect(earlier.status).toBe(201);
    expect(await spellOf('a')).toMatchObject({ appointment: earlier.body.id, appointmentOn: day1 });
    const list = await referent.get(`/api/persons/${person('a')}/appointments`);
    const flags = Object.fromEntries(
      list.body.items.map((a: { id: string; firstAccompaniment: unknown }) => [a.id, a.firstAccompaniment]),
    );
    expect(flags[earlier.body.id]).toMatchObject({ orientedOn: d(20), withinTarget: false });
    expect(flags[booked.body.id]).toBeNull();
    expect(flags[contractOne.body.id]).toBeNull();

    // The agenda's day list shows the flag too.
    const dayList = await referent.get(`/api/agenda/day?date=${day1}`);
    expect(dayList.status).toBe(200);
    const attendees = dayList.body.slots.flatMap(
      (s: { attendees: { appointment: { id: string; firstAccompaniment: unknown } }[] }) => s.attendees,
    );
    expect(
      attendees.find((x: { appointment: { id: string } }) => x.appointment.id === earlier.body.id),
    ).toMatchObject({
      appointment: { firstAccompaniment: { orientedOn: d(20) } },
    });

    // Cancelled: no longer fixed, the next one is the first.
    const cancelled = await referent.post(`/api/appointments/${earlier.body.id}/cancel`, {
      reason: 'Empêchement du référent',
      version: earlier.body.version,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.firstAccompaniment).toBeNull();
    expect(await spellOf('a')).toMatchObject({ appointment: booked.body.id, appointmentOn: day2 });

    // Rescheduled: replaced by the new appointment, which is the first.
    const moved = await referent.post(`/api/appointments/${booked.body.id}/reschedule`, {
      slotId: other.body.items[0].id,
      reason: 'À la demande de la personne',
      version: booked.body.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.previous.firstAccompaniment).toBeNull();
    expect(moved.body.appointment.firstAccompaniment).toMatchObject({ orientedOn: d(20) });
    expect(await spellOf('a')).toMatchObject({ appointment: moved.body.appointment.id });
    expect(await readModel(app.ctx.db)).toEqual(await expectedFromFacts(app.ctx.db));
  });

  it('keeps it with an outcome, and rolls back with the fact', async () => {
    const slot = await createSlot(referent, { date: workingDay(5), startTime: '15:00' });
    const booked = await referent.post('/api/appointments', {
      personId: person('b'),
      slotId: slot.body.items[0].id,
    });
    expect(booked.status).toBe(201);
    expect(booked.body.firstAccompaniment).toMatchObject({ orientedOn: d(2), withinTarget: true });
    // The appointment has begun (moved back in time by hand); the read model is damaged on purpose.
    // Begun half an hour ago, but on today's Paris date even just after midnight.
    let past = new Date(Date.now() - 30 * 60_000);
    if (parisDate(past) !== parisDate(new Date())) past = new Date(Date.now() - 1000);
    await app.ctx.db
      .updateTable('appointment')
      .set({ starts_at: past, ends_at: new Date(past.getTime() + 45 * 60_000), on_date: parisDate(past) })
      .where('id', '=', booked.body.id)
      .execute();
    await app.ctx.db
      .updateTable('entry_spell')
      .set({ first_accompaniment_appointment_id: null, first_accompaniment_on: null })
      .where('person_id', '=', person('b'))
      .execute();
    const noshow = await referent.post(`/api/appointments/${booked.body.id}/outcome`, {
      status: 'noshow',
      version: booked.body.version,
    });
    expect(noshow.status).toBe(200);
    // An absence still counts: the appointment was fixed.
    expect(await spellOf('b')).toMatchObject({ appointment: booked.body.id, appointmentOn: parisDate(past) });
    expect(noshow.body.firstAccompaniment).toEqual({ orientedOn: d(2), days: 2, withinTarget: true });

    // A booking whose transaction fails leaves the read model as it was.
    const slotC = await createSlot(referent, { date: workingDay(5), startTime: '16:00' });
    const actor = await actorOf(app, 'referent@parcours.test');
    const before = await spellOf('c');
    let inside: string | null = null;
    await expect(
      unitOfWork(app.ctx, actor, null, async ({ trx }) => {
        const b = await bookAppointment(trx, actor, {
          personId: person('c'),
          slotId: slotC.body.items[0].id,
        });
        const seen = await trx
          .selectFrom('entry_spell')
          .select('first_accompaniment_appointment_id')
          .where('person_id', '=', person('c'))
          .executeTakeFirstOrThrow();
        inside = seen.first_accompaniment_appointment_id;
        expect(inside).toBe(b.id);
        throw new Error('échec après la réservation');
      }),
    ).rejects.toThrow('échec après la réservation');
    expect(inside).not.toBeNull();
    expect(await spellOf('c')).toEqual(before);
    expect(before.appointment).toBeNull();
  });

  it('fills the first contract when a contract is signed', async () => {
    const actor = await actorOf(app, 'referent@parcours.test');
    const contractId = await unitOfWork(app.ctx, actor, null, async ({ trx, publish }) => {
      const row = await trx
        .insertInto('engagement_contract')
        .values({
          department_code: '13',
          person_id: person('b'),
          signed_on: today(),
          start_date: today(),
          end_date: addCalendarDays(today(), 180),
          weekly_hours: 15,
          hours_regime: 'standard',
          source: 'parcours',
          status: 'signed',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await publish(
        contractSigned.of({ personId: person('b'), contractId: row.id, versionNumber: 1, signedOn: today() }),
      );
      return row.id;
    });
    expect(await spellOf('b')).toMatchObject({ contract: contractId, contractOn: today() });
  });

  it('lets a structure manager run a collective session with outcomes, within the structure only', async () => {
    const manager = await loggedIn(app, 'responsable@parcours.test');
    const session = await manager.post('/api/agenda/slots', {
      kind: 'collective',
      purpose: 'accompaniment',
      date: workingDay(6),
      startTime: '14:00',
      durationMinutes: 120,
      capacity: 8,
      place: 'MDS Marseille 2/3, salle collective',
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const slotId = session.body.items[0].id;
    expect(session.body.items[0]).toMatchObject({ kind: 'collective', structureId: mdsId, capacity: 8 });
    for (const key of ['b', 'c']) {
      const res = await manager.post('/api/appointments', { personId: person(key), slotId });
      expect(res.status).toBe(201);
    }
    // The manager fills a référent's agenda of the structure too.
    const sophie = await actorOf(app, 'referent@parcours.test');
    const forSophie = await manager.post('/api/agenda/slots', {
      kind: 'individual',
      purpose: 'accompaniment',
      date: workingDay(6),
      startTime: '09:00',
      durationMinutes: 45,
      place: 'MDS Marseille 2/3, bureau 2',
      advisorAccountId: sophie.accountId,
    });
    expect(forSophie.status).toBe(201);
    expect(forSophie.body.items[0]).toMatchObject({ structureId: mdsId, advisorName: 'Sophie Référente' });
    // Someone else's person: refused, nothing booked.
    const foreign = await manager.post('/api/appointments', { personId: person('h'), slotId });
    expect(foreign.status).toBe(403);
    const detail = await manager.get(`/api/agenda/slots/${slotId}`);
    expect(detail.body.attendees).toHaveLength(2);
    // c's first appointment is this session (b already had one, earlier).
    expect(await spellOf('c')).toMatchObject({ appointmentOn: workingDay(6) });

    // A référent of another structure sees neither the session nor the persons.
    const other = (
      await app.ctx.db
        .selectFrom('structure')
        .select('id')
        .where('name', '=', "Lieu d'accueil Marseille 2/3")
        .executeTakeFirstOrThrow()
    ).id;
    await createAccount(
      app.ctx,
      null,
      {
        email: `acc-autre-${engine}@parcours.test`,
        displayName: 'Paul Autre',
        role: 'referent',
        hubId: null,
        structureId: other,
        password: 'Parcours-demo-2026',
      },
      null,
    );
    const stranger = await loggedIn(app, `acc-autre-${engine}@parcours.test`);
    expect((await stranger.post('/api/appointments', { personId: person('a'), slotId })).status).toBe(403);
    const own = await createSlot(stranger, {
      date: workingDay(6),
      startTime: '09:00',
      place: "Lieu d'accueil",
    });
    expect(own.status).toBe(201);
    const refused = await stranger.post('/api/appointments', {
      personId: person('a'),
      slotId: own.body.items[0].id,
    });
    expect(refused.status).toBe(403);
    expect(
      await app.ctx.db
        .selectFrom('appointment')
        .select('id')
        .where('slot_id', '=', own.body.items[0].id)
        .execute(),
    ).toEqual([]);

    // Outcomes of a collective session once it has begun: présent, absent, excusé (with a reason).
    const past = new Date(Date.now() - 60 * 60_000);
    await app.ctx.db
      .updateTable('appointment')
      .set({ starts_at: past, on_date: parisDate(past) })
      .where('slot_id', '=', slotId)
      .execute();
    const [ab, ac] = detail.body.attendees.map(
      (x: { appointment: { id: string; version: number } }) => x.appointment,
    );
    expect(
      (await manager.post(`/api/appointments/${ab.id}/outcome`, { status: 'seen', version: ab.version }))
        .status,
    ).toBe(200);
    const excusedWithout = await manager.post(`/api/appointments/${ac.id}/outcome`, {
      status: 'excused',
      version: ac.version,
    });
    expect(excusedWithout.status).toBe(400);
    const excused = await manager.post(`/api/appointments/${ac.id}/outcome`, {
      status: 'excused',
      reason: 'Rendez-vous médical',
      version: ac.version,
    });
    expect(excused.status).toBe(200);
    expect(await readModel(app.ctx.db)).toEqual(await expectedFromFacts(app.ctx.db));
  });

  it('takes an appointment fixed before the orientation decision into account when it is decided', async () => {
    // Met by the structure before the decision was recorded (an appointment of the day).
    const seen = await app.ctx.db
      .insertInto('appointment')
      .values({
        department_code: '13',
        person_id: person('e'),
        on_date: today(),
        structure_id: mdsId,
        purpose: 'accompaniment',
        status: 'seen',
        source: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await spellOf('e')).appointment).toBeNull();
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const res = await advisor.post(`/api/persons/${person('e')}/orientations`, {
      pathway: 'social',
      structureId: mdsId,
      decidedOn: d(3),
      overrideReason: 'Accompagnement social adapté à la situation',
    });
    expect(res.status).toBe(201);
    expect(await spellOf('e')).toMatchObject({ appointment: seen.id, appointmentOn: today() });
  });

  it('gives the beneficiary space the person’s upcoming appointments', async () => {
    const items = await appointmentsOfPerson(app.ctx.db, '13', person('a'));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((a) => a.status !== 'rescheduled')).toBe(true);
    const cancelled = items.find((a) => a.status === 'cancelled');
    expect(cancelled).toMatchObject({
      purpose: 'accompaniment',
      startTime: '10:00',
      structureName: 'MDS Marseille 2/3',
    });
    const dates = items.map((a) => `${a.date} ${a.startTime}`);
    expect(dates).toEqual([...dates].sort());
    // Nothing of another département, nothing before `from`.
    expect(await appointmentsOfPerson(app.ctx.db, '06', person('a'))).toEqual([]);
    expect(
      await appointmentsOfPerson(app.ctx.db, '13', person('a'), {
        from: new Date(Date.now() + 365 * 86_400_000),
      }),
    ).toEqual([]);
  });

  it('rebuilds to the same result as the incremental maintenance', async () => {
    const db = app.ctx.db;
    const maintained = await readModel(db);
    expect(maintained.filter((s) => s.appointment).length).toBeGreaterThanOrEqual(4);
    await db
      .updateTable('entry_spell')
      .set({
        first_accompaniment_appointment_id: null,
        first_accompaniment_on: null,
        first_contract_id: null,
        first_contract_signed_on: null,
      })
      .execute();
    const [result] = await rebuildProjections(db, '13', ['accompaniment.entry-spells']);
    expect(result!.changed).toBe(maintained.filter((s) => s.appointment || s.contract).length);
    expect(await readModel(db)).toEqual(maintained);
    expect((await rebuildProjections(db, '13', ['accompaniment.entry-spells']))[0]!.changed).toBe(0);
    // The import replaces the history rows: the read model follows.
    await importLines(
      app,
      historyLines().filter((l) => !(l.kind === 'appointment' && l.date === d(97))),
      'acc-2.ndjson',
    );
    expect((await readModel(db, [person('h')]))[1]).toMatchObject({ appointmentOn: d(90) });
    expect(await readModel(db)).toEqual(await expectedFromFacts(db));
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM entry_spell`.execute(db);
    expect(count.rows[0]!.n).toBe(maintained.length);
  });
});
