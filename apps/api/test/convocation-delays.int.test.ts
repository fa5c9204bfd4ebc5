import { api } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConvocationMessages, createMessageBatch } from '../src/modules/messaging';
import { parisDate, parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import {
  actorOf,
  createTestAppointment,
  createTestPerson,
  parisTimeInDays,
  pdfText,
} from './support/messaging-fixtures';

/*
 * Issue 10, point 2: the agent chooses the date; minimum delays per channel are dated
 * configuration; a batch refuses or moves persons who cannot be reached in time, saying so;
 * letters carry the pôle's phone and e-mail; a postal batch prints as one PDF and is posted once.
 */
describe.each(engines)('convocations with minimum delays and postal batches (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let advisor: Client;
  let admin: Client;
  let hubId: string;
  let post: string; // reachable by post only
  let mail: string; // post and e-mail
  let sms: string; // post and SMS
  const slot = async (kind: 'individual' | 'collective', startsAt: Date, capacity = 1) =>
    (
      await app.ctx.db
        .insertInto('agenda_slot')
        .values({
          department_code: '13',
          hub_id: hubId,
          kind,
          purpose: 'orientation',
          starts_at: startsAt,
          ends_at: new Date(startsAt.getTime() + 1_800_000),
          place: 'Pôle d’insertion Marseille 2/3, 14 rue Félix Pyat, 13003 Marseille',
          capacity,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const appointmentsOf = (personId: string) =>
    app.ctx.db
      .selectFrom('appointment')
      .select(['id', 'starts_at', 'slot_id'])
      .where('person_id', '=', personId)
      .where('status', '=', 'planned')
      .execute();

  beforeAll(async () => {
    app = await startTestApp(engine);
    advisor = await loggedIn(app, 'orientation@parcours.test');
    admin = await loggedIn(app, 'admin@parcours.test');
    hubId = (
      await app.ctx.db
        .selectFrom('insertion_hub')
        .select('id')
        .where('code', '=', 'marseille-2-3')
        .executeTakeFirstOrThrow()
    ).id;
    // The demo gives each pôle its office; these are the contacts the letters must carry.
    const office = await app.ctx.db
      .updateTable('structure')
      .set({
        name: 'Pôle d’insertion Marseille 2/3 — accueil',
        address: '14 rue Félix Pyat, 13003 Marseille',
        phone: '04 91 55 12 34',
        email: 'pole.marseille23@exemple.test',
      })
      .where('kind', '=', 'insertion_hub_office')
      .where('hub_id', '=', hubId)
      .executeTakeFirst();
    if (Number(office.numUpdatedRows) !== 1) throw new Error('the demo has no office for this pôle');
    post = await createTestPerson(app, { firstName: 'Paul', lastName: 'Courrier', sex: 'M' });
    mail = await createTestPerson(app, {
      firstName: 'Inès',
      lastName: 'Messagerie',
      email: { value: 'ines.messagerie@exemple.test', consent: 'A' },
    });
    sms = await createTestPerson(app, {
      firstName: 'Samir',
      lastName: 'Portable',
      sex: 'M',
      phone: { value: '06 12 34 56 78', consent: 'A' },
    });
  });

  it('shows each person’s channels and the earliest appointment each reaches in time', async () => {
    const before = Date.now();
    const res = await advisor.call(api.orientation.previewConvocation, { body: { personIds: [post, mail] } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.rule).toMatchObject({ letterDays: 5, emailHours: 48, smsHours: 48 });
    const [p, m] = res.body.persons;
    expect(p!.channels.map((c) => c.channel)).toEqual(['letter']);
    // A letter: five Paris calendar days after today.
    expect(parisDate(new Date(p!.earliestAt!))).toBe(parisDate(parisTimeInDays(5, 12, 0)));
    const mailAt = new Date(m!.earliestAt!).getTime();
    expect(mailAt).toBeGreaterThanOrEqual(before + 48 * 3_600_000);
    expect(mailAt).toBeLessThan(Date.now() + 48 * 3_600_000 + 1000);
    expect(res.body.earliestForAll).toBe(p!.earliestAt);
  });

  it('refuses the issue’s case — a convocation for tomorrow morning — naming who and why', async () => {
    const tomorrow = await slot('collective', parisTimeInDays(1, 9, 0), 10);
    const res = await advisor.call(api.orientation.convokeBatch, {
      body: { personIds: [post, mail], slotId: tomorrow },
    });
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('TOO_LATE');
    expect(res.error?.message).toMatch(/^2 personnes ne peuvent pas être prévenues à temps/);
    expect(res.error?.message).toContain(
      'Paul Courrier, joignable seulement par courrier (5 jours) : pas de rendez-vous possible avant le ',
    );
    expect(res.error?.message).toContain(
      'Inès Messagerie, joignable par courrier (5 jours), e-mail (48 h) : pas de rendez-vous possible avant le ',
    );
    expect(await appointmentsOf(post)).toHaveLength(0);
    expect(await appointmentsOf(mail)).toHaveLength(0);
  });

  it('moves a person the chosen date is too close for, uses only the channels in time, and says so', async () => {
    const inThreeDays = await slot('collective', parisTimeInDays(3, 10, 0), 10);
    await slot('individual', parisTimeInDays(7, 9, 30));
    const res = await advisor.call(api.orientation.convokeBatch, {
      body: { personIds: [post, mail], slotId: inThreeDays, late: 'move' },
    });
    expect(res.status, res.text).toBe(201);
    const byPerson = new Map(res.body.convocations.map((c) => [c.personId, c]));
    // The e-mail reaches Inès in time; her letter would not: it is not prepared.
    expect(byPerson.get(mail)).toMatchObject({ channels: ['email'], tooLate: ['letter'] });
    expect((await appointmentsOf(mail))[0]?.slot_id).toBe(inThreeDays);
    // Paul, reachable by post only, gets the first individual slot after the postal delay.
    expect(byPerson.get(post)).toMatchObject({ channels: ['letter'], tooLate: [] });
    const moved = new Date((await appointmentsOf(post))[0]!.starts_at!);
    expect(parisDate(moved) >= parisDate(parisTimeInDays(5, 12, 0))).toBe(true);
    expect(moved.getTime()).toBeLessThanOrEqual(parisTimeInDays(7, 9, 30).getTime());
    expect(res.body.moved).toEqual([
      expect.objectContaining({
        personId: post,
        name: 'Paul Courrier',
        reason: expect.stringMatching(/5 jours/),
      }),
    ]);
    expect(res.body.summary).toMatch(
      /^2 personnes convoquées\. 1 personne a reçu un rendez-vous plus tardif/,
    );
    expect(res.body.summary).toContain('1 courrier à imprimer et à poster');

    // The letter carries the pôle's address, phone and e-mail, and is dated the day it is printed.
    const pdf = await advisor.bytes(res.body.lettersUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(pdf.body);
    expect(pages).toBe(1);
    expect(text).toContain('Monsieur Paul Courrier');
    expect(text).not.toContain('Inès');
    expect(text).toContain('Tél. : 04 91 55 12 34 · E-mail : pole.marseille23@exemple.test');
    expect(text).toContain('par téléphone au 04 91 55 12 34 ou par e-mail à pole.marseille23@exemple.test');
  });

  it('takes the agent’s date for individual slots: none before it', async () => {
    // After the demo agenda's day (its last interview ends at 16:15): its slots never come first.
    const early = await slot('individual', parisTimeInDays(3, 16, 30));
    const chosen = await slot('individual', parisTimeInDays(3, 17, 30));
    const res = await advisor.call(api.orientation.convokeBatch, {
      body: {
        personIds: [sms],
        nextIndividualSlots: true,
        notBefore: parisTimeInDays(3, 17, 0).toISOString(),
      },
    });
    expect(res.status, res.text).toBe(201);
    const [appointment] = await appointmentsOf(sms);
    expect(appointment?.slot_id).toBe(chosen);
    expect(appointment?.slot_id).not.toBe(early);
    expect(res.body.convocations[0]).toMatchObject({ channels: ['sms'], tooLate: ['letter'] });
    expect(res.body.moved).toEqual([]);
  });

  it('lists the batch to post, marks it posted once, letters sent and each person’s timeline told', async () => {
    const list = await advisor.call(api.messaging.listBatches, { query: { status: 'prepared' } });
    expect(list.status).toBe(200);
    const batch = list.body.items.find((b) => b.letterCount === 1 && b.status === 'prepared');
    expect(batch).toBeDefined();
    const detail = await advisor.call(api.messaging.getBatch, { params: { id: batch!.id } });
    expect(detail.body.letters.map((l) => l.personName)).toEqual(['Paul Courrier']);
    // Every letter still to post in the advisor's scope, in one PDF.
    const pending = await advisor.bytes('/api/messaging/letters-to-post.pdf');
    expect(pending.status).toBe(200);
    expect(pending.headers.get('content-type')).toBe('application/pdf');
    expect((await pdfText(pending.body)).text).toContain('Monsieur Paul Courrier');

    const posted = await advisor.call(api.messaging.markBatchPosted, {
      params: { id: batch!.id },
      body: { version: batch!.version },
    });
    expect(posted.status, posted.text).toBe(200);
    expect(posted.body).toMatchObject({
      status: 'posted',
      postedOn: parisToday(),
      postedByName: expect.any(String),
    });
    expect(posted.body.letters[0]?.status).toBe('sent');
    const timeline = await app.ctx.db
      .selectFrom('timeline_event')
      .select('type')
      .where('person_id', '=', post)
      .where('type', '=', 'letter_posted')
      .execute();
    expect(timeline).toHaveLength(1);
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'messaging.batch_posted')
      .where('target_id', '=', batch!.id)
      .execute();
    expect(trace).toHaveLength(1);

    // Nothing of the advisor's scope is left to post.
    const none = await advisor.bytes('/api/messaging/letters-to-post.pdf');
    expect(none.status).toBe(200);
    expect((await pdfText(none.body)).text).toContain('Courriers à poster : aucun courrier à imprimer.');

    const again = await advisor.call(api.messaging.markBatchPosted, {
      params: { id: batch!.id },
      body: { version: posted.body.version },
    });
    expect(again.status).toBe(409);
    expect(again.error?.message).toBe('Ce lot de courriers est déjà marqué posté.');
    const referent = await loggedIn(app, 'referent@parcours.test');
    expect((await referent.call(api.messaging.listBatches, {})).status).toBe(403);
  });

  it('refuses to post a letter that would arrive too late; the agent withdraws it', async () => {
    const late = await createTestPerson(app, { firstName: 'Léon', lastName: 'Tardif', sex: 'M' });
    const appointmentId = await createTestAppointment(app, late, parisTimeInDays(2, 14, 0));
    const advisorActor = await actorOf(app, 'orientation@parcours.test');
    const batchId = await app.ctx.db.transaction().execute(async (trx) => {
      const id = await createMessageBatch(trx, advisorActor, { kind: 'convocation', personCount: 1 });
      await createConvocationMessages(trx, advisorActor, { personId: late, appointmentId, batchId: id });
      return id;
    });
    const refused = await advisor.call(api.messaging.markBatchPosted, {
      params: { id: batchId },
      body: { version: 1 },
    });
    expect(refused.status).toBe(409);
    expect(refused.error?.message).toMatch(/trop tard \(délai postal de 5 jours\) : Léon Tardif/);

    const detail = await advisor.call(api.messaging.getBatch, { params: { id: batchId } });
    const letter = detail.body.letters[0]!;
    const cancelled = await advisor.call(api.messaging.cancelLetter, {
      params: { id: letter.id },
      body: { version: letter.version },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    const after = await advisor.call(api.messaging.getBatch, { params: { id: batchId } });
    expect(after.body).toMatchObject({ letterCount: 0, cancelledCount: 1, status: 'prepared' });
    const twice = await advisor.call(api.messaging.cancelLetter, {
      params: { id: letter.id },
      body: { version: letter.version + 1 },
    });
    expect(twice.status).toBe(409);
  });

  it('keeps dated delays: administrators add a rule from a date, the history stays', async () => {
    const initial = await admin.call(api.messaging.convocationDelays);
    expect(initial.body.current).toMatchObject({
      letterDays: 5,
      emailHours: 48,
      smsHours: 48,
      builtIn: true,
    });
    const past = await admin.call(api.messaging.addConvocationDelays, {
      body: { effectiveFrom: '2020-01-01', letterDays: 3, emailHours: 24, smsHours: 24, source: 'Essai' },
    });
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.body)).toMatch(/pas au passé/);
    const body = {
      effectiveFrom: parisToday(),
      letterDays: 3,
      emailHours: 24,
      smsHours: 12,
      source: 'Délibération de la commission permanente',
    };
    expect((await advisor.call(api.messaging.addConvocationDelays, { body })).status).toBe(403);
    const added = await admin.call(api.messaging.addConvocationDelays, { body });
    expect(added.status, added.text).toBe(201);
    expect(added.body.current).toMatchObject({ letterDays: 3, smsHours: 12, builtIn: false });
    expect(added.body.rules.map((r) => r.effectiveFrom)).toEqual([parisToday(), '2009-06-01']);
    expect((await admin.call(api.messaging.addConvocationDelays, { body })).status).toBe(409);
    // The convocations follow the new rule at once.
    const preview = await advisor.call(api.orientation.previewConvocation, { body: { personIds: [post] } });
    expect(parisDate(new Date(preview.body.persons[0]!.earliestAt!))).toBe(
      parisDate(parisTimeInDays(3, 12, 0)),
    );
  });
});
