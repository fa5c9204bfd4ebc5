import { api, type DecisionInput, type SanctionCase } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestAppointment, createTestPerson, parisTimeInDays } from './support/messaging-fixtures';
import { structureIdOf } from './support/orientation-fixtures';
import { seedFailure } from './support/sanction-fixtures';

/*
 * Issue 14, second slice: a no-show found in the facts becomes a failure, a case is opened on it,
 * the prior notice is sent, the person's observations recorded, a 2025-regime suspension decided
 * within bounds (refused decisions in French, nothing changed), notified and ended by
 * remobilisation; the queue of the pôle, audited reads, timeline lines, scope.
 */
describe.each(engines)('sanction cases (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let ep: Client;
  let referent: Client;
  let steering: Client;
  const today = parisToday();
  const day = (n: number) => addCalendarDays(today, n);

  beforeAll(async () => {
    app = await startTestApp(engine);
    ep = await loggedIn(app, 'ep@parcours.test');
    referent = await loggedIn(app, 'referent@parcours.test');
    steering = await loggedIn(app, 'pilotage@parcours.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  const caseRow = (id: string) =>
    app.ctx.db.selectFrom('sanction_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditCount = async (action: string, personId: string) =>
    (
      await app.ctx.db
        .selectFrom('audit_event')
        .select('seq')
        .where('action', '=', action)
        .where('person_id', '=', personId)
        .execute()
    ).length;

  it('takes a no-show through the whole procedure to a suspension ended by remobilisation', async () => {
    const personId = await createTestPerson(app, { firstName: 'Samia', lastName: 'Manquement' });
    const appointmentId = await createTestAppointment(app, personId, parisTimeInDays(-40, 10, 0), {
      status: 'noshow',
    });

    // The pôle's queue proposes the no-show found in the facts; the read is one audited list.
    const queue = await ep.call(api.sanctionCases.failureQueue, { query: {} });
    expect(queue.status, queue.text).toBe(200);
    const item = queue.body.items.find((i) => i.personId === personId);
    expect(item?.detected.map((d) => [d.kind, d.appointmentId])).toEqual([['no_show', appointmentId]]);
    expect(item?.earlierSanctions).toBe(0);
    const listTraces = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'details'])
      .where('action', '=', 'person.list_read')
      .execute();
    expect(
      listTraces.some(
        (t) =>
          t.person_ids?.includes(personId) && (t.details as { list?: string })?.list === 'sanctions.failures',
      ),
    ).toBe(true);

    // Recorded as a failure (facts date: the appointment's), then a case is opened on it.
    const failure = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'no_show', factsDate: day(-40), appointmentId },
    });
    expect(failure.status, failure.text).toBe(201);
    expect(failure.body).toMatchObject({ kind: 'no_show', origin: 'detected', status: 'to_examine' });
    const again = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'no_show', factsDate: day(-40), appointmentId },
    });
    expect(again.status).toBe(400);
    expect(again.error?.fields?.[0]?.code).toBe('no_show_not_found');

    const opened = await ep.call(api.sanctionCases.openCase, {
      params: { id: personId },
      body: { failureId: failure.body.id },
    });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body).toMatchObject({
      status: 'opened',
      regime: 'suspension_remobilisation_2025',
      repeat: 1,
      householdPersons: 1,
    });
    let c: SanctionCase = opened.body;
    const reopened = await ep.call(api.sanctionCases.openCase, {
      params: { id: personId },
      body: { failureId: failure.body.id },
    });
    expect(reopened.status).toBe(409);

    // A decision before the prior notice: refused by the workflow table.
    const tooSoon = await ep.call(api.sanctionCases.decide, {
      params: { id: personId, caseId: c.id },
      body: { version: c.version, decidedOn: today, kind: 'sanction', percent: 50, months: 2 },
    });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.error?.message).toMatch(/information préalable/);

    const notice = await ep.call(api.sanctionCases.sendNotice, {
      params: { id: personId, caseId: c.id },
      body: { version: c.version, sentOn: day(-3) },
    });
    expect(notice.status, notice.text).toBe(200);
    c = notice.body;
    // One month from the notice (the dated `sanction_procedure` rule of the facts' date).
    expect(c.observationsDeadline).toBe(addMonthsIso(day(-3), 1));

    // Within the observations delay, without observations: refused, nothing changed.
    const early = await ep.call(api.sanctionCases.decide, {
      params: { id: personId, caseId: c.id },
      body: { version: c.version, decidedOn: today, kind: 'sanction', percent: 50, months: 2 },
    });
    expect(early.status).toBe(422);
    expect(early.error?.fields?.map((f) => f.code)).toEqual(['observations_delay_running']);
    expect(early.error?.message).toMatch(/observations jusqu’au/);
    expect((await caseRow(c.id)).version).toBe(c.version);

    const observations = await ep.call(api.sanctionCases.recordObservations, {
      params: { id: personId, caseId: c.id },
      body: {
        version: c.version,
        receivedOn: day(-1),
        mode: 'interview',
        summary: 'Absente pour garder un enfant malade, sans avoir pu prévenir.',
        assistedBy: 'Mme Durand, assistante sociale',
      },
    });
    expect(observations.status, observations.text).toBe(200);
    c = observations.body;
    expect(c).toMatchObject({ status: 'observations_received', observationsMode: 'interview' });

    // Refused decisions, each with its code and French message, and nothing changed.
    const refused: [Partial<DecisionInput>, string][] = [
      [{ percent: 20, months: 2 }, 'percent_below_floor'],
      [{ percent: 50, months: 3 }, 'months_out_of_bounds'],
      [{ kind: 'removal', percent: null, months: null }, 'ep_opinion_required'],
      [{ percent: 50, months: 2, modulationReasons: ['health'] }, 'required'],
    ];
    for (const [over, code] of refused) {
      const res = await ep.call(api.sanctionCases.decide, {
        params: { id: personId, caseId: c.id },
        body: { version: c.version, decidedOn: today, kind: 'sanction', ...over },
      });
      expect(res.status, res.text).toBe(422);
      expect(res.error?.fields?.map((f) => f.code)).toContain(code);
      expect(res.error?.message).toMatch(/La décision n’a pas été enregistrée/);
    }
    const unchanged = await caseRow(c.id);
    expect(unchanged).toMatchObject({
      status: 'observations_received',
      version: c.version,
      decision_kind: null,
    });

    // A 2025-regime suspension within bounds, modulated with its reason.
    const decided = await ep.call(api.sanctionCases.decide, {
      params: { id: personId, caseId: c.id },
      body: {
        version: c.version,
        decidedOn: today,
        kind: 'sanction',
        percent: 50,
        months: 2,
        modulationReasons: ['household'],
        reason: 'Enfant à charge : taux limité à 50 %.',
      },
    });
    expect(decided.status, decided.text).toBe(200);
    c = decided.body;
    expect(c).toMatchObject({ status: 'decided', decisionKind: 'sanction', percent: 50, months: 2 });
    expect(c.decidedByName).toBeTruthy();

    const notified = await ep.call(api.sanctionCases.notify, {
      params: { id: personId, caseId: c.id },
      body: { version: c.version, notifiedOn: today },
    });
    expect(notified.status, notified.text).toBe(200);
    c = notified.body;
    const wrongEnd = await ep.call(api.sanctionCases.end, {
      params: { id: personId, caseId: c.id },
      body: { version: c.version, endedOn: today, reason: 'closed' },
    });
    expect(wrongEnd.status).toBe(409);
    const ended = await ep.call(api.sanctionCases.end, {
      params: { id: personId, caseId: c.id },
      body: { version: c.version, endedOn: today, reason: 'remobilisation_contract' },
    });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endReason: 'remobilisation_contract' });

    // The person's file: the case, audited as a read; every step on the timeline.
    const file = await ep.call(api.sanctionCases.ofPerson, { params: { id: personId } });
    expect(file.status).toBe(200);
    expect(file.body.cases.map((x) => x.status)).toEqual(['ended']);
    expect(await auditCount('person.read', personId)).toBeGreaterThanOrEqual(1);
    const types = (
      await app.ctx.db.selectFrom('timeline_event').select('type').where('person_id', '=', personId).execute()
    ).map((t) => t.type);
    for (const t of [
      'sanction_failure_recorded',
      'sanction_case_opened',
      'sanction_notice_sent',
      'sanction_observations_received',
      'sanction_decided',
      'sanction_notified',
      'sanction_ended',
    ])
      expect(types).toContain(t);
    for (const a of ['sanction.case_opened', 'sanction.decided', 'sanction.ended'])
      expect(await auditCount(a, personId)).toBe(1);

    // A new failure of the same person within 12 months is a repeat (1 to 4 months).
    const second = await seedFailure(app, personId, 'to_examine', day(-2));
    const repeat = await ep.call(api.sanctionCases.openCase, {
      params: { id: personId },
      body: { failureId: second },
    });
    expect(repeat.status, repeat.text).toBe(201);
    expect(repeat.body.repeat).toBe(2);
    const queue2 = await ep.call(api.sanctionCases.failureQueue, { query: {} });
    expect(queue2.body.items.find((i) => i.personId === personId)).toBeUndefined();
  });

  it('detects a missing contract after the legal month and records it; judges earlier facts by the earlier regime', async () => {
    const personId = await createTestPerson(app, { firstName: 'Yanis', lastName: 'Sanscontrat' });
    const mds = await structureIdOf(app, 'MDS Marseille 2/3');
    await app.ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: personId,
        notified_on: day(-45),
        pathway: 'social',
        structure_id: mds,
        source: 'test',
      })
      .execute();
    const file = await ep.call(api.sanctionCases.ofPerson, { params: { id: personId } });
    const detected = file.body.detected.find((d) => d.kind === 'no_contract');
    // The legal month since 2025 (the accompaniment alerts' dated rule): facts the day after it.
    expect(detected?.factsDate).toBe(addCalendarDays(addMonthsIso(day(-45), 1), 1));
    const recorded = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'no_contract', factsDate: today },
    });
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.body.factsDate).toBe(detected?.factsDate);
    const twice = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'no_contract', factsDate: today },
    });
    expect(twice.error?.fields?.[0]?.code).toBe('no_contract_not_due');

    // Facts of May 2025: the earlier regime (80 % ceiling, 1–3 months, the EP heard first).
    const earlier = await seedFailure(app, personId, 'to_examine', '2025-05-15');
    const opened = await ep.call(api.sanctionCases.openCase, {
      params: { id: personId },
      body: { failureId: earlier },
    });
    expect(opened.body).toMatchObject({ regime: 'earlier', factsDate: '2025-05-15' });
    const notice = await ep.call(api.sanctionCases.sendNotice, {
      params: { id: personId, caseId: opened.body.id },
      body: { version: opened.body.version, sentOn: day(-40) },
    });
    expect(notice.status, notice.text).toBe(200);
    const above = await ep.call(api.sanctionCases.decide, {
      params: { id: personId, caseId: opened.body.id },
      body: { version: notice.body.version, decidedOn: today, kind: 'sanction', percent: 90, months: 2 },
    });
    expect(above.status).toBe(422);
    expect(above.error?.fields?.map((f) => f.code)).toEqual(['percent_above_ceiling']);
    const withinBounds = await ep.call(api.sanctionCases.decide, {
      params: { id: personId, caseId: opened.body.id },
      body: { version: notice.body.version, decidedOn: today, kind: 'sanction', percent: 80, months: 3 },
    });
    expect(withinBounds.status).toBe(422);
    expect(withinBounds.error?.fields?.map((f) => f.code)).toEqual(['ep_opinion_required']);
    const cancelled = await ep.call(api.sanctionCases.cancel, {
      params: { id: personId, caseId: opened.body.id },
      body: { version: notice.body.version, reason: 'À présenter en séance de l’EP' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', failure: { status: 'dismissed' } });
  });

  it('refuses a failure or a case for a person not subject to rights and duties, nothing written', async () => {
    const personId = await createTestPerson(app, { firstName: 'Paul', lastName: 'Horsdevoirs' });
    await app.ctx.db
      .updateTable('person')
      .set({ subject_to_duties: false })
      .where('id', '=', personId)
      .execute();
    const res = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'obligations_not_met', factsDate: day(-5), facts: 'Ateliers non suivis' },
    });
    expect(res.status).toBe(422);
    expect(res.error?.fields?.[0]?.code).toBe('not_subject_to_duties');
    expect(res.error?.message).toMatch(/n’est pas soumise aux droits et devoirs/);
    const failureId = await seedFailure(app, personId);
    const open = await ep.call(api.sanctionCases.openCase, { params: { id: personId }, body: { failureId } });
    expect(open.status).toBe(422);
    const cases = await app.ctx.db
      .selectFrom('sanction_case')
      .select('id')
      .where('person_id', '=', personId)
      .execute();
    expect(cases).toEqual([]);
  });

  it('lets a référent report obligations not met, but not lead the case; steering sees nothing', async () => {
    const reported = await referent.call(api.sanctionCases.failureQueue, { query: {} });
    expect(reported.status).toBe(200);
    const steer = await steering.call(api.sanctionCases.failureQueue, { query: {} });
    expect(steer.status).toBe(403);
    const personId = await createTestPerson(app, { firstName: 'Lina', lastName: 'Horspole' });
    // Out of the référent's structure: the person gate refuses (403), nothing written.
    const res = await referent.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'contract_refusal', factsDate: day(-1), facts: 'Refus de signer' },
    });
    expect(res.status).toBe(403);
    const missingFacts = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'contract_refusal', factsDate: day(-1) },
    });
    expect(missingFacts.status).toBe(400);
    expect(missingFacts.error?.fields?.[0]?.path).toBe('facts');
    const failures = await app.ctx.db
      .selectFrom('sanction_failure')
      .select('id')
      .where('person_id', '=', personId)
      .execute();
    expect(failures).toEqual([]);
  });
});

function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, d));
  // date-fns clamps to the month's last day: do the same.
  if (date.getUTCDate() !== d) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}
