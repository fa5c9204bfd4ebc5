import { api, type SanctionCase } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { letterDate } from '../src/modules/sanctions/application/letters';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import {
  createTestPerson,
  download,
  mailText,
  pdfText,
  sessionCookie,
  startControllableSmtp,
} from './support/messaging-fixtures';
import { seedCase, seedFailure } from './support/sanction-fixtures';
import { type SmsProvider, startSmsProvider } from './support/sms-provider';

/*
 * Issue 14, points 2 and 7: the prior notice goes out as a letter (a real PDF), an e-mail through
 * SMTP and an SMS, from templates administrators edit; the notification sends the decision letter.
 */
describe.each(engines)('sanction letters (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let smtp: Awaited<ReturnType<typeof startControllableSmtp>>;
  let provider: SmsProvider;
  let ep: Client;
  let admin: Client;
  let cookie: string;
  const today = parisToday();
  const day = (n: number) => addCalendarDays(today, n);

  beforeAll(async () => {
    smtp = await startControllableSmtp();
    provider = await startSmsProvider();
    app = await startTestApp(engine, {
      smtpUrl: smtp.url,
      smsProviderUrl: provider.url,
      smsProviderToken: provider.token,
      smsCallbackSecret: provider.callbackSecret,
    });
    ep = await loggedIn(app, 'ep@parcours.test');
    admin = await loggedIn(app, 'admin@parcours.test');
    cookie = await sessionCookie(app, 'ep@parcours.test');
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await provider?.close();
  });

  const messagesOf = (caseId: string) =>
    app.ctx.db
      .selectFrom('message')
      .selectAll()
      .where('sanction_case_id', '=', caseId)
      .orderBy('created_at')
      .execute();

  /** A person with a failure whose facts are 20 days old, and a case opened on it. */
  async function openedCase(person: Parameters<typeof createTestPerson>[1]) {
    const personId = await createTestPerson(app, person);
    const failureId = await seedFailure(app, personId, 'to_examine', day(-20));
    const opened = await ep.call(api.sanctionCases.openCase, {
      params: { id: personId },
      body: { failureId },
    });
    expect(opened.status, opened.text).toBe(201);
    return { personId, c: opened.body as SanctionCase };
  }

  async function sendNotice(personId: string, c: SanctionCase, sentOn = today) {
    const res = await ep.call(api.sanctionCases.sendNotice, {
      params: { id: personId, caseId: c.id },
      body: { version: c.version, sentOn },
    });
    expect(res.status, res.text).toBe(200);
    return res.body;
  }

  it('sends the prior notice as a letter (PDF), an e-mail through SMTP and an SMS', async () => {
    const { personId, c } = await openedCase({
      firstName: 'Nora',
      lastName: 'Préavis',
      sex: 'F',
      email: { value: 'nora.preavis@exemple.test', consent: 'A' },
      phone: { value: '06 12 34 56 70', consent: 'A' },
    });
    const sent = await sendNotice(personId, c, day(-1));
    const deadline = sent.observationsDeadline!;
    const messages = await messagesOf(c.id);
    expect(messages.map((m) => [m.kind, m.channel, m.template_code, m.status])).toEqual([
      ['sanction_notice', 'letter', 'sanction_prior_notice', 'generated'],
      ['sanction_notice', 'email', 'sanction_prior_notice', 'pending'],
      ['sanction_notice', 'sms', 'sanction_prior_notice', 'pending'],
    ]);
    expect(messages.every((m) => m.person_id === personId)).toBe(true);

    // The letter: a real PDF, dated the notice's day, with the facts, the deadline and the rights.
    const letter = messages.find((m) => m.channel === 'letter')!;
    const pdf = await download(app, cookie, `/api/messaging/messages/${letter.id}/letter.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain('application/pdf');
    expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
    const { text } = await pdfText(pdf.body);
    expect(text).toContain(letterDate(day(-20)));
    expect(text).toContain(letterDate(deadline));
    expect(text).toContain(`le ${letterDate(day(-1))}`);
    expect(text).toMatch(/vous faire assister, lors de cet entretien, par la personne de votre choix/);
    expect(text).toMatch(/droit d.être entendue/);
    expect(text).toMatch(/suspension d.au moins 30 %/);
    // The read is audited as any letter's.
    const reads = await app.ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'person.read')
      .where('person_id', '=', personId)
      .execute();
    expect(reads.length).toBeGreaterThan(0);
    // The case's letters in one PDF, the read audited; a case asked for under another person: 404.
    const all = await download(app, cookie, `/api/persons/${personId}/sanction-cases/${c.id}/letters.pdf`);
    expect(all.status).toBe(200);
    expect(all.body.subarray(0, 4).toString()).toBe('%PDF');
    expect((await pdfText(all.body)).text).toContain(letterDate(deadline));
    const caseReads = await app.ctx.db
      .selectFrom('audit_event')
      .select('reason')
      .where('action', '=', 'person.read')
      .where('person_id', '=', personId)
      .execute();
    expect(caseReads.map((r) => r.reason)).toContain('courriers de la procédure de sanction');
    const other = await createTestPerson(app, { firstName: 'Autre', lastName: 'Personne' });
    const wrong = await download(app, cookie, `/api/persons/${other}/sanction-cases/${c.id}/letters.pdf`);
    expect(wrong.status).toBe(404);
    // The step's trace names the messages it sent.
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'sanction.notice_sent')
      .where('target_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect((trace.details as { messageIds: string[] }).messageIds).toEqual(messages.map((m) => m.id));

    // The e-mail is delivered by the send job to the SMTP server; the SMS to the provider.
    await app.ctx.jobs.drain();
    const mail = smtp.received.find((m) => m.to.includes('nora.preavis@exemple.test'));
    expect(mail, 'e-mail delivered').toBeDefined();
    const body = mailText(mail!.raw);
    expect(body).toContain(letterDate(deadline));
    expect(body).toContain('personne de votre choix');
    const sms = provider.received.filter((s) => s.to === '+33612345670');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain(letterDate(deadline));
    const after = await messagesOf(c.id);
    expect(after.find((m) => m.channel === 'email')!.status).toBe('sent');
  });

  it('sends no SMS without a mobile and consent, and no e-mail without consent', async () => {
    const refused = await openedCase({
      firstName: 'Paul',
      lastName: 'Refus',
      sex: 'M',
      email: { value: 'paul.refus@exemple.test', consent: 'R' },
      phone: { value: '06 11 22 33 44', consent: 'R' },
    });
    await sendNotice(refused.personId, refused.c);
    expect((await messagesOf(refused.c.id)).map((m) => m.channel)).toEqual(['letter']);

    const landline = await openedCase({
      firstName: 'Léa',
      lastName: 'Fixe',
      email: { value: 'lea.fixe@exemple.test', consent: 'A' },
      phone: { value: '04 91 00 00 01', consent: 'A' },
    });
    await sendNotice(landline.personId, landline.c);
    expect((await messagesOf(landline.c.id)).map((m) => m.channel)).toEqual(['letter', 'email']);

    // Nobody to write to: the step is recorded, no message.
    const unreachable = await openedCase({ firstName: 'Yves', lastName: 'Sansadresse', address: false });
    const sent = await sendNotice(unreachable.personId, unreachable.c);
    expect(sent.status).toBe('notice_sent');
    expect(await messagesOf(unreachable.c.id)).toEqual([]);
  });

  it('uses the template as an administrator edited it for the next notice', async () => {
    const items = (await admin.call(api.messaging.listTemplates, {})).body.items;
    const letter = items.find((t) => t.code === 'sanction_prior_notice' && t.channel === 'letter')!;
    expect(letter.codeLabel).toMatch(/Information préalable/);
    expect(letter.placeholders.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'faits',
        'date_faits',
        'sanction_encourue',
        'date_limite_observations',
        'contact',
      ]),
    );
    const preview = await admin.call(api.messaging.previewTemplate, {
      params: { id: letter.id },
      body: { subject: letter.subject, body: letter.body },
    });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.body).not.toContain('{{');

    const edited = `${letter.body}\n\nMention ajoutée par le département : permanence le mardi matin.`;
    const saved = await admin.call(api.messaging.updateTemplate, {
      params: { id: letter.id },
      body: { subject: letter.subject, body: edited, version: letter.version },
    });
    expect(saved.status, saved.text).toBe(200);

    const { personId, c } = await openedCase({ firstName: 'Inès', lastName: 'Modèle' });
    await sendNotice(personId, c);
    const [m] = await messagesOf(c.id);
    expect(m!.body).toContain('permanence le mardi matin');
    const pdf = await download(app, cookie, `/api/messaging/messages/${m!.id}/letter.pdf`);
    expect((await pdfText(pdf.body)).text).toContain('permanence le mardi matin');
  });

  it('sends the decision letter and e-mail when the decision is notified', async () => {
    const personId = await createTestPerson(app, {
      firstName: 'Marc',
      lastName: 'Décision',
      sex: 'M',
      email: { value: 'marc.decision@exemple.test', consent: 'A' },
      phone: { value: '06 98 76 54 32', consent: 'A' },
    });
    const caseId = await seedCase(app, personId, 'decided', {
      decision_kind: 'sanction',
      percent: 50,
      months: 2,
      decided_on: today,
      decision_reason: 'Absence répétée sans motif légitime.',
    });
    const res = await ep.call(api.sanctionCases.notify, {
      params: { id: personId, caseId },
      body: { version: 1, notifiedOn: today },
    });
    expect(res.status, res.text).toBe(200);
    const messages = await messagesOf(caseId);
    // The decision has no SMS template: letter and e-mail only.
    expect(messages.map((m) => [m.kind, m.channel])).toEqual([
      ['sanction_decision', 'letter'],
      ['sanction_decision', 'email'],
    ]);
    const pdf = await download(app, cookie, `/api/messaging/messages/${messages[0]!.id}/letter.pdf`);
    expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
    const { text } = await pdfText(pdf.body);
    expect(text).toContain(
      'de suspendre 50 % de votre allocation de revenu de solidarité active pendant 2 mois',
    );
    expect(text).toContain('en signant votre contrat d’engagement');
    expect(text).toContain('recours administratif préalable');
    expect(text).toContain('Motif : Absence répétée sans motif légitime');
  });
});
