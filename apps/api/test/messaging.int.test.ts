import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConvocationMessages,
  createDecisionMessages,
  createMessageBatch,
} from '../src/modules/messaging/application/convocations';
import { renderLettersPdf } from '../src/modules/messaging/application/letters';
import { frenchLongDate } from '../src/modules/messaging/domain/format';
import type { RequestActor } from '../src/platform/auth/sessions';
import { DomainError } from '../src/platform/errors';
import { httpStatusOf } from '../src/platform/http/errors';
import { engines, loggedIn, startTestApp } from './support/harness';
import {
  actorOf,
  createTestAppointment,
  createTestPerson,
  download,
  mailText,
  parisTimeInDays,
  pdfText,
  sessionCookie,
  startControllableSmtp,
  tickNow,
} from './support/messaging-fixtures';
import { type SmsProvider, startSmsProvider } from './support/sms-provider';

describe.each(engines)('messaging: convocations, letters, sending (%s)', (engine) => {
  let smtp: Awaited<ReturnType<typeof startControllableSmtp>>;
  let provider: SmsProvider;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let advisor: RequestActor;

  beforeAll(async () => {
    smtp = await startControllableSmtp();
    provider = await startSmsProvider();
    app = await startTestApp(engine, {
      smtpUrl: smtp.url,
      smsProviderUrl: provider.url,
      smsProviderToken: provider.token,
      smsCallbackSecret: provider.callbackSecret,
    });
    advisor = await actorOf(app, 'orientation@parcours.test');
  });
  afterAll(async () => {
    await smtp.close();
    await provider.close();
  });

  const convene = (personId: string, appointmentId: string, batchId?: string) =>
    app.ctx.db
      .transaction()
      .execute((trx) => createConvocationMessages(trx, advisor, { personId, appointmentId, batchId }));

  const messagesOf = (personId: string) =>
    app.ctx.db
      .selectFrom('message')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('channel')
      .execute();

  it('convenes by letter, e-mail and SMS as the address, the contacts and their consent allow', async () => {
    const startsAt = parisTimeInDays(10, 9, 30);
    const all = await createTestPerson(app, {
      firstName: 'Élodie',
      lastName: 'Garnier',
      email: { value: 'elodie.garnier@exemple.test', consent: 'A' },
      phone: { value: '06 12 34 56 78', consent: 'A' },
    });
    const refused = await createTestPerson(app, {
      firstName: 'Marc',
      lastName: 'Fabre',
      sex: 'M',
      email: { value: 'marc.fabre@exemple.test', consent: 'R' },
      phone: { value: '0698765432', consent: 'I' },
    });
    const noAddress = await createTestPerson(app, {
      firstName: 'Inès',
      lastName: 'Roux',
      address: false,
      email: { value: 'ines.roux@exemple.test', consent: 'A' },
      // A landline cannot receive an SMS.
      phone: { value: '04 91 11 22 33', consent: 'A' },
    });
    const unreachable = await createTestPerson(app, {
      firstName: 'Paul',
      lastName: 'Vidal',
      sex: 'M',
      address: false,
      email: { value: 'paul.vidal@exemple.test', consent: 'R' },
      phone: { value: '06 00 00 00 01', consent: 'I' },
    });

    const a1 = await createTestAppointment(app, all, startsAt);
    const r1 = await convene(all, a1);
    expect(r1.channels).toEqual(['letter', 'email', 'sms']);
    expect(r1.messageIds).toHaveLength(3);
    expect((await convene(refused, await createTestAppointment(app, refused, startsAt))).channels).toEqual([
      'letter',
    ]);
    expect(
      (await convene(noAddress, await createTestAppointment(app, noAddress, startsAt))).channels,
    ).toEqual(['email']);

    const a4 = await createTestAppointment(app, unreachable, startsAt);
    const err = await convene(unreachable, a4).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'NO_CHANNEL', kind: 'unprocessable' });
    expect(httpStatusOf[(err as DomainError).kind]).toBe(422);
    expect(err.message).toContain('Paul Vidal');
    expect(await messagesOf(unreachable)).toHaveLength(0);

    const msgs = await messagesOf(all);
    const byChannel = Object.fromEntries(msgs.map((m) => [m.channel, m]));
    expect(byChannel.letter).toMatchObject({ status: 'generated', kind: 'convocation', appointment_id: a1 });
    expect(byChannel.letter!.recipient).toBe('Madame Élodie Garnier\n12 RUE DES LILAS\n13003 MARSEILLE');
    expect(byChannel.email).toMatchObject({ status: 'pending', recipient: 'elodie.garnier@exemple.test' });
    expect(byChannel.sms).toMatchObject({ status: 'pending', recipient: '+33612345678' });
    expect(byChannel.sms!.body).toContain('9 h 30');
    expect(byChannel.sms!.body).toContain(frenchLongDate(startsAt));
    expect(byChannel.email!.subject).toContain(frenchLongDate(startsAt));
    expect(byChannel.email!.body).toContain('Félix Pyat');
    expect(byChannel.email!.body).not.toMatch(/\{\{/);
    // "convoqué(e)" of the templates agrees with the person's sex.
    expect(byChannel.letter!.body).toContain('vous êtes convoquée');
    expect(byChannel.email!.body).toContain('soumise aux droits et devoirs');
    const [marcLetter] = await messagesOf(refused);
    expect(marcLetter!.body).toContain('vous êtes convoqué ');

    const timeline = await app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'data', 'actor_account_id'])
      .where('person_id', '=', all)
      .execute();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ type: 'convocation', actor_account_id: advisor.accountId });
    expect(timeline[0]!.data).toMatchObject({ appointmentId: a1, channels: ['letter', 'email', 'sms'] });
    const traced = await app.ctx.db
      .selectFrom('audit_event')
      .select(['actor_account_id', 'details'])
      .where('action', '=', 'messaging.convocation_created')
      .where('person_id', '=', all)
      .execute();
    expect(traced).toHaveLength(1);
    expect(traced[0]!.actor_account_id).toBe(advisor.accountId);

    // Sending happens in the jobs, after the commit.
    expect(smtp.received.filter((m) => m.to.includes('elodie.garnier@exemple.test'))).toHaveLength(0);
    expect(provider.received.filter((s) => s.to === '+33612345678')).toHaveLength(0);
    await app.ctx.jobs.drain();
    const mail = smtp.received.find((m) => m.to.includes('elodie.garnier@exemple.test'));
    expect(mail).toBeDefined();
    expect(mailText(mail!.raw)).toContain('pièce d’identité');
    expect(smtp.received.some((m) => m.to.includes('ines.roux@exemple.test'))).toBe(true);
    expect(smtp.received.some((m) => m.to.includes('marc.fabre@exemple.test'))).toBe(false);
    const sms = provider.received.filter((s) => s.to === '+33612345678');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.from).toBe('PARCOURS');
    expect(sms[0]!.callbackUrl).toBe(`${app.url}/api/messaging/callbacks/sms`);
    const sent = Object.fromEntries((await messagesOf(all)).map((m) => [m.channel, m]));
    expect(sent.email).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(sent.email!.sent_at).not.toBeNull();
    expect(sent.sms).toMatchObject({ status: 'sent', provider_message_id: sms[0]!.id });
    expect(sent.letter!.status).toBe('generated');
    // Nothing is sent twice.
    await app.ctx.jobs.drain();
    expect(provider.received.filter((s) => s.to === '+33612345678')).toHaveLength(1);
  });

  it('sends nothing before the commit, and nothing at all when the transaction rolls back', async () => {
    const person = await createTestPerson(app, {
      firstName: 'Nadia',
      lastName: 'Perrin',
      email: { value: 'nadia.perrin@exemple.test', consent: 'A' },
      phone: { value: '07 11 22 33 44', consent: 'A' },
    });
    const mailsTo = () => smtp.received.filter((m) => m.to.includes('nadia.perrin@exemple.test')).length;
    const smsTo = () => provider.received.filter((s) => s.to === '+33711223344').length;

    const rolledBack = await createTestAppointment(app, person, parisTimeInDays(12, 14, 0));
    await expect(
      app.ctx.db.transaction().execute(async (trx) => {
        await createConvocationMessages(trx, advisor, { personId: person, appointmentId: rolledBack });
        throw new Error('réservation annulée');
      }),
    ).rejects.toThrow('réservation annulée');
    await app.ctx.jobs.drain();
    expect(mailsTo()).toBe(0);
    expect(smsTo()).toBe(0);
    expect(await messagesOf(person)).toHaveLength(0);
    const timeline = await app.ctx.db
      .selectFrom('timeline_event')
      .select('id')
      .where('person_id', '=', person)
      .execute();
    expect(timeline).toHaveLength(0);

    const committed = await createTestAppointment(app, person, parisTimeInDays(12, 15, 0));
    await app.ctx.db.transaction().execute(async (trx) => {
      await createConvocationMessages(trx, advisor, { personId: person, appointmentId: committed });
      // Another connection runs the queue meanwhile: the uncommitted jobs are invisible to it.
      // (PGlite is a single connection: the queue would wait for this transaction.)
      if (engine === 'postgres') await app.ctx.jobs.tick();
      expect(mailsTo()).toBe(0);
      expect(smsTo()).toBe(0);
    });
    expect(mailsTo()).toBe(0);
    await app.ctx.jobs.drain();
    expect(mailsTo()).toBe(1);
    expect(smsTo()).toBe(1);
  });

  it('prints the letters of a batch as a real PDF, one letter per page, with the rights and duties notice', async () => {
    const startsAt = parisTimeInDays(9, 10, 15);
    const place = "Maison de l'insertion, 3 place Marceau, 13003 Marseille";
    const p1 = await createTestPerson(app, { firstName: 'Sophie', lastName: 'Lambert' });
    const p2 = await createTestPerson(app, { firstName: 'Karim', lastName: 'Benali', sex: 'M' });
    const appointments = [
      [p1, await createTestAppointment(app, p1, startsAt, { place })],
      [p2, await createTestAppointment(app, p2, startsAt, { place })],
    ] as const;
    const batchId = await app.ctx.db.transaction().execute(async (trx) => {
      const id = await createMessageBatch(trx, advisor, { kind: 'convocation', personCount: 2 });
      for (const [personId, appointmentId] of appointments) {
        await createConvocationMessages(trx, advisor, { personId, appointmentId, batchId: id });
      }
      return id;
    });
    const batch = await app.ctx.db
      .selectFrom('message_batch')
      .selectAll()
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ kind: 'convocation', person_count: 2, created_by: advisor.accountId });

    const cookie = await sessionCookie(app, 'orientation@parcours.test');
    const res = await download(app, cookie, `/api/messaging/batches/${batchId}/letters.pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(res.body);
    expect(pages).toBe(2);
    for (const name of ['Sophie Lambert', 'Karim Benali', 'Madame', 'Monsieur']) expect(text).toContain(name);
    expect(text).toContain(frenchLongDate(startsAt));
    expect(text).toContain('10 h 15');
    expect(text).toContain('3 place Marceau');
    expect(text).toContain('12 RUE DES LILAS');
    expect(text).toContain('Bouches-du-Rhône');
    expect(text).toContain('Marseille 2/3');
    expect(text).toContain('Vos droits et devoirs');
    expect(text).toContain('L262-37');
    expect(text).toMatch(/procédure contradictoire/);
    expect(text).toContain('attestation de paiement');
    // Every letter opening is in the audit trail.
    const reads = await app.ctx.db
      .selectFrom('audit_event')
      .select('person_id')
      .where('action', '=', 'person.read')
      .where('reason', '=', 'impression des courriers')
      .execute();
    expect(reads.map((r) => r.person_id)).toEqual(expect.arrayContaining([p1, p2]));

    // One letter, by its message, for an agent who sees the person.
    const letter = await app.ctx.db
      .selectFrom('message')
      .select('id')
      .where('person_id', '=', p1)
      .where('channel', '=', 'letter')
      .executeTakeFirstOrThrow();
    const one = await download(app, cookie, `/api/messaging/messages/${letter.id}/letter.pdf`);
    expect(one.status).toBe(200);
    const single = await pdfText(one.body);
    expect(single.pages).toBe(1);
    expect(single.text).toContain('Sophie Lambert');
    expect(single.text).not.toContain('Karim Benali');

    // The same through the use case other modules call.
    const direct = await renderLettersPdf(app.ctx, advisor, { messageIds: [letter.id] });
    expect((await pdfText(direct)).text).toContain('Sophie Lambert');

    // A référent of a structure that does not follow this person: refused, and the refusal traced.
    const referent = await sessionCookie(app, 'referent@parcours.test');
    expect((await download(app, referent, `/api/messaging/messages/${letter.id}/letter.pdf`)).status).toBe(
      403,
    );
    // Printing batches needs the convocation right.
    const admin = await sessionCookie(app, 'admin@parcours.test');
    expect((await download(app, admin, `/api/messaging/batches/${batchId}/letters.pdf`)).status).toBe(403);
    expect(
      (await download(app, cookie, '/api/messaging/batches/00000000-0000-4000-8000-000000000000/letters.pdf'))
        .status,
    ).toBe(404);
  });

  it('notifies an orientation decision by letter and e-mail', async () => {
    const person = await createTestPerson(app, {
      firstName: 'Lucie',
      lastName: 'Morel',
      email: { value: 'lucie.morel@exemple.test', consent: 'A' },
      phone: { value: '06 22 33 44 55', consent: 'A' },
    });
    const plie = await app.ctx.db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'PLIE Marseille Provence')
      .executeTakeFirstOrThrow();
    const orientation = await app.ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: person,
        notified_on: '2026-03-02',
        decided_on: '2026-03-02',
        pathway: 'socio-professional',
        structure_id: plie.id,
        programme: 'accompagnement-global',
        source: 'parcours',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await app.ctx.db
      .transaction()
      .execute((trx) =>
        createDecisionMessages(trx, advisor, { personId: person, orientationId: orientation.id }),
      );
    expect(r.messageIds).toHaveLength(2);
    expect(r.letterMessageId).not.toBeNull();
    const msgs = await messagesOf(person);
    // No SMS for a decision.
    expect(msgs.map((m) => m.channel)).toEqual(['email', 'letter']);
    const { text } = await pdfText(
      await renderLettersPdf(app.ctx, advisor, { messageIds: [r.letterMessageId!] }),
    );
    expect(text).toContain('Lucie Morel');
    // A line may break after the hyphen.
    expect(text).toMatch(/parcours socio-\s?professionnel/);
    expect(text).toContain('PLIE Marseille Provence');
    expect(text).toContain('Accompagnement global');
    expect(text).toContain('2 mars 2026');
    expect(text).toContain('recours');
    await app.ctx.jobs.drain();
    const mail = smtp.received.find((m) => m.to.includes('lucie.morel@exemple.test'));
    expect(mailText(mail!.raw)).toContain('PLIE Marseille Provence');
  });

  it('prints the body’s address, agrees with the person’s sex, and has no programme line without one', async () => {
    const person = await createTestPerson(app, { firstName: 'Marc', lastName: 'Dumas', sex: 'M' });
    const plie = await app.ctx.db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'PLIE Marseille Provence')
      .executeTakeFirstOrThrow();
    const orientation = await app.ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: person,
        notified_on: '2026-03-02',
        decided_on: '2026-03-02',
        pathway: 'professional',
        structure_id: plie.id,
        programme: null,
        source: 'parcours',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await app.ctx.db
      .transaction()
      .execute((trx) =>
        createDecisionMessages(trx, advisor, { personId: person, orientationId: orientation.id }),
      );
    const [letter] = (await messagesOf(person)).filter((m) => m.channel === 'letter');
    expect(letter!.body).toContain('PLIE Marseille Provence\n12 rue de l’Exemple, 13002 Marseille');
    expect(letter!.body).toContain('soumis aux droits et devoirs');
    expect(letter!.body).not.toContain('(e)');
    expect(letter!.body).not.toMatch(/Programme|sans objet/);
    const { text } = await pdfText(
      await renderLettersPdf(app.ctx, advisor, { messageIds: [r.letterMessageId!] }),
    );
    expect(text).toContain('12 rue de l’Exemple');
    expect(text).not.toMatch(/Programme|sans objet/);
    expect(text).not.toMatch(/[a-z]\(e\)/);
  });

  it('retries an e-mail while the SMTP server is down, then shows it failed with its error; "Renvoyer" sends it', async () => {
    const person = await createTestPerson(app, {
      firstName: 'Hugo',
      lastName: 'Marchand',
      sex: 'M',
      address: false,
      email: { value: 'hugo.marchand@exemple.test', consent: 'A' },
    });
    const appointmentId = await createTestAppointment(app, person, parisTimeInDays(11, 9, 0));
    await smtp.down();
    try {
      await convene(person, appointmentId);
      await tickNow(app);
      let [m] = await messagesOf(person);
      expect(m).toMatchObject({ status: 'pending', attempts: 1 });
      expect(m!.last_error).toMatch(/nouvel essai prévu/);
      for (let i = 0; i < 4; i++) await tickNow(app);
      [m] = await messagesOf(person);
      expect(m).toMatchObject({ status: 'failed', attempts: 5 });
      expect(m!.last_error).toBeTruthy();
      expect(m!.last_error).not.toMatch(/nouvel essai/);
      // More passes change nothing: the job is over.
      await tickNow(app);
      expect((await messagesOf(person))[0]!.attempts).toBe(5);

      const client = await loggedIn(app, 'orientation@parcours.test');
      const list = await client.get(`/api/persons/${person}/messages`);
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({
        channel: 'email',
        kind: 'convocation',
        status: 'failed',
        attempts: 5,
        recipient: 'hugo.marchand@exemple.test',
      });
      expect(list.body.items[0].lastError).toBeTruthy();
    } finally {
      await smtp.up();
    }
    const client = await loggedIn(app, 'orientation@parcours.test');
    const [m] = await messagesOf(person);
    const retried = await client.post(`/api/messaging/messages/${m!.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ id: m!.id, status: 'pending' });
    // Twice is refused: it is no longer failed.
    expect((await client.post(`/api/messaging/messages/${m!.id}/retry`)).status).toBe(409);
    await app.ctx.jobs.drain();
    expect((await messagesOf(person))[0]).toMatchObject({ status: 'sent', last_error: null, attempts: 6 });
    expect(smtp.received.filter((x) => x.to.includes('hugo.marchand@exemple.test'))).toHaveLength(1);

    // Out of scope or without the right: refused.
    const referent = await loggedIn(app, 'referent@parcours.test');
    expect((await referent.get(`/api/persons/${person}/messages`)).status).toBe(403);
    expect((await referent.post(`/api/messaging/messages/${m!.id}/retry`)).status).toBe(403);
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', person)
      .where('action', 'in', ['person.read', 'messaging.message_retried'])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['person.read', 'messaging.message_retried']),
    );
  });

  it('retries an SMS the provider refuses, until it accepts it', async () => {
    const person = await createTestPerson(app, {
      firstName: 'Chloé',
      lastName: 'Dumas',
      address: false,
      phone: { value: '+33 6 55 44 33 22', consent: 'A' },
    });
    const appointmentId = await createTestAppointment(app, person, parisTimeInDays(13, 11, 0));
    provider.fail({ status: 503, count: 2 });
    const refusedBefore = provider.refused;
    await convene(person, appointmentId);
    await tickNow(app);
    expect((await messagesOf(person))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await messagesOf(person))[0]!.last_error).toContain('HTTP 503');
    await tickNow(app);
    await tickNow(app);
    expect(provider.refused - refusedBefore).toBe(2);
    const [m] = await messagesOf(person);
    expect(m).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(provider.received.filter((s) => s.to === '+33655443322')).toHaveLength(1);
  });

  it('records delivery reports of the provider, authenticated by the shared secret', async () => {
    const p1 = await createTestPerson(app, {
      firstName: 'Yasmine',
      lastName: 'Haddad',
      phone: { value: '06 10 20 30 40', consent: 'A' },
    });
    const p2 = await createTestPerson(app, {
      firstName: 'Théo',
      lastName: 'Blanc',
      sex: 'M',
      phone: { value: '06 10 20 30 41', consent: 'A' },
    });
    for (const p of [p1, p2])
      await convene(p, await createTestAppointment(app, p, parisTimeInDays(14, 9, 0)));
    await app.ctx.jobs.drain();
    const smsOf = (to: string) => provider.received.find((s) => s.to === to)!;
    const delivered = smsOf('+33610203040');
    const undelivered = smsOf('+33610203041');
    const smsMessage = async (p: string) => (await messagesOf(p)).find((m) => m.channel === 'sms')!;

    // Wrong secret: 401, nothing recorded.
    expect(await provider.report(delivered.id, 'delivered', { secret: 'pas-le-bon-secret-du-tout' })).toBe(
      401,
    );
    expect((await smsMessage(p1)).status).toBe('sent');

    expect(await provider.report(delivered.id, 'delivered')).toBe(204);
    const m1 = await smsMessage(p1);
    expect(m1.status).toBe('delivered');
    expect(m1.delivered_at).not.toBeNull();
    // A late intermediate report does not undo the delivery.
    expect(await provider.report(delivered.id, 'sent')).toBe(204);
    expect((await smsMessage(p1)).status).toBe('delivered');
    const events = await app.ctx.db
      .selectFrom('message_delivery_event')
      .select(['status', 'provider_status'])
      .where('message_id', '=', m1.id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { status: 'delivered', provider_status: 'delivered' },
      { status: 'info', provider_status: 'sent' },
    ]);

    expect(await provider.report(undelivered.id, 'undelivered', { error: 'numéro inexistant' })).toBe(204);
    const m2 = await smsMessage(p2);
    expect(m2.status).toBe('failed');
    expect(m2.last_error).toContain('numéro inexistant');

    // Unknown id: 404 without detail.
    const unknown = await fetch(`${app.url}/api/messaging/callbacks/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${provider.callbackSecret}` },
      body: JSON.stringify({ id: 'prov-inconnu', status: 'delivered' }),
    });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe('Ressource introuvable.');
    // No secret at all, even with a malformed body: 401 first.
    const anonymous = await fetch(`${app.url}/api/messaging/callbacks/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(anonymous.status).toBe(401);

    // The person's messages show the states to the agent.
    const client = await loggedIn(app, 'orientation@parcours.test');
    const list = (await client.get(`/api/persons/${p2}/messages`)).body.items;
    expect(list.find((m: { channel: string }) => m.channel === 'sms')).toMatchObject({ status: 'failed' });
  });
});
