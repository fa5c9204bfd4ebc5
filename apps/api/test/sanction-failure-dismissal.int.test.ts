import { api } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestAppointment, createTestPerson, parisTimeInDays } from './support/messaging-fixtures';
import { seedCase, seedFailure } from './support/sanction-fixtures';

/*
 * Issue 14, the states real life has: a failure to examine is classed without follow-up (an excuse
 * produced late, a fact disproved) with its reason — one found in the facts is recorded and classed
 * in one go, so the pôle's queue empties; a failure in a case is classed only by cancelling the case.
 */
describe.each(engines)('failures classed without follow-up (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let ep: Client;
  let referent: Client;
  const today = parisToday();

  beforeAll(async () => {
    app = await startTestApp(engine);
    ep = await loggedIn(app, 'ep@parcours.test');
    referent = await loggedIn(app, 'referent@parcours.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  const failureRow = (id: string) =>
    app.ctx.db.selectFrom('sanction_failure').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const traces = (personId: string) =>
    app.ctx.db
      .selectFrom('audit_event')
      .select(['reason', 'details'])
      .where('action', '=', 'sanction.failure_dismissed')
      .where('person_id', '=', personId)
      .execute();
  const dismiss = (personId: string, failureId: string, body: Record<string, unknown>) =>
    ep.post(`/api/persons/${personId}/sanction-failures/${failureId}/dismiss`, body);

  it('records a no-show found in the facts and classes it at once: the queue no longer proposes it', async () => {
    const personId = await createTestPerson(app, { firstName: 'Lina', lastName: 'Classement' });
    const appointmentId = await createTestAppointment(app, personId, parisTimeInDays(-20, 10, 0), {
      status: 'noshow',
    });
    const queued = await ep.call(api.sanctionCases.failureQueue, { query: {} });
    expect(queued.body.items.some((i) => i.personId === personId)).toBe(true);

    // Classing is for who leads the procedures: a référent's attempt records nothing.
    const byReferent = await referent.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: { kind: 'no_show', factsDate: day(-20), appointmentId, dismissReason: 'Excusée' },
    });
    expect(byReferent.status).toBe(403);
    expect(
      await app.ctx.db
        .selectFrom('sanction_failure')
        .select('id')
        .where('person_id', '=', personId)
        .execute(),
    ).toEqual([]);

    const classed = await ep.call(api.sanctionCases.recordFailure, {
      params: { id: personId },
      body: {
        kind: 'no_show',
        factsDate: day(-20),
        appointmentId,
        dismissReason: 'Certificat d’hospitalisation reçu après coup.',
      },
    });
    expect(classed.status, classed.text).toBe(201);
    const row = await failureRow(classed.body.id);
    expect(row.status).toBe('dismissed');
    expect(row.dismissed_reason).toBe('Certificat d’hospitalisation reçu après coup.');
    expect(row.dismissed_on).not.toBeNull();

    const file = await ep.call(api.sanctionCases.ofPerson, { params: { id: personId } });
    expect(file.body.detected).toEqual([]);
    expect(file.body.failures[0]).toMatchObject({
      status: 'dismissed',
      dismissedOn: today,
      dismissedReason: 'Certificat d’hospitalisation reçu après coup.',
    });
    const queue = await ep.call(api.sanctionCases.failureQueue, { query: {} });
    expect(queue.body.items.some((i) => i.personId === personId)).toBe(false);
    expect(await traces(personId)).toEqual([
      {
        reason: 'Certificat d’hospitalisation reçu après coup.',
        details: { kind: 'no_show', factsDate: day(-20) },
      },
    ]);
    const line = await app.ctx.db
      .selectFrom('timeline_event')
      .select('data')
      .where('person_id', '=', personId)
      .where('type', '=', 'sanction_failure_dismissed')
      .executeTakeFirstOrThrow();
    expect(line.data).toMatchObject({ kind: 'no_show' });
  });

  it('classes a recorded failure with its reason; refuses a stale version, no reason, twice, a failure in a case', async () => {
    const personId = await createTestPerson(app, { firstName: 'Noé', lastName: 'Classement' });
    const failureId = await seedFailure(app, personId);

    expect((await dismiss(personId, failureId, { version: 1, reason: '  ' })).status).toBe(400);
    const stale = await dismiss(personId, failureId, { version: 7, reason: 'Erreur' });
    expect(stale.status).toBe(409);
    const byReferent = await referent.post(
      `/api/persons/${personId}/sanction-failures/${failureId}/dismiss`,
      {
        version: 1,
        reason: 'Erreur',
      },
    );
    expect(byReferent.status).toBe(403);
    expect((await failureRow(failureId)).status).toBe('to_examine');

    const ok = await ep.call(api.sanctionCases.dismissFailure, {
      params: { id: personId, failureId },
      body: { version: 1, reason: 'Faits démentis par la structure.' },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'dismissed',
      dismissedReason: 'Faits démentis par la structure.',
    });
    const twice = await dismiss(personId, failureId, { version: ok.body.version, reason: 'Encore' });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('déjà classé sans suite');
    const caseOnIt = await ep.call(api.sanctionCases.openCase, {
      params: { id: personId },
      body: { failureId },
    });
    expect(caseOnIt.status).toBe(409);
    // Another person's failure, named under this person: not found.
    const other = await createTestPerson(app, { firstName: 'Autre', lastName: 'Classement' });
    const otherFailure = await seedFailure(app, other);
    expect((await dismiss(personId, otherFailure, { version: 1, reason: 'x' })).status).toBe(404);
    expect((await failureRow(otherFailure)).status).toBe('to_examine');

    // In a case: cancel the case (its reason goes with the failure).
    const caseId = await seedCase(app, personId, 'opened');
    const { failure_id } = await app.ctx.db
      .selectFrom('sanction_case')
      .select('failure_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const inCase = await dismiss(personId, failure_id, { version: 1, reason: 'x' });
    expect(inCase.status).toBe(409);
    expect(inCase.text).toContain('annulez la procédure');
    const cancelled = await ep.call(api.sanctionCases.cancel, {
      params: { id: personId, caseId },
      body: { version: 1, reason: 'Saisie en double' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    const after = await failureRow(failure_id);
    expect(after.status).toBe('dismissed');
    expect(after.dismissed_reason).toBe('Procédure annulée : Saisie en double');
  });

  const day = (n: number) => addCalendarDays(today, n);
});
