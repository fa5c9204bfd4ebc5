import { api } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { consumeSignatureCode, countWrongSignatureCode } from '../src/modules/access';
import { codeHash } from '../src/modules/access/domain/beneficiary-codes';
import { Client, engines, loggedIn } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';
import { BENEFICIARY, codeOf, contractSignedByReferent, linkOf, spaceWorld } from './support/space-fixtures';

/**
 * Issue 11, point 7: the space itself — only the person's own data, "je ne pourrai pas venir",
 * the signature code and the contract signed from the space, an agent opening a person's space.
 */
describe.each(engines)('beneficiary space: the space (%s)', (engine) => {
  const { w, requestSmsCode, signedInWithLink } = spaceWorld(engine);

  it('shows the w.person’s référent and own appointments, and nothing of agents or others', async () => {
    const client = await signedInWithLink();
    const overview = await client.call(api.space.overview);
    expect(overview.status).toBe(200);
    expect(overview.body.referent).toMatchObject({ name: w.referentName, email: 'referent@parcours.test' });
    const ids = overview.body.appointments.map((a) => a.id);
    expect(ids).toContain(w.ownAppointment);
    expect(ids).not.toContain(w.otherAppointment);
    expect(overview.body.signatureChannels).toEqual(['sms', 'email']);
    const read = await w.app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', w.person)
      .where('action', '=', 'person.read')
      .execute();
    expect(read.length).toBeGreaterThan(0);

    expect((await client.get('/api/persons/search?q=AUTRE')).status).toBe(403);
    expect((await client.get(`/api/persons/${w.other}`)).status).toBe(403);
    expect((await client.get('/api/agenda/slots')).status).toBe(403);
    expect((await client.get('/api/admin/accounts')).status).toBe(403);
    expect((await client.get('/api/worklist')).status).not.toBe(500);
    const agentOnSpace = new Client(w.app.url);
    await agentOnSpace.login('referent@parcours.test');
    expect((await agentOnSpace.call(api.space.overview)).status).toBe(403);
  });

  it('records "je ne pourrai pas venir": notice, timeline, e-mail to the référent; the appointment stays planned', async () => {
    const client = await signedInWithLink();
    const empty = await client.call(api.space.reportAbsence, {
      params: { id: w.ownAppointment },
      body: { reason: '   ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.error?.fields?.[0]?.message).toBe('Indiquez la raison en quelques mots.');
    const others = await client.call(api.space.reportAbsence, {
      params: { id: w.otherAppointment },
      body: { reason: 'Malade' },
    });
    expect(others.status).toBe(404);
    const res = await client.call(api.space.reportAbsence, {
      params: { id: w.ownAppointment },
      body: { reason: 'Je garde mon fils malade.' },
    });
    expect(res.status).toBe(201);
    const db = w.app.ctx.db;
    const notices = await db.selectFrom('appointment_notice').selectAll().execute();
    expect(notices.map((n) => n.appointment_id)).toEqual([w.ownAppointment]);
    const appointment = await db
      .selectFrom('appointment')
      .select('status')
      .where('id', '=', w.ownAppointment)
      .executeTakeFirstOrThrow();
    expect(appointment.status).toBe('planned');
    const line = await db
      .selectFrom('timeline_event')
      .select('data')
      .where('person_id', '=', w.person)
      .where('type', '=', 'appointment_notice')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(line.data)).toContain('Je garde mon fils malade.');
    const message = await db
      .selectFrom('message')
      .select(['recipient', 'kind', 'body'])
      .where('kind', '=', 'appointment_notice')
      .executeTakeFirstOrThrow();
    expect(message.recipient).toBe('referent@parcours.test');
    expect(message.body).toContain('Je garde mon fils malade.');
    const overview = await client.call(api.space.overview);
    const shown = overview.body.appointments.find((a) => a.id === w.ownAppointment);
    expect(shown?.notice?.reason).toBe('Je garde mon fils malade.');
    // The agents of the file see it, the appointment still planned (to reschedule).
    const referent = await loggedIn(w.app, 'referent@parcours.test');
    const seen = await referent.call(api.space.noticesOfPerson, { params: { id: w.person } });
    expect(seen.status).toBe(200);
    expect(seen.body.items).toEqual([
      expect.objectContaining({
        appointmentId: w.ownAppointment,
        appointmentStatus: 'planned',
        reason: 'Je garde mon fils malade.',
      }),
    ]);
    const notOwn = await client.call(api.space.noticesOfPerson, { params: { id: w.other } });
    expect(notOwn.status).toBe(403);
  });

  it('sends a signature code that works once, within its attempts', async () => {
    const client = await signedInWithLink();
    const sent = w.sms.received.length;
    const res = await client.call(api.space.requestSignatureCode, { body: { channel: 'sms' } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ channel: 'sms', sentTo: '06 •• •• •• 44', validMinutes: 10 });
    await w.app.ctx.jobs.drain();
    const text = w.sms.received.slice(sent)[0]!.text;
    expect(text).toMatch(/signer votre contrat/);
    const code = codeOf(text)!;
    const actor = { accountId: w.accountId };
    const wrong = code === '111111' ? '222222' : '111111';
    const attempt = w.app.ctx.db.transaction().execute((trx) => consumeSignatureCode(trx, actor, wrong));
    await expect(attempt).rejects.toThrow(/incorrect/);
    await countWrongSignatureCode(w.app.ctx, await attempt.catch((e) => e));
    const row = await w.app.ctx.db
      .selectFrom('beneficiary_login_token')
      .select(['id', 'attempts', 'hash'])
      .where('account_id', '=', w.accountId)
      .where('kind', '=', 'signature_code')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.hash).toBe(codeHash(row.id, code));
    await w.app.ctx.db.transaction().execute((trx) => consumeSignatureCode(trx, actor, code));
    await expect(
      w.app.ctx.db.transaction().execute((trx) => consumeSignatureCode(trx, actor, code)),
    ).rejects.toThrow(/déjà servi/);
    // The e-mail channel: to the account's address.
    const mails = w.smtp.received.length;
    const byMail = await client.call(api.space.requestSignatureCode, { body: { channel: 'email' } });
    expect(byMail.body.sentTo).toBe('b•••@parcours.test');
    await w.app.ctx.jobs.drain();
    expect(w.smtp.received.slice(mails).map((m) => m.to)).toEqual([[BENEFICIARY]]);
  });

  it('signs a proposed contract with the code received by SMS; a stale hash changes nothing', async () => {
    const { contractId, version: v } = await contractSignedByReferent(
      w.app,
      w.person,
      'Suivre la formation.',
    );

    const client = await signedInWithLink();
    const contracts = await client.call(api.contracts.listForPerson, { params: { id: w.person } });
    expect(contracts.body.items.map((c) => c.id)).toContain(contractId);
    const sent = w.sms.received.length;
    expect((await client.call(api.space.requestSignatureCode, { body: { channel: 'sms' } })).status).toBe(
      202,
    );
    await w.app.ctx.jobs.drain();
    const code = codeOf(w.sms.received.slice(sent)[0]!.text)!;
    const signWith = (contentHash: string) =>
      client.call(api.contracts.signInSpace, {
        params: { id: contractId },
        body: { versionNumber: v.number, contentHash, code, statementAccepted: true },
      });
    const stale = await signWith('a'.repeat(64));
    expect(stale.status).toBe(409);
    // Nothing changed: not signed, and the code is still unused.
    const token = await w.app.ctx.db
      .selectFrom('beneficiary_login_token')
      .select(['used_at', 'attempts'])
      .where('account_id', '=', w.accountId)
      .where('kind', '=', 'signature_code')
      .executeTakeFirstOrThrow();
    expect(token).toEqual({ used_at: null, attempts: 0 });
    const signed = await signWith(v.contentHash!);
    expect(signed.status, signed.text).toBe(200);
    expect(signed.body.status).toBe('in_force');
    expect(signed.body.versions[0]).toMatchObject({ personSignatureMethod: 'beneficiary_space' });
    expect(signed.body.versions[0]!.personSignedAt).not.toBeNull();
  });

  it('lets an agent open the space of a w.person from the file: account, link, SMS only, refusals', async () => {
    const admin = await loggedIn(w.app, 'admin@parcours.test');
    const db = w.app.ctx.db;
    const withMail = await createTestPerson(w.app, {
      firstName: 'Nina',
      lastName: 'NOUVELLE',
      email: { value: 'nina.nouvelle@exemple.fr', consent: 'I' },
    });
    const sent = w.smtp.received.length;
    const opened = await admin.call(api.space.openForPerson, { params: { id: withMail }, body: {} });
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toEqual({
      created: true,
      email: 'nina.nouvelle@exemple.fr',
      linkSent: true,
      smsPossible: false,
    });
    await w.app.ctx.jobs.drain();
    const mails = w.smtp.received.slice(sent).filter((m) => linkOf(m.raw));
    expect(mails.map((m) => m.to)).toEqual([['nina.nouvelle@exemple.fr']]);
    const again = await admin.call(api.space.openForPerson, { params: { id: withMail }, body: {} });
    expect(again.body.created).toBe(false);
    const accounts = await db.selectFrom('account').select('id').where('person_id', '=', withMail).execute();
    expect(accounts).toHaveLength(1);
    const line = await db
      .selectFrom('timeline_event')
      .select('type')
      .where('person_id', '=', withMail)
      .where('type', '=', 'space_opened')
      .execute();
    expect(line).toHaveLength(2);

    // SMS only: no e-mail anywhere, a mobile in the coordinates; sign-in by code works.
    const smsOnly = await createTestPerson(w.app, {
      firstName: 'Sami',
      lastName: 'PORTABLE',
      phone: { value: '07 55 44 33 22', consent: 'A' },
    });
    const bySms = await admin.call(api.space.openForPerson, { params: { id: smsOnly }, body: { email: '' } });
    expect(bySms.body).toEqual({ created: true, email: null, linkSent: false, smsPossible: true });
    const { received } = await requestSmsCode('07 55 44 33 22');
    const code = codeOf(received[0]!.text)!;
    const signedIn = await new Client(w.app.url).call(api.space.signInWithCode, {
      body: { phone: '07 55 44 33 22', code },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.actor.personId).toBe(smsOnly);

    // Nothing to reach the w.person with, or an e-mail of another account: refused, nothing created.
    const unreachable = await createTestPerson(w.app, { firstName: 'Paul', lastName: 'INJOIGNABLE' });
    const none = await admin.call(api.space.openForPerson, { params: { id: unreachable }, body: {} });
    expect(none.status).toBe(422);
    expect(none.error?.fields?.[0]?.path).toBe('email');
    const taken = await admin.call(api.space.openForPerson, {
      params: { id: unreachable },
      body: { email: 'referent@parcours.test' },
    });
    expect(taken.status).toBe(409);
    expect(taken.error?.fields?.[0]?.path).toBe('email');
    expect(
      await db.selectFrom('account').select('id').where('person_id', '=', unreachable).execute(),
    ).toEqual([]);
    // The beneficiary cannot open spaces.
    const beneficiary = await signedInWithLink();
    const refused = await beneficiary.call(api.space.openForPerson, {
      params: { id: unreachable },
      body: {},
    });
    expect(refused.status).toBe(403);
  });
});
