import { api, type SasEnrolment, type SasSession } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';
import { accountIdOf, mondayIn, sasPattern, shiftSessionBack, suspend } from './support/sas-fixtures';

/*
 * Issue 14, SAS de rétablissement (action 3-9): a session of 4 weeks × 3 half-days whose meetings
 * go on the animator's agenda; a suspended person asks for reinstatement and is enrolled (refused
 * when not suspended, already enrolled, the session full or cancelled — nothing written); attendance
 * per meeting; the end of the session; reinstatement refused without commitment or with too little
 * attendance, decided with both, and queued for the CAF.
 */
describe.each(engines)('SAS de rétablissement (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let ep: Client;
  let advisor: Client;
  let referent: Client;
  let steering: Client;
  let animatorId: string;
  const today = parisToday();
  /** Weeks ahead of the demo agenda's slots (the animator's agenda is free then). */
  const W = 30;

  beforeAll(async () => {
    app = await startTestApp(engine);
    ep = await loggedIn(app, 'ep@parcours.test');
    advisor = await loggedIn(app, 'orientation@parcours.test');
    referent = await loggedIn(app, 'referent@parcours.test');
    steering = await loggedIn(app, 'pilotage@parcours.test');
    animatorId = await accountIdOf(app, 'orientation@parcours.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  const sessionBody = (startDate: string, extra: Record<string, unknown> = {}) => ({
    animatorAccountId: animatorId,
    label: 'SAS de rétablissement — Marseille 2/3',
    startDate,
    pattern: sasPattern,
    place: 'Pôle d’insertion, salle 2',
    capacity: 10,
    ...extra,
  });
  const createSession = async (startDate: string, extra: Record<string, unknown> = {}) => {
    const res = await ep.call(api.sas.createSession, { body: sessionBody(startDate, extra) });
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  const enrolmentRow = (id: string) =>
    app.ctx.db.selectFrom('sas_enrolment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const timelineTypes = async (personId: string) =>
    (
      await app.ctx.db.selectFrom('timeline_event').select('type').where('person_id', '=', personId).execute()
    ).map((t) => t.type);
  const enrolmentCount = async (personId: string) =>
    (await app.ctx.db.selectFrom('sas_enrolment').select('id').where('person_id', '=', personId).execute())
      .length;

  let main: SasSession;

  it('creates a session of 12 half-day meetings over 4 weeks, on the animator’s agenda', async () => {
    const start = mondayIn(W);
    main = await createSession(start);
    expect(main.meetings).toHaveLength(12);
    expect(main.meetings.map((m) => m.week)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    expect(main.meetings.slice(0, 3).map((m) => [m.date, m.halfDay])).toEqual([
      [start, 'morning'],
      [start, 'afternoon'],
      [main.meetings[2]!.date, 'morning'],
    ]);
    expect(new Date(`${main.meetings[2]!.date}T00:00:00Z`).getUTCDay()).toBe(4);
    expect(main.meetings.every((m) => m.date >= start && m.date < mondayIn(W + 4))).toBe(true);
    expect(main).toMatchObject({
      capacity: 10,
      enrolled: 0,
      free: 10,
      status: 'open',
      animatorAccountId: animatorId,
    });

    // Each meeting is a collective slot of the animator's agenda, seen in the agenda's list.
    const slots = await advisor.call(api.agenda.listSlots, {
      query: { from: start, to: main.meetings[11]!.date },
    });
    expect(slots.status, slots.text).toBe(200);
    const ids = new Set(slots.body.items.map((s) => s.id));
    expect(main.meetings.every((m) => m.slotId && ids.has(m.slotId))).toBe(true);
    expect(slots.body.items.find((s) => s.id === main.meetings[0]!.slotId)).toMatchObject({
      kind: 'collective',
      capacity: 10,
      startTime: '09:00',
      endTime: '12:00',
      advisorAccountId: animatorId,
    });

    // The session list of the pôle; not the référent's structure, nor steering.
    const list = await ep.call(api.sas.sessions, {});
    expect(list.body.items.map((s) => s.id)).toContain(main.id);
    expect((await referent.call(api.sas.sessions, {})).body.items.map((s) => s.id)).not.toContain(main.id);
    expect((await referent.call(api.sas.session, { params: { id: main.id } })).status).toBe(403);
    expect((await steering.call(api.sas.sessions, {})).status).toBe(403);
  });

  it('refuses a start that is not a Monday, a wrong pattern, a clash on the animator’s agenda', async () => {
    const before = await app.ctx.db.selectFrom('sas_session').select('id').execute();
    const tuesday = (await createTuesday()) as string;
    const notMonday = await ep.call(api.sas.createSession, { body: sessionBody(tuesday) });
    expect(notMonday.status).toBe(400);
    expect(notMonday.error?.fields?.[0]).toMatchObject({ path: 'startDate' });
    const two = await ep.call(api.sas.createSession, {
      body: sessionBody(mondayIn(W + 3), { pattern: sasPattern.slice(0, 2) }),
    });
    expect(two.status).toBe(400);
    expect(two.error?.fields?.[0]?.message).toMatch(/3 demi-journées/);
    // Same animator, same half-days as the main session.
    const clash = await ep.call(api.sas.createSession, { body: sessionBody(mondayIn(W)) });
    expect(clash.status).toBe(409);
    expect(clash.error?.message).toMatch(/chevauche/);
    const after = await app.ctx.db.selectFrom('sas_session').select('id').execute();
    expect(after.length).toBe(before.length);
  });
  const createTuesday = async () => {
    const monday = mondayIn(W + 4);
    return new Date(Date.parse(`${monday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  };

  it('moves a meeting (and its slot) and cancels another', async () => {
    const third = main.meetings[2]!;
    const friday = new Date(Date.parse(`${third.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const saturday = new Date(Date.parse(`${friday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const weekend = await ep.call(api.sas.moveMeeting, {
      params: { id: main.id, meetingId: third.id },
      body: { version: third.version, date: saturday, halfDay: 'morning' },
    });
    expect(weekend.status).toBe(400);
    const moved = await ep.call(api.sas.moveMeeting, {
      params: { id: main.id, meetingId: third.id },
      body: { version: third.version, date: friday, halfDay: 'afternoon' },
    });
    expect(moved.status, moved.text).toBe(200);
    const m = moved.body.meetings.find((x) => x.id === third.id)!;
    expect(m).toMatchObject({ date: friday, halfDay: 'afternoon', version: third.version + 1 });
    const slot = await app.ctx.db
      .selectFrom('agenda_slot')
      .select(['starts_at'])
      .where('id', '=', third.slotId!)
      .executeTakeFirstOrThrow();
    expect(new Date(slot.starts_at).toISOString()).toBe(m.startsAt);

    const last = main.meetings[11]!;
    const cancelled = await ep.call(api.sas.cancelMeeting, {
      params: { id: main.id, meetingId: last.id },
      body: { version: last.version, reason: 'Jour férié' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.meetings.find((x) => x.id === last.id)).toMatchObject({ status: 'cancelled' });
    const lastSlot = await app.ctx.db
      .selectFrom('agenda_slot')
      .select('status')
      .where('id', '=', last.slotId!)
      .executeTakeFirstOrThrow();
    expect(lastSlot.status).toBe('cancelled');
    main = cancelled.body;
  });

  it('refuses a person whose allocation is not suspended, and writes nothing', async () => {
    const personId = await createTestPerson(app, { firstName: 'Nora', lastName: 'Nonsuspendue' });
    const res = await ep.call(api.sas.request, {
      params: { id: personId },
      body: { requestedOn: today, sessionId: main.id },
    });
    expect(res.status).toBe(422);
    expect(res.error?.fields?.[0]?.code).toBe('not_suspended');
    expect(res.error?.message).toMatch(/pas d’allocation suspendue/);
    expect(await enrolmentCount(personId)).toBe(0);
    expect(await timelineTypes(personId)).not.toContain('sas_requested');
  });

  let person: string;
  let enrolment: SasEnrolment;

  it('enrols a suspended person, once', async () => {
    person = await createTestPerson(app, { firstName: 'Sami', lastName: 'Suspendu' });
    const caseId = await suspend(app, person);
    const before = await ep.call(api.sas.ofPerson, { params: { id: person } });
    expect(before.body.suspension?.caseId).toBe(caseId);
    const res = await ep.call(api.sas.request, {
      params: { id: person },
      body: { requestedOn: today, sessionId: main.id },
    });
    expect(res.status, res.text).toBe(201);
    enrolment = res.body;
    expect(enrolment).toMatchObject({ status: 'enrolled', sessionId: main.id, caseId, requestedOn: today });
    expect(enrolment.summary).toMatchObject({ meetings: 11, held: 0 });
    expect(await timelineTypes(person)).toEqual(expect.arrayContaining(['sas_requested', 'sas_enrolled']));
    const again = await ep.call(api.sas.request, {
      params: { id: person },
      body: { requestedOn: today, sessionId: main.id },
    });
    expect(again.status).toBe(409);
    expect(again.error?.message).toMatch(/déjà inscrite/);
    expect(await enrolmentCount(person)).toBe(1);

    // The session view lists the person (an audited list).
    const view = await ep.call(api.sas.session, { params: { id: main.id } });
    expect(view.body.enrolments.map((e) => e.personId)).toContain(person);
    const traces = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'details'])
      .where('action', '=', 'person.list_read')
      .execute();
    expect(
      traces.some(
        (t) => t.person_ids?.includes(person) && (t.details as { list?: string })?.list === 'sanctions.sas',
      ),
    ).toBe(true);
  });

  it('refuses a full or cancelled session, and writes nothing', async () => {
    const small = await createSession(mondayIn(W + 5), { capacity: 2 });
    for (const name of ['Un', 'Deux']) {
      const p = await createTestPerson(app, { firstName: name, lastName: 'Complet' });
      await suspend(app, p);
      const ok = await ep.call(api.sas.request, {
        params: { id: p },
        body: { requestedOn: today, sessionId: small.id },
      });
      expect(ok.status, ok.text).toBe(201);
    }
    const third = await createTestPerson(app, { firstName: 'Trois', lastName: 'Complet' });
    await suspend(app, third);
    const full = await ep.call(api.sas.request, {
      params: { id: third },
      body: { requestedOn: today, sessionId: small.id },
    });
    expect(full.status).toBe(409);
    expect(full.error?.fields?.[0]?.code).toBe('sas_session_full');
    expect(full.error?.message).toMatch(/complète/);
    expect(await enrolmentCount(third)).toBe(0);

    const other = await createSession(mondayIn(W + 9));
    const cancel = await ep.call(api.sas.cancelSession, {
      params: { id: other.id },
      body: { version: other.version, reason: 'Animateur indisponible' },
    });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    const cancelled = await ep.call(api.sas.request, {
      params: { id: third },
      body: { requestedOn: today, sessionId: other.id },
    });
    expect(cancelled.status).toBe(409);
    expect(cancelled.error?.fields?.[0]?.code).toBe('sas_session_cancelled');
    expect(await enrolmentCount(third)).toBe(0);

    // Without a session the request waits; then it is placed in one (not the full one).
    const waiting = await ep.call(api.sas.request, { params: { id: third }, body: { requestedOn: today } });
    expect(waiting.status, waiting.text).toBe(201);
    expect(waiting.body.status).toBe('requested');
    const stillFull = await ep.call(api.sas.enrol, {
      params: { id: third, enrolmentId: waiting.body.id },
      body: { version: waiting.body.version, sessionId: small.id },
    });
    expect(stillFull.status).toBe(409);
    expect((await enrolmentRow(waiting.body.id)).status).toBe('requested');
    const placed = await ep.call(api.sas.enrol, {
      params: { id: third, enrolmentId: waiting.body.id },
      body: { version: waiting.body.version, sessionId: main.id },
    });
    expect(placed.status, placed.text).toBe(200);
    expect(placed.body.status).toBe('enrolled');
  });

  it('records attendance once a meeting has begun, then the end of the session', async () => {
    const first = main.meetings[0]!;
    const early = await ep.call(api.sas.attendance, {
      params: { id: person, enrolmentId: enrolment.id },
      body: { meetingId: first.id, status: 'present' },
    });
    expect(early.status).toBe(409);
    expect(early.error?.message).toMatch(/pas encore eu lieu/);

    // Five weeks later: every meeting has been held.
    await shiftSessionBack(app, main.id, (W + 5) * 7);
    const held = main.meetings.filter((m) => m.status === 'planned');
    for (const [i, m] of held.entries()) {
      if (i === 10) break;
      const status = i === 3 ? 'excused' : i === 7 ? 'absent' : 'present';
      const res = await ep.call(api.sas.attendance, {
        params: { id: person, enrolmentId: enrolment.id },
        body: { meetingId: m.id, status, reason: status === 'excused' ? 'Rendez-vous médical' : null },
      });
      expect(res.status, res.text).toBe(200);
      enrolment = res.body;
    }
    expect(enrolment.summary).toMatchObject({ held: 11, present: 8, excused: 1, absent: 1, unrecorded: 1 });

    const unrecorded = await ep.call(api.sas.end, {
      params: { id: person, enrolmentId: enrolment.id },
      body: { version: enrolment.version, endedOn: today, outcome: 'completed' },
    });
    expect(unrecorded.status).toBe(409);
    expect(unrecorded.error?.message).toMatch(/présence n’est pas enregistrée pour 1 séance/);

    const last = await ep.call(api.sas.attendance, {
      params: { id: person, enrolmentId: enrolment.id },
      body: { meetingId: held[10]!.id, status: 'present' },
    });
    expect(last.body.summary).toMatchObject({ present: 9, unrecorded: 0, rate: 90, sufficient: true });
    const ended = await ep.call(api.sas.end, {
      params: { id: person, enrolmentId: enrolment.id },
      body: { version: last.body.version, endedOn: today, outcome: 'completed' },
    });
    expect(ended.status, ended.text).toBe(200);
    enrolment = ended.body;
    expect(enrolment.status).toBe('completed');
    const line = await app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'data'])
      .where('person_id', '=', person)
      .where('type', '=', 'sas_ended')
      .executeTakeFirstOrThrow();
    expect(line.data).toMatchObject({ present: 9, excused: 1, absent: 1, held: 11 });
  });

  it('refuses reinstatement without the commitment, then reinstates with it (CAF line queued)', async () => {
    const decision = { decidedOn: today, outcome: 'reinstated' as const, reinstatedFrom: today };
    const refused = await ep.call(api.sas.decide, {
      params: { id: person, enrolmentId: enrolment.id },
      body: { version: enrolment.version, ...decision },
    });
    expect(refused.status).toBe(422);
    expect(refused.error?.fields?.map((f) => f.code)).toEqual(['sas_commitment_missing']);
    expect(refused.error?.message).toMatch(/engagement/);
    const unchanged = await enrolmentRow(enrolment.id);
    expect(unchanged).toMatchObject({ status: 'completed', version: enrolment.version, decided_on: null });
    const noLine = await app.ctx.db
      .selectFrom('caf_transmission_line')
      .select('id')
      .where('sas_enrolment_id', '=', enrolment.id)
      .execute();
    expect(noLine).toHaveLength(0);

    const committed = await ep.call(api.sas.commitment, {
      params: { id: person, enrolmentId: enrolment.id },
      body: {
        version: enrolment.version,
        committedOn: today,
        kind: 'pathway',
        pathway: 'Parcours socio-professionnel : atelier de remobilisation puis bilan de compétences',
      },
    });
    expect(committed.status, committed.text).toBe(200);
    enrolment = committed.body;

    // The animator runs the SAS; the decision is for those who lead sanctions.
    const notTheirs = await advisor.call(api.sas.decide, {
      params: { id: person, enrolmentId: enrolment.id },
      body: { version: enrolment.version, ...decision },
    });
    expect(notTheirs.status).toBe(403);

    const ok = await ep.call(api.sas.decide, {
      params: { id: person, enrolmentId: enrolment.id },
      body: { version: enrolment.version, ...decision },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ status: 'reinstated', reinstatedFrom: today, commitmentKind: 'pathway' });
    const line = await app.ctx.db
      .selectFrom('caf_transmission_line')
      .select(['kind', 'effective_on', 'case_id'])
      .where('sas_enrolment_id', '=', enrolment.id)
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({ kind: 'reinstatement', case_id: enrolment.caseId });
    expect(String(line.effective_on).slice(0, 10)).toBe(today);
    // The reinstatement letter, from the administrators' template, linked to the case.
    const letters = await app.ctx.db
      .selectFrom('message')
      .select(['template_code', 'channel', 'sanction_case_id'])
      .where('person_id', '=', person)
      .where('template_code', '=', 'reinstatement_decision')
      .execute();
    expect(letters).toContainEqual({
      template_code: 'reinstatement_decision',
      channel: 'letter',
      sanction_case_id: enrolment.caseId,
    });
    expect(await timelineTypes(person)).toEqual(
      expect.arrayContaining(['sas_ended', 'sas_commitment', 'sas_reinstated']),
    );
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', person)
      .where('action', 'like', 'sas.%')
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        'sas.requested',
        'sas.enrolled',
        'sas.attendance_recorded',
        'sas.completed',
        'sas.commitment_recorded',
        'sas.reinstated',
      ]),
    );
    // No longer suspended: no new request.
    const after = await ep.call(api.sas.ofPerson, { params: { id: person } });
    expect(after.body.suspension).toBeNull();
  });

  it('refuses reinstatement with too little attendance; the refusal is decided with its reason', async () => {
    const p = await createTestPerson(app, { firstName: 'Rita', lastName: 'Peuassidue' });
    await suspend(app, p);
    const session = await createSession(mondayIn(W + 11));
    const req = await ep.call(api.sas.request, {
      params: { id: p },
      body: { requestedOn: today, sessionId: session.id },
    });
    expect(req.status, req.text).toBe(201);
    await shiftSessionBack(app, session.id, (W + 16) * 7);
    let e = req.body;
    for (const [i, m] of session.meetings.entries()) {
      const res = await ep.call(api.sas.attendance, {
        params: { id: p, enrolmentId: e.id },
        body: { meetingId: m.id, status: i < 5 ? 'present' : 'absent' },
      });
      expect(res.status, res.text).toBe(200);
      e = res.body;
    }
    e = (
      await ep.call(api.sas.end, {
        params: { id: p, enrolmentId: e.id },
        body: { version: e.version, endedOn: today, outcome: 'completed' },
      })
    ).body;
    e = (
      await ep.call(api.sas.commitment, {
        params: { id: p, enrolmentId: e.id },
        body: { version: e.version, committedOn: today, kind: 'pathway', pathway: 'Parcours social' },
      })
    ).body;
    const low = await ep.call(api.sas.decide, {
      params: { id: p, enrolmentId: e.id },
      body: { version: e.version, decidedOn: today, outcome: 'reinstated', reinstatedFrom: today },
    });
    expect(low.status).toBe(422);
    expect(low.error?.fields?.map((f) => f.code)).toEqual(['sas_attendance_insufficient']);
    expect((await enrolmentRow(e.id)).status).toBe('completed');

    const noReason = await ep.call(api.sas.decide, {
      params: { id: p, enrolmentId: e.id },
      body: { version: e.version, decidedOn: today, outcome: 'refused' },
    });
    expect(noReason.status).toBe(400);
    const refused = await ep.call(api.sas.decide, {
      params: { id: p, enrolmentId: e.id },
      body: { version: e.version, decidedOn: today, outcome: 'refused', reason: 'Assiduité insuffisante' },
    });
    expect(refused.status, refused.text).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', decisionReason: 'Assiduité insuffisante' });
    expect(
      await app.ctx.db
        .selectFrom('caf_transmission_line')
        .select('id')
        .where('sas_enrolment_id', '=', e.id)
        .execute(),
    ).toHaveLength(0);
    // Already decided: the workflow refuses a second decision.
    const twice = await ep.call(api.sas.decide, {
      params: { id: p, enrolmentId: e.id },
      body: { version: refused.body.version, decidedOn: today, outcome: 'refused', reason: 'Encore' },
    });
    expect(twice.status).toBe(409);
    expect(twice.error?.message).toMatch(/déjà sa décision/);
  });
});
