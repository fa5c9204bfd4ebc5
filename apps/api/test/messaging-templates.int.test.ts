import { beforeAll, describe, expect, it } from 'vitest';
import { createMessage } from '../src/modules/messaging/application/compose';
import { createConvocationMessages } from '../src/modules/messaging/application/convocations';
import { createDueReminders } from '../src/modules/messaging/application/reminders';
import { REMINDER_QUEUE } from '../src/modules/messaging/infra/outbox';
import { engines, loggedIn, startTestApp } from './support/harness';
import {
  actorOf,
  createTestAppointment,
  createTestPerson,
  parisTimeInDays,
} from './support/messaging-fixtures';

describe.each(engines)('messaging: templates and reminders (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    // No SMTP nor SMS provider: the embedded fallbacks (stream transport, SMS files) are used.
    app = await startTestApp(engine);
  });

  it('lists the default templates of the département to administrators only', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const res = await admin.get('/api/messaging/templates');
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { code: string; channel: string }) => `${t.code}/${t.channel}`)).toEqual([
      'orientation_convocation/letter',
      'orientation_convocation/email',
      'orientation_convocation/sms',
      'appointment_reminder/email',
      'appointment_reminder/sms',
      'orientation_decision/letter',
      'orientation_decision/email',
      'referent_change/email',
      'referent_change/sms',
      'referent_change_referent/email',
      'appointment_notice_referent/email',
      'sanction_prior_notice/letter',
      'sanction_prior_notice/email',
      'sanction_prior_notice/sms',
      'sanction_decision/letter',
      'sanction_decision/email',
      'ep_invitation/letter',
      'ep_invitation/email',
      'reinstatement_decision/letter',
      'reinstatement_decision/email',
    ]);
    const sms = res.body.items.find((t: { channel: string }) => t.channel === 'sms');
    expect(sms.sms.segments).toBeGreaterThanOrEqual(1);
    expect(sms.subject).toBeNull();
    expect(sms.placeholders.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['civilite', 'nom', 'date_rdv', 'heure_rdv', 'lieu_rdv']),
    );
    const decision = res.body.items.find((t: { code: string }) => t.code === 'orientation_decision');
    expect(decision.placeholders.map((p: { name: string }) => p.name)).toContain('parcours');
    expect(decision.codeLabel).toBe("Notification de la décision d'orientation");

    const advisor = await loggedIn(app, 'orientation@parcours.test');
    expect((await advisor.get('/api/messaging/templates')).status).toBe(403);
    expect(
      (await advisor.put(`/api/messaging/templates/${sms.id}`, { subject: null, body: 'x', version: 1 }))
        .status,
    ).toBe(403);
  });

  it('refuses an unknown placeholder or an empty text with a French message naming it, and saves nothing', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const items = (await admin.get('/api/messaging/templates')).body.items;
    const email = items.find(
      (t: { code: string; channel: string }) => t.code === 'appointment_reminder' && t.channel === 'email',
    );
    const sms = items.find(
      (t: { code: string; channel: string }) => t.code === 'appointment_reminder' && t.channel === 'sms',
    );

    const unknown = await admin.put(`/api/messaging/templates/${email.id}`, {
      subject: email.subject,
      body: 'Bonjour {{prenom}}, votre numéro allocataire {{numero_allocataire}}.',
      version: email.version,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_ERROR');
    expect(unknown.body.error.fields).toHaveLength(1);
    expect(unknown.body.error.fields[0].path).toBe('body');
    expect(unknown.body.error.fields[0].message).toContain('{{numero_allocataire}}');
    expect(unknown.body.error.message).toContain('{{numero_allocataire}}');

    const inSubject = await admin.put(`/api/messaging/templates/${email.id}`, {
      subject: 'Rappel {{parcours}}',
      body: email.body,
      version: email.version,
    });
    expect(inSubject.status).toBe(400);
    expect(inSubject.body.error.fields[0]).toMatchObject({ path: 'subject' });
    expect(inSubject.body.error.fields[0].message).toContain('{{parcours}}');

    const empty = await admin.put(`/api/messaging/templates/${sms.id}`, {
      subject: null,
      body: '   ',
      version: sms.version,
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0]).toMatchObject({
      path: 'body',
      message: 'Le texte du message est obligatoire.',
    });

    const after = await admin.get(`/api/messaging/templates/${email.id}`);
    expect(after.body).toMatchObject({ body: email.body, subject: email.subject, version: email.version });
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'messaging.template_updated')
      .execute();
    expect(audit).toHaveLength(0);
  });

  it('previews with sample data, saves with optimistic concurrency, and the next messages use the new text', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const items = (await admin.get('/api/messaging/templates')).body.items;
    const sms = items.find(
      (t: { code: string; channel: string }) => t.code === 'orientation_convocation' && t.channel === 'sms',
    );
    const body =
      'RSA : {{civilite}} {{nom}}, RDV le {{date_rdv}} à {{heure_rdv}}, {{lieu_rdv}}. Merci de venir.';

    const preview = await admin.post(`/api/messaging/templates/${sms.id}/preview`, { subject: null, body });
    expect(preview.status).toBe(200);
    expect(preview.body.body).toContain('Madame EXEMPLE');
    expect(preview.body.body).toContain('9 h 30');
    expect(preview.body.body).not.toContain('{{');
    expect(preview.body.sms).toMatchObject({ segments: expect.any(Number), encoding: expect.any(String) });
    const badPreview = await admin.post(`/api/messaging/templates/${sms.id}/preview`, {
      subject: null,
      body: '{{inconnue}}',
    });
    expect(badPreview.status).toBe(400);
    expect(badPreview.body.error.fields[0].message).toContain('{{inconnue}}');

    const saved = await admin.put(`/api/messaging/templates/${sms.id}`, {
      subject: null,
      body,
      version: sms.version,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ body, version: sms.version + 1, updatedByName: expect.any(String) });
    const stale = await admin.put(`/api/messaging/templates/${sms.id}`, {
      subject: null,
      body: `${body} Bis.`,
      version: sms.version,
    });
    expect(stale.status).toBe(409);
    expect((await admin.get(`/api/messaging/templates/${sms.id}`)).body.body).toBe(body);

    const person = await createTestPerson(app, {
      firstName: 'Agathe',
      lastName: 'Colin',
      phone: { value: '06 98 76 54 32', consent: 'A' },
    });
    const appointmentId = await createTestAppointment(app, person, parisTimeInDays(20, 9, 30));
    const advisor = await actorOf(app, 'orientation@parcours.test');
    await app.ctx.db
      .transaction()
      .execute((trx) => createConvocationMessages(trx, advisor, { personId: person, appointmentId }));
    const m = await app.ctx.db
      .selectFrom('message')
      .select('body')
      .where('person_id', '=', person)
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(m.body).toMatch(
      /^RSA : Madame Colin, RDV le .* à 9 h 30, Pôle d'insertion Marseille 2\/3.*Merci de venir\.$/,
    );
  });

  it('reminds planned appointments within the lead time once, by e-mail and SMS, on the queue schedule', async () => {
    const schedule = await app.ctx.db
      .selectFrom('schedule')
      .selectAll()
      .where('queue', '=', REMINDER_QUEUE)
      .executeTakeFirstOrThrow();
    expect(schedule.cron).toBe('*/15 * * * *');

    const contacts = {
      email: { value: 'rappel@exemple.test', consent: 'A' as const },
      phone: { value: '07 12 12 12 12', consent: 'A' as const },
    };
    const soon = new Date(Date.now() + 24 * 3_600_000);
    const reachable = await createTestPerson(app, {
      firstName: 'Rémi',
      lastName: 'Aubert',
      sex: 'M',
      ...contacts,
    });
    const due = await createTestAppointment(app, reachable, soon);
    const later = await createTestAppointment(app, reachable, new Date(Date.now() + 72 * 3_600_000));
    const past = await createTestAppointment(app, reachable, new Date(Date.now() - 2 * 3_600_000));
    const other = await createTestPerson(app, { firstName: 'Zoé', lastName: 'Noël', ...contacts });
    const cancelled = await createTestAppointment(app, other, soon, { status: 'cancelled' });
    const refusing = await createTestPerson(app, {
      firstName: 'Jean',
      lastName: 'Petit',
      sex: 'M',
      email: { value: 'jean.petit@exemple.test', consent: 'R' },
      phone: { value: '06 01 01 01 01', consent: 'I' },
    });
    const noConsent = await createTestAppointment(app, refusing, soon);

    await app.ctx.jobs.enqueue(app.ctx.db, REMINDER_QUEUE, {});
    await app.ctx.jobs.drain();
    const reminders = () =>
      app.ctx.db
        .selectFrom('message')
        .select(['appointment_id', 'channel', 'status', 'body', 'recipient'])
        .where('kind', '=', 'reminder')
        .where('appointment_id', 'in', [due, later, past, cancelled, noConsent])
        .orderBy('channel')
        .execute();
    const first = await reminders();
    expect(first.map((r) => [r.appointment_id, r.channel])).toEqual([
      [due, 'email'],
      [due, 'sms'],
    ]);
    // Sent through the embedded fallbacks.
    expect(first.every((r) => r.status === 'sent')).toBe(true);
    expect(first.find((r) => r.channel === 'sms')).toMatchObject({ recipient: '+33712121212' });
    expect(first[0]!.body).toContain('Monsieur Aubert');
    const timeline = await app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'data'])
      .where('person_id', '=', reachable)
      .where('type', '=', 'reminder')
      .execute();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]!.data).toMatchObject({ appointmentId: due });

    // Run again, by the queue and directly: nothing more.
    await app.ctx.jobs.enqueue(app.ctx.db, REMINDER_QUEUE, {});
    await app.ctx.jobs.drain();
    expect(await createDueReminders(app.ctx, '13')).toBe(0);
    expect(await reminders()).toHaveLength(2);
    // Two runs at once still remind once (row lock and unique index).
    const twin = await createTestPerson(app, { firstName: 'Léo', lastName: 'Faure', sex: 'M', ...contacts });
    const twinAppointment = await createTestAppointment(app, twin, soon);
    const counts = await Promise.all([createDueReminders(app.ctx, '13'), createDueReminders(app.ctx, '13')]);
    expect(counts[0]! + counts[1]!).toBe(1);
    const twinReminders = await app.ctx.db
      .selectFrom('message')
      .select('id')
      .where('appointment_id', '=', twinAppointment)
      .where('kind', '=', 'reminder')
      .execute();
    expect(twinReminders).toHaveLength(2);
  });

  it('waits to remind a person convened by SMS less than 24 hours ago, then reminds them', async () => {
    const person = await createTestPerson(app, {
      firstName: 'Inès',
      lastName: 'Garnier',
      phone: { value: '07 34 34 34 34', consent: 'A' },
    });
    const startsAt = new Date(Date.now() + 30 * 3_600_000);
    const appointment = await createTestAppointment(app, person, startsAt);
    await createMessage(app.ctx.db, {
      departmentCode: '13',
      actorAccountId: null,
      personId: person,
      kind: 'convocation',
      templateCode: 'orientation_convocation',
      channel: 'sms',
      recipient: '+33734343434',
      values: {},
      appointmentId: appointment,
    });
    const reminded = () =>
      app.ctx.db
        .selectFrom('message')
        .select('channel')
        .where('appointment_id', '=', appointment)
        .where('kind', '=', 'reminder')
        .execute();
    // Just convened: no reminder, though the appointment is within the 48 h.
    await createDueReminders(app.ctx, '13');
    expect(await reminded()).toEqual([]);
    // A run 25 h later (appointment 5 h ahead, convocation 25 h old) reminds.
    await createDueReminders(app.ctx, '13', new Date(Date.now() + 25 * 3_600_000));
    expect(await reminded()).toEqual([{ channel: 'sms' }]);
  });
});
