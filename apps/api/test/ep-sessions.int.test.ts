import { api } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisToday } from '../src/platform/time';
import { hubIdOf, seedEpSession, seedReferral } from './support/ep-fixtures';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson, pdfText } from './support/messaging-fixtures';
import { seedCase } from './support/sanction-fixtures';

/*
 * Issue 14 point 4: a sanction case submitted to the EP of the person's pôle, a session of that
 * pôle planned by its secretariat (members, agenda built from the cases awaiting an opinion), the
 * person invited, the session held, the opinion given, the minutes as a PDF; a removal refused
 * without a favourable opinion and accepted with one; the pôle scope of the secretariat; bad
 * input refused in French with nothing changed.
 */
describe.each(engines)('EP sessions (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let ep: Client;
  let admin: Client;
  let referent: Client;
  let m23: string;
  let aix: string;
  const today = parisToday();

  beforeAll(async () => {
    app = await startTestApp(engine);
    ep = await loggedIn(app, 'ep@parcours.test');
    admin = await loggedIn(app, 'admin@parcours.test');
    referent = await loggedIn(app, 'referent@parcours.test');
    m23 = await hubIdOf(app, 'marseille-2-3');
    aix = await hubIdOf(app, 'aix-gardanne');
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A person of pôle Aix-Gardanne (commune 13001). */
  const aixPerson = async (lastName: string) => {
    const id = await createTestPerson(app, { firstName: 'Léa', lastName });
    const p = await app.ctx.db
      .selectFrom('person')
      .select('household_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .updateTable('household')
      .set({ commune_code: '13001' })
      .where('id', '=', p.household_id!)
      .execute();
    return id;
  };
  const items = (sessionId: string) =>
    app.ctx.db.selectFrom('ep_agenda_item').selectAll().where('session_id', '=', sessionId).execute();
  const timelineTypes = async (personId: string) =>
    (
      await app.ctx.db.selectFrom('timeline_event').select('type').where('person_id', '=', personId).execute()
    ).map((t) => t.type);
  const decision = (version: number, kind: 'removal' | 'no_sanction') => ({
    version,
    decidedOn: today,
    kind,
    modulationReasons: [],
  });

  it('takes a case from its referral to a favourable opinion, the minutes and the removal', async () => {
    const personId = await createTestPerson(app, { firstName: 'Rémi', lastName: 'Radiation' });
    const caseId = await seedCase(app, personId, 'observations_received', {
      observations_received_on: today,
    });

    // Without the EP's opinion, the removal is refused with its code, nothing written.
    const early = await ep.call(api.sanctionCases.decide, {
      params: { id: personId, caseId },
      body: decision(1, 'removal'),
    });
    expect(early.status, early.text).toBe(422);
    expect(early.error?.fields?.map((f) => f.code)).toContain('ep_opinion_required');

    // Submitted to the EP of the person's pôle (a step of the case, on the timeline, once).
    const referral = await ep.call(api.epSessions.refer, {
      params: { id: personId, caseId },
      body: { submittedOn: today, proposedOutcome: 'removal', reason: 'Manquements répétés' },
    });
    expect(referral.status, referral.text).toBe(201);
    expect(referral.body).toMatchObject({ hubId: m23, proposedOutcome: 'removal' });
    const twice = await ep.call(api.epSessions.refer, {
      params: { id: personId, caseId },
      body: { submittedOn: today, proposedOutcome: 'removal' },
    });
    expect(twice.status).toBe(409);
    // Under the 2025 regime a suspension needs no EP: refused in French.
    const other = await seedCase(app, personId, 'notice_sent');
    const sanction = await ep.call(api.epSessions.refer, {
      params: { id: personId, caseId: other },
      body: { submittedOn: today, proposedOutcome: 'sanction' },
    });
    expect(sanction.status).toBe(422);
    expect(sanction.error?.fields?.[0]?.code).toBe('ep_not_for_sanction');

    // The secretariat plans its pôle's session; another pôle's is refused.
    const created = await ep.call(api.epSessions.create, {
      body: { hubId: m23, sessionDate: today, startTime: '09:30', place: 'Pôle d’insertion, salle 2' },
    });
    expect(created.status, created.text).toBe(201);
    const sessionId = created.body.id;
    expect(created.body.candidates.map((c) => c.referralId)).toContain(referral.body.id);
    const elsewhere = await ep.call(api.epSessions.create, {
      body: { hubId: aix, sessionDate: today, startTime: '09:30', place: 'Aix' },
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.error?.fields?.[0]?.code).toBe('other_hub');

    // Members with their quality.
    for (const [name, quality] of [
      ['Mme Martine Élue', 'president'],
      ['M. Paul Agence', 'france_travail'],
      ['Mme Claire Caf', 'caf'],
    ] as const) {
      const added = await ep.call(api.epSessions.addMember, {
        params: { id: sessionId },
        body: { name, quality, detail: null },
      });
      expect(added.status, added.text).toBe(201);
    }

    // The agenda, from the cases awaiting an opinion; the read is one audited list.
    const added = await ep.call(api.epSessions.addToAgenda, {
      params: { id: sessionId },
      body: { referralId: referral.body.id },
    });
    expect(added.status, added.text).toBe(201);
    expect(added.body.agenda).toHaveLength(1);
    expect(added.body.agenda[0]).toMatchObject({
      personId,
      name: 'Rémi Radiation',
      proposedOutcome: 'removal',
    });
    expect(added.body.candidates.map((c) => c.referralId)).not.toContain(referral.body.id);
    const again = await ep.call(api.epSessions.addToAgenda, {
      params: { id: sessionId },
      body: { referralId: referral.body.id },
    });
    expect(again.status).toBe(422);
    expect(again.error?.fields?.[0]?.code).toBe('already_on_agenda');
    const traces = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'details'])
      .where('action', '=', 'person.list_read')
      .execute();
    expect(
      traces.some(
        (t) => t.person_ids?.includes(personId) && (t.details as { list?: string })?.list === 'ep.agenda',
      ),
    ).toBe(true);
    const itemId = added.body.agenda[0]!.id;

    // The invitation to be heard, recorded, and its letter from the administrators' template.
    const invited = await ep.call(api.epSessions.invite, {
      params: { id: sessionId, itemId },
      body: { invitedOn: today },
    });
    expect(invited.status, invited.text).toBe(200);
    expect(invited.body.agenda[0]?.invitedOn).toBe(today);
    const letters = await app.ctx.db
      .selectFrom('message')
      .select(['template_code', 'channel', 'status'])
      .where('person_id', '=', personId)
      .where('sanction_case_id', '=', caseId)
      .execute();
    expect(letters).toContainEqual({
      template_code: 'ep_invitation',
      channel: 'letter',
      status: 'generated',
    });

    // No opinion before the session is held.
    const tooSoon = await ep.call(api.epSessions.giveOpinion, {
      params: { id: sessionId, itemId },
      body: { opinion: 'favourable', reasoning: 'Manquements établis', hearing: 'present' },
    });
    expect(tooSoon.status).toBe(409);
    const held = await ep.call(api.epSessions.hold, { params: { id: sessionId }, body: { version: 1 } });
    expect(held.status, held.text).toBe(200);
    expect(held.body.status).toBe('held');
    const members = held.body.members;
    for (const m of members.slice(0, 2)) {
      const p = await ep.call(api.epSessions.setPresence, {
        params: { id: sessionId, memberId: m.id },
        body: { present: true },
      });
      expect(p.status, p.text).toBe(200);
    }
    const noRep = await ep.call(api.epSessions.giveOpinion, {
      params: { id: sessionId, itemId },
      body: { opinion: 'favourable', reasoning: 'Manquements établis', hearing: 'represented' },
    });
    expect(noRep.status).toBe(422);
    const opinion = await ep.call(api.epSessions.giveOpinion, {
      params: { id: sessionId, itemId },
      body: {
        opinion: 'favourable',
        reasoning: 'Manquements établis, aucune reprise de contact',
        hearing: 'present',
      },
    });
    expect(opinion.status, opinion.text).toBe(200);
    expect(opinion.body.agenda[0]).toMatchObject({ opinion: 'favourable', hearing: 'present' });
    expect(await timelineTypes(personId)).toEqual(
      expect.arrayContaining(['sanction_ep_referred', 'sanction_ep_invited', 'sanction_ep_opinion']),
    );

    // The minutes: a real PDF with the session, the members present and the case; download traced.
    const pdf = await ep.bytes(`/api/ep-sessions/${sessionId}/minutes.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfText(pdf.body);
    expect(text).toContain('Procès-verbal de la séance de l’équipe pluridisciplinaire');
    expect(text).toContain('Mme Martine Élue');
    expect(text).toContain('Rémi Radiation');
    expect(text).toContain('Avis favorable à la proposition');
    const download = await app.ctx.db
      .selectFrom('audit_event')
      .select('person_ids')
      .where('action', '=', 'ep.minutes_downloaded')
      .where('target_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(download.person_ids).toEqual([personId]);

    // With the favourable opinion, the removal is decided.
    const removal = await ep.call(api.sanctionCases.decide, {
      params: { id: personId, caseId },
      body: decision(1, 'removal'),
    });
    expect(removal.status, removal.text).toBe(200);
    expect(removal.body).toMatchObject({ status: 'decided', decisionKind: 'removal' });

    // The minutes are signed: the session closes.
    const closed = await ep.call(api.epSessions.close, {
      params: { id: sessionId },
      body: { version: held.body.version, signedOn: today },
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.status).toBe('closed');
  });

  it('accepts a removal after an unfavourable opinion: the opinion is consultative, it must be given', async () => {
    const personId = await createTestPerson(app, { firstName: 'Ugo', lastName: 'Defavorable' });
    const { caseId, referralId } = await seedReferral(app, personId, m23);
    const sessionId = await seedEpSession(app, m23, 'planned');
    const added = await ep.call(api.epSessions.addToAgenda, {
      params: { id: sessionId },
      body: { referralId },
    });
    expect(added.status, added.text).toBe(201);
    await ep.call(api.epSessions.hold, { params: { id: sessionId }, body: { version: 1 } });
    const opinion = await ep.call(api.epSessions.giveOpinion, {
      params: { id: sessionId, itemId: added.body.agenda[0]!.id },
      body: { opinion: 'unfavourable', reasoning: 'Difficultés de santé signalées', hearing: 'absent' },
    });
    expect(opinion.status, opinion.text).toBe(200);
    const removal = await ep.call(api.sanctionCases.decide, {
      params: { id: personId, caseId },
      body: decision(1, 'removal'),
    });
    expect(removal.status, removal.text).toBe(200);
    expect(removal.body.decisionKind).toBe('removal');
    // Once given, the opinion closes the case's wait: it is no longer a candidate anywhere.
    const next = await seedEpSession(app, m23, 'planned');
    const detail = await ep.call(api.epSessions.get, { params: { id: next } });
    expect(detail.body.candidates.map((c) => c.referralId)).not.toContain(referralId);
  });

  it('keeps the secretariat to its pôle and refuses bad input in French, nothing changed', async () => {
    const local = await createTestPerson(app, { firstName: 'Inès', lastName: 'Locale' });
    const far = await aixPerson('Lointaine');
    const localRef = await seedReferral(app, local, m23);
    const farRef = await seedReferral(app, far, aix);
    const sessionId = await seedEpSession(app, m23, 'planned');
    const aixSession = await seedEpSession(app, aix, 'planned');

    // Another pôle's session: refused (read, act), absent from the list even when asked for.
    const read = await ep.call(api.epSessions.get, { params: { id: aixSession } });
    expect(read.status).toBe(403);
    const act = await ep.call(api.epSessions.addMember, {
      params: { id: aixSession },
      body: { name: 'Intrus', quality: 'other' },
    });
    expect(act.status).toBe(403);
    const list = await ep.call(api.epSessions.list, { query: { hubId: aix } });
    expect(list.status).toBe(200);
    expect(list.body.items.every((s) => s.hubId === m23)).toBe(true);
    expect(list.body.items.map((s) => s.id)).toContain(sessionId);
    // The secretariat's candidates are its pôle's; the administrator sees every pôle's session.
    const detail = await ep.call(api.epSessions.get, { params: { id: sessionId } });
    expect(detail.body.candidates.map((c) => c.referralId)).toContain(localRef.referralId);
    expect(detail.body.candidates.map((c) => c.referralId)).not.toContain(farRef.referralId);
    expect((await admin.call(api.epSessions.get, { params: { id: aixSession } })).status).toBe(200);
    // Roles without the permission: 403.
    expect((await referent.call(api.epSessions.list, { query: {} })).status).toBe(403);

    // Unknown case, a case of another pôle: refused with their code, the agenda unchanged.
    const unknown = await admin.call(api.epSessions.addToAgenda, {
      params: { id: sessionId },
      body: { referralId: '00000000-0000-4000-8000-0000000000cc' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.error?.fields?.[0]?.code).toBe('unknown_referral');
    expect(unknown.error?.message).toMatch(/Dossier inconnu/);
    const otherHub = await admin.call(api.epSessions.addToAgenda, {
      params: { id: sessionId },
      body: { referralId: farRef.referralId },
    });
    expect(otherHub.status).toBe(422);
    expect(otherHub.error?.fields?.[0]?.code).toBe('other_hub');
    expect(otherHub.error?.message).toMatch(/autre pôle/);
    expect(await items(sessionId)).toHaveLength(0);
    // The secretariat of Marseille cannot use its session for a person of Aix either.
    const viaEp = await ep.call(api.epSessions.addToAgenda, {
      params: { id: sessionId },
      body: { referralId: farRef.referralId },
    });
    expect([403, 422]).toContain(viaEp.status);
    expect(await items(sessionId)).toHaveLength(0);

    // An opinion on a cancelled session: refused in French, nothing changed.
    const added = await ep.call(api.epSessions.addToAgenda, {
      params: { id: sessionId },
      body: { referralId: localRef.referralId },
    });
    expect(added.status, added.text).toBe(201);
    const cancelled = await ep.call(api.epSessions.cancel, {
      params: { id: sessionId },
      body: { version: 1, reason: 'Quorum impossible' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    const opinion = await ep.call(api.epSessions.giveOpinion, {
      params: { id: sessionId, itemId: added.body.agenda[0]!.id },
      body: { opinion: 'favourable', reasoning: 'Essai', hearing: 'absent' },
    });
    expect(opinion.status).toBe(409);
    expect(opinion.error?.message).toMatch(/annulée/);
    const [item] = await items(sessionId);
    expect(item?.opinion).toBeNull();
    // The cancelled session's case is again a candidate for another session.
    const next = await ep.call(api.epSessions.create, {
      body: { hubId: m23, sessionDate: today, startTime: '14:00', place: 'Salle 3' },
    });
    expect(next.body.candidates.map((c) => c.referralId)).toContain(localRef.referralId);

    // Postponed with a new date, keeping the first one.
    const postponed = await ep.call(api.epSessions.postpone, {
      params: { id: next.body.id },
      body: { version: 1, sessionDate: '2099-01-05', startTime: '10:00', reason: 'Salle indisponible' },
    });
    expect(postponed.status, postponed.text).toBe(200);
    expect(postponed.body).toMatchObject({
      status: 'postponed',
      sessionDate: '2099-01-05',
      postponedFrom: today,
      startTime: '10:00',
    });
    // Held before its (new) date: refused.
    const early = await ep.call(api.epSessions.hold, { params: { id: next.body.id }, body: { version: 2 } });
    expect(early.status).toBe(409);
    // Bad input: malformed date, unknown quality.
    const bad = await ep.call(api.epSessions.create, {
      body: { hubId: m23, sessionDate: '2026-02-30', startTime: '25:00', place: '' },
    });
    expect(bad.status).toBe(400);
    const badMember = await ep.call(api.epSessions.addMember, {
      params: { id: next.body.id },
      body: { name: 'X', quality: 'king' as never },
    });
    expect(badMember.status).toBe(400);
  });
});
