import { api } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { runSanctionTermEnds } from '../src/modules/sanctions';
import { parisToday } from '../src/platform/time';
import { type Client, demoAccountOf, engines, loggedIn, startTestApp } from './support/harness';
import { createTestAppointment, createTestPerson, parisTimeInDays } from './support/messaging-fixtures';
import { seedCase } from './support/sanction-fixtures';
import { attachDemoBeneficiary, contractSignedByReferent } from './support/space-fixtures';

/*
 * Issue 14, point 2: a suspension of the 2025 regime ends by remobilisation detected from the facts
 * (the person honours an appointment), in the fact's transaction, with its line for the CAF; a case
 * of the earlier regime, or a fact before the decision, is left as it is.
 */
describe.each(engines)('remobilisation detected from the facts (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let advisor: Client;
  const today = parisToday();
  const day = (n: number) => addCalendarDays(today, n);

  beforeAll(async () => {
    app = await startTestApp(engine);
    advisor = await loggedIn(app, demoAccountOf.orientation_advisor);
  });
  afterAll(async () => {
    await app?.close();
  });

  const caseRow = (id: string) =>
    app.ctx.db.selectFrom('sanction_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** The person is seen at an appointment `days` from today (outcome recorded by the agent). */
  async function seenAt(personId: string, days: number) {
    const id = await createTestAppointment(app, personId, parisTimeInDays(days, 10, 0));
    const { version } = await app.ctx.db
      .selectFrom('appointment')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const res = await advisor.post(`/api/appointments/${id}/outcome`, { status: 'seen', version });
    expect(res.status, res.text).toBe(200);
    return id;
  }

  const suspended = (extra: Record<string, unknown> = {}) => ({
    decision_kind: 'sanction',
    percent: 50,
    months: 2,
    decided_on: day(-6),
    notified_on: day(-4),
    ...extra,
  });

  it('ends a notified 2025 suspension when the person is seen, with the CAF end line', async () => {
    const personId = await createTestPerson(app, { firstName: 'Rémi', lastName: 'Remobilise' });
    const caseId = await seedCase(app, personId, 'notified', suspended({ facts_date: day(-30) }));
    const appointmentId = await seenAt(personId, -1);

    const row = await caseRow(caseId);
    expect(row.status).toBe('ended');
    expect(row.end_reason).toBe('remobilisation_appointment');
    expect(String(row.ended_on).slice(0, 10)).toBe(day(-1));
    const lines = await app.ctx.db
      .selectFrom('caf_transmission_line')
      .select(['kind', 'effective_on', 'status', 'end_reason'])
      .where('case_id', '=', caseId)
      .execute();
    expect(lines.map((l) => [l.kind, String(l.effective_on).slice(0, 10), l.status, l.end_reason])).toEqual([
      ['sanction_end', day(-1), 'pending', 'remobilisation_appointment'],
    ]);
    const events = await app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'data'])
      .where('person_id', '=', personId)
      .where('type', '=', 'sanction_ended')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      reason: 'remobilisation_appointment',
      detected: true,
      appointmentId,
    });
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select(['actor_account_id'])
      .where('action', '=', 'sanction.ended')
      .where('target_id', '=', caseId)
      .execute();
    expect(audit).toEqual([{ actor_account_id: null }]);
  });

  it('leaves an earlier-regime case, a fact before the decision and an undecided case as they are', async () => {
    const personId = await createTestPerson(app, { firstName: 'Aline', lastName: 'Anterieure' });
    // Facts of March 2025: the earlier regime (removal at the end of the suspension) applies.
    const earlier = await seedCase(
      app,
      personId,
      'notified',
      suspended({ facts_date: '2025-03-01', regime: 'earlier', rule_set_from: '2009-06-01' }),
    );
    // Decided after the appointment below: the person had not complied since the decision.
    const later = await seedCase(
      app,
      personId,
      'notified',
      suspended({ decided_on: day(0), notified_on: day(0) }),
    );
    // A decision not notified yet: the agent cancels or notifies it; nothing moves it.
    const undecided = await seedCase(app, personId, 'observations_received');
    await seenAt(personId, -2);

    expect((await caseRow(earlier)).status).toBe('notified');
    expect((await caseRow(later)).status).toBe('notified');
    expect((await caseRow(undecided)).status).toBe('observations_received');
    const lines = await app.ctx.db
      .selectFrom('caf_transmission_line')
      .select('id')
      .where('person_id', '=', personId)
      .execute();
    expect(lines).toHaveLength(0);
  });

  it('gives steering the counts per month of opening, regime and outcome, and nothing to others', async () => {
    const steering = await loggedIn(app, demoAccountOf.steering);
    const month = today.slice(0, 7);
    const res = await steering.call(api.sanctionCases.statistics, { query: { from: day(-1), to: today } });
    expect(res.status, res.text).toBe(200);
    // This file's cases, all opened today: two 2025 suspensions still notified plus one ended by
    // remobilisation (3 'sanction', 1 remobilised), one in progress, and the earlier-regime one.
    const rows = res.body.rows.filter((r) => r.month === month);
    expect(rows).toEqual([
      { month, regime: 'earlier', outcome: 'sanction', cases: 1, remobilised: 0 },
      { month, regime: 'suspension_remobilisation_2025', outcome: 'in_progress', cases: 1, remobilised: 0 },
      { month, regime: 'suspension_remobilisation_2025', outcome: 'sanction', cases: 2, remobilised: 1 },
    ]);
    const empty = await steering.call(api.sanctionCases.statistics, {
      query: { from: '2020-01-01', to: '2020-12-31' },
    });
    expect(empty.body.rows).toEqual([]);
    const reversed = await steering.get(`/api/sanctions/statistics?from=${today}&to=${day(-3)}`);
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('La fin de la période');
    expect((await advisor.get(`/api/sanctions/statistics?from=${day(-1)}&to=${today}`)).status).toBe(403);
  });

  it('ends it too when the person signs a contract of engagement (after this file’s counts)', async () => {
    const personId = await createTestPerson(app, { firstName: 'Céleste', lastName: 'Contrat' });
    await attachDemoBeneficiary(app, personId);
    const caseId = await seedCase(app, personId, 'notified', suspended({ facts_date: day(-30) }));
    const { contractId, version } = await contractSignedByReferent(app, personId, 'Suivre la formation.');
    expect((await caseRow(caseId)).status).toBe('notified');
    // The person signs on the référent's screen: the contract is signed by both, today.
    const referent = await loggedIn(app, 'referent@parcours.test');
    const contract = await referent.call(api.contracts.get, { params: { id: contractId } });
    const signed = await referent.call(api.contracts.sign, {
      params: { id: contractId },
      body: {
        party: 'person_on_screen',
        versionNumber: version.number,
        contentHash: version.contentHash!,
        statementAccepted: true,
        version: contract.body.version,
      },
    });
    expect(signed.status, signed.text).toBe(200);
    const row = await caseRow(caseId);
    expect(row.status).toBe('ended');
    expect(row.end_reason).toBe('remobilisation_contract');
    expect(String(row.ended_on).slice(0, 10)).toBe(today);
    const line = await app.ctx.db
      .selectFrom('caf_transmission_line')
      .select(['kind', 'end_reason'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(line).toEqual({ kind: 'sanction_end', end_reason: 'remobilisation_contract' });
  });

  it('ends by the nightly job the 2025 suspensions that reach their term, and only those', async () => {
    const personId = await createTestPerson(app, { firstName: 'Théo', lastName: 'Terme' });
    // Notified 71 to 101 days ago (a 10th, so that + 2 months is plain) for 2 months: the term
    // (notification + 2 months) has passed.
    const notifiedOn = `${day(-80).slice(0, 8)}10`;
    const due = await seedCase(
      app,
      personId,
      'notified',
      suspended({ decided_on: notifiedOn, notified_on: notifiedOn }),
    );
    // Notified 20 days ago for 2 months: still running.
    const running = await seedCase(
      app,
      personId,
      'notified',
      suspended({ decided_on: day(-22), notified_on: day(-20) }),
    );
    const [y, m, d] = notifiedOn.split('-').map(Number) as [number, number, number];
    const term = new Date(Date.UTC(y, m - 1 + 2, d)).toISOString().slice(0, 10);

    expect(await runSanctionTermEnds(app.ctx, app.ctx.config.departmentCode, today)).toBe(1);
    const ended = await caseRow(due);
    expect([ended.status, ended.end_reason, String(ended.ended_on).slice(0, 10)]).toEqual([
      'ended',
      'term_reached',
      term,
    ]);
    expect((await caseRow(running)).status).toBe('notified');
    const lines = await app.ctx.db
      .selectFrom('caf_transmission_line')
      .select(['kind', 'end_reason', 'effective_on'])
      .where('case_id', '=', due)
      .execute();
    expect(lines.map((l) => [l.kind, l.end_reason, String(l.effective_on).slice(0, 10)])).toEqual([
      ['sanction_end', 'term_reached', term],
    ]);
    // Run again the same night: nothing more.
    expect(await runSanctionTermEnds(app.ctx, app.ctx.config.departmentCode, today)).toBe(0);
  });
});
