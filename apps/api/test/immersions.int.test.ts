import { api, type ImmersionContentInput, type ImmersionDetail } from '@parcours/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/access/application/accounts';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { runImmersionDailyMoves } from '../src/modules/immersions/application/daily';
import { parisToday } from '../src/platform/time';
import { Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson, mailText, pdfText, startControllableSmtp } from './support/messaging-fixtures';
import { structureIdOf } from './support/orientation-fixtures';

/*
 * Issue 12, point 5: PMSMP conventions — the three signatures (on screen, and the host through the
 * e-mailed single-use link), validation, assessment, PDF; the limits as dated rules; renewal; every
 * refusal of the "bad input" list in French with nothing changed; scope.
 */
const SIRET = '73282932000074';
const LA_POSTE = '35600000000048';

describe.each(engines)('PMSMP immersions (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let smtp: Awaited<ReturnType<typeof startControllableSmtp>>;
  let referent: Client;
  let otherReferent: Client;
  let admin: Client;
  let referentId: string;
  const today = parisToday();
  const day = (n: number) => addCalendarDays(today, n);

  const week = [1, 2, 3, 4, 5].flatMap((d) => [
    { day: d, start: '09:00', end: '12:00' },
    { day: d, start: '13:00', end: '17:00' },
  ]);
  const content = (over: Partial<ImmersionContentInput> = {}): ImmersionContentInput => ({
    host: {
      name: 'Boulangerie Test du Panier',
      siret: SIRET,
      address: '12 rue de la République, 13002 Marseille',
      tutorName: 'Paul Tuteur',
      tutorFunction: 'Chef boulanger',
      tutorEmail: 'tuteur@boulangerie.test',
      tutorPhone: '04 91 00 00 00',
    },
    objective: 'discover',
    romeCode: 'D1102',
    jobLabel: 'Boulanger',
    startDate: today,
    endDate: day(13),
    schedule: week,
    place: 'Fournil, 12 rue de la République',
    tasks: 'Façonnage, cuisson, mise en rayon.',
    risks: 'Chaussures de sécurité fournies.',
    contractId: null,
    ...over,
  });
  const newPerson = async (lastName: string) => {
    const id = await createTestPerson(app, { firstName: 'Inès', lastName });
    await app.ctx.db
      .insertInto('referent_assignment')
      .values({
        department_code: '13',
        person_id: id,
        referent_id: referentId,
        from_date: day(-40),
        source: 'test',
      })
      .execute();
    return id;
  };
  const countOf = async (personId: string) =>
    Number(
      (
        await app.ctx.db
          .selectFrom('immersion')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('person_id', '=', personId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const create = (personId: string, c: ImmersionContentInput) =>
    referent.call(api.immersions.create, { params: { id: personId }, body: c });
  const move = (
    d: ImmersionDetail,
    to: 'awaiting_signatures' | 'validated' | 'ended' | 'cancelled',
    reason?: string,
  ) =>
    referent.call(api.immersions.transition, {
      params: { immersionId: d.id },
      body: { to, version: d.version, reason },
    });
  const signOnScreen = (d: ImmersionDetail, party: 'person' | 'host' | 'structure', signerName: string) =>
    referent.call(api.immersions.signOnScreen, {
      params: { immersionId: d.id },
      body: { party, signerName, version: d.version },
    });
  const signLink = async (d: ImmersionDetail, party: 'person' | 'host' | 'structure', email: string) => {
    const sent = smtp.received.length;
    const res = await referent.call(api.immersions.sendSignLink, {
      params: { immersionId: d.id },
      body: { party, email, version: d.version },
    });
    expect(res.status, res.text).toBe(202);
    await app.ctx.jobs.drain();
    const mail = smtp.received.slice(sent).find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    const token = /jeton=([A-Za-z0-9_-]+)/.exec(mailText(mail!.raw))?.[1];
    expect(token).toBeTruthy();
    return { detail: res.body.detail, token: token!, text: mailText(mail!.raw) };
  };
  const submitted = async (personId: string, c = content()) => {
    const created = await create(personId, c);
    expect(created.status, created.text).toBe(201);
    const sub = await move(created.body, 'awaiting_signatures');
    expect(sub.status, sub.text).toBe(200);
    return sub.body;
  };
  const publicClient = () => new Client(app.url);

  beforeAll(async () => {
    smtp = await startControllableSmtp();
    app = await startTestApp(engine, {
      smtpUrl: smtp.url,
      ...(process.env.IMM_DEBUG ? { logLevel: 'error' as const } : {}),
    });
    const mds = await structureIdOf(app, 'MDS Marseille 2/3');
    const lieu = await structureIdOf(app, "Lieu d'accueil Marseille 2/3");
    await createAccount(
      app.ctx,
      null,
      {
        email: 'pmsmp.autre@parcours.test',
        displayName: 'Autre référent',
        role: 'referent',
        hubId: null,
        structureId: lieu,
        password: 'Parcours-demo-2026',
      },
      null,
    );
    referentId = (
      await app.ctx.db
        .insertInto('referent')
        .values({
          department_code: '13',
          structure_id: mds,
          first_name: 'Sophie',
          last_name: 'Immersion',
          active_from: '2020-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    referent = await loggedIn(app, 'referent@parcours.test');
    otherReferent = await loggedIn(app, 'pmsmp.autre@parcours.test');
    admin = await loggedIn(app, 'admin@parcours.test');
  });
  afterAll(() => smtp.close());

  it('three signatures (on screen, e-mailed link, on screen), validation, end, assessment, PDF, timeline and audit', async () => {
    const person = await newPerson('PMSMP');
    const d0 = await submitted(person);
    expect(d0.weeklyHours).toBe(35);
    expect(d0.calendarDays).toBe(14);
    expect(d0.status).toBe('awaiting_signatures');

    // Validation before all signatures: refused, nothing changed.
    const early = await move(d0, 'validated');
    expect(early.status).toBe(409);
    expect(early.error?.message).toContain('signée par les trois parties');

    const s1 = await signOnScreen(d0, 'person', 'Inès PMSMP');
    expect(s1.status, s1.text).toBe(200);
    const { detail: d2, token, text } = await signLink(s1.body, 'host', 'tuteur@boulangerie.test');
    expect(text).toContain('Boulanger chez Boulangerie Test du Panier');
    expect(d2.pendingLinks.map((l) => l.party)).toEqual(['host']);

    // The public page: the summary, no NIR, no address of the person.
    const summary = await publicClient().call(api.immersions.signatureSummary, { body: { token } });
    expect(summary.status, summary.text).toBe(200);
    expect(summary.body.party).toBe('host');
    expect(summary.body.hostSiret).toBe(SIRET);
    expect(summary.body.signedParties).toEqual(['person']);
    expect(JSON.stringify(summary.body)).not.toMatch(/nir|rue de la Paix/i);

    const signed = await publicClient().call(api.immersions.signWithLink, {
      body: { token, signerName: 'Paul Tuteur' },
    });
    expect(signed.status, signed.text).toBe(200);
    expect(signed.body.message).toContain('signature est enregistrée');
    // Single use: a second use is refused in French, nothing changed.
    const again = await publicClient().call(api.immersions.signWithLink, {
      body: { token, signerName: 'Paul Tuteur' },
    });
    expect(again.status).toBe(400);
    expect(again.error?.message).toContain('déjà servi');
    const view = await publicClient().call(api.immersions.signatureSummary, { body: { token } });
    expect(view.status).toBe(400);

    const d3 = (await referent.call(api.immersions.get, { params: { immersionId: d0.id } })).body;
    expect(d3.signatures.map((s) => [s.party, s.mode])).toEqual([
      ['person', 'on_screen'],
      ['host', 'email_link'],
    ]);
    const s3 = await signOnScreen(d3, 'structure', 'Sophie Immersion');
    expect(s3.status, s3.text).toBe(200);
    expect(s3.body.status).toBe('signed');

    const validated = await move(s3.body, 'validated');
    expect(validated.status, validated.text).toBe(200);
    expect(validated.body.status).toBe('validated');
    const ended = await move(validated.body, 'ended');
    expect(ended.status, ended.text).toBe(200);

    // A job offer without its contract is refused under the field.
    const bad = await referent.call(api.immersions.assess, {
      params: { immersionId: d0.id },
      body: {
        version: ended.body.version,
        outcome: 'completed',
        jobOffer: true,
        offerContract: null,
        skillsObserved: null,
        hostComment: null,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.error?.fields?.[0]?.path).toBe('offerContract');
    const assessed = await referent.call(api.immersions.assess, {
      params: { immersionId: d0.id },
      body: {
        version: ended.body.version,
        outcome: 'completed',
        skillsObserved: 'Ponctualité, gestes d’hygiène.',
        jobOffer: true,
        offerContract: 'cdd',
        hostComment: 'Très motivée.',
      },
    });
    expect(assessed.status, assessed.text).toBe(200);
    expect(assessed.body.status).toBe('assessed');
    expect(assessed.body.assessment).toMatchObject({
      outcome: 'completed',
      jobOffer: true,
      offerContract: 'cdd',
    });

    const pdf = await referent.bytes(`/api/immersions/${d0.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const { text: pdfBody } = await pdfText(pdf.body);
    for (const expected of [
      'Convention de mise en situation en milieu professionnel',
      'Inès PMSMP',
      'Boulangerie Test du Panier',
      `SIRET : ${SIRET}`,
      'MDS Marseille 2/3',
      'Découvrir un métier',
      'Boulanger (code ROME D1102)',
      '35 h',
      '09:00 – 12:00, 13:00 – 17:00',
      'Paul Tuteur',
      'par lien à usage unique envoyé par e-mail',
      'sur écran',
    ])
      expect(pdfBody).toContain(expected);

    const timeline = await app.ctx.db
      .selectFrom('timeline_event')
      .select('type')
      .where('person_id', '=', person)
      .orderBy('id')
      .execute();
    expect(timeline.map((t) => t.type)).toEqual([
      'immersion_created',
      'immersion_submitted',
      'immersion_signed_by',
      'immersion_sign_link_sent',
      'immersion_signed_by',
      'immersion_signed_by',
      'immersion_signed',
      'immersion_validated',
      'immersion_ended',
      'immersion_assessed',
    ]);
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select(['action'])
      .where('person_id', '=', person)
      .where('action', 'in', ['person.read', 'immersion.pdf', 'immersion.signed'])
      .execute();
    expect(audit.filter((a) => a.action === 'immersion.signed')).toHaveLength(3);
    expect(audit.some((a) => a.action === 'immersion.pdf')).toBe(true);
    expect(audit.some((a) => a.action === 'person.read')).toBe(true);
  });

  it('refuses in French, nothing changed: over 30 days, over 48 h, invalid SIRET, invalid ROME, end before start', async () => {
    const person = await newPerson('REFUS');
    const cases: [Partial<ImmersionContentInput>, string, RegExp][] = [
      [{ endDate: day(30) }, 'endDate', /au plus 30 jours calendaires : 31 jours/],
      [
        { schedule: [1, 2, 3, 4, 5, 6].map((d) => ({ day: d, start: '08:00', end: '17:00' })) },
        'schedule',
        /48 h par semaine : l’emploi du temps en compte 54 h/,
      ],
      [{ host: { ...content().host, siret: '73282932000075' } }, 'host.siret', /clé de contrôle/],
      [{ romeCode: 'Z1234' }, 'romeCode', /Code ROME invalide/],
      [{ startDate: day(5), endDate: day(2) }, 'endDate', /ne peut pas précéder/],
    ];
    for (const [over, path, message] of cases) {
      const res = await create(person, content(over));
      expect(res.status, res.text).toBe(400);
      const field = res.error?.fields?.find((f) => f.path === path);
      expect(field?.message, res.text).toMatch(message);
    }
    expect(await countOf(person)).toBe(0);
    // La Poste's establishments: the sum of the digits, not Luhn.
    const poste = await create(person, content({ host: { ...content().host, siret: '35600000049837' } }));
    expect(poste.status, poste.text).toBe(201);
    expect(await countOf(person)).toBe(1);
  });

  it('refuses a start before the last signature; a content change removes the signatures (back to draft)', async () => {
    const person = await newPerson('AVANT');
    const d = await submitted(person, content({ startDate: day(-1), endDate: day(5) }));
    let cur = (await signOnScreen(d, 'person', 'Inès AVANT')).body;
    cur = (await signOnScreen(cur, 'host', 'Paul Tuteur')).body;
    cur = (await signOnScreen(cur, 'structure', 'Sophie Immersion')).body;
    expect(cur.status).toBe('signed');
    const refused = await move(cur, 'validated');
    expect(refused.status).toBe(409);
    expect(refused.error?.message).toMatch(/avant que toutes les parties aient signé/);
    expect((await referent.call(api.immersions.get, { params: { immersionId: d.id } })).body.status).toBe(
      'signed',
    );

    // Postponed: signatures removed, back to draft.
    const postponed = await referent.call(api.immersions.update, {
      params: { immersionId: d.id },
      body: { version: cur.version, content: content({ startDate: day(2), endDate: day(8) }) },
    });
    expect(postponed.status, postponed.text).toBe(200);
    expect(postponed.body.status).toBe('draft');
    expect(postponed.body.signatures).toEqual([]);
  });

  it('a used, expired or unknown link is refused; a link is closed when the content changes', async () => {
    const person = await newPerson('LIEN');
    const d = await submitted(person);
    const { token, detail } = await signLink(d, 'host', 'tuteur@boulangerie.test');
    await app.ctx.db
      .updateTable('immersion_sign_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const expired = await publicClient().call(api.immersions.signWithLink, {
      body: { token, signerName: 'Paul' },
    });
    expect(expired.status).toBe(400);
    expect(expired.error?.message).toMatch(/expiré/);
    const unknown = await publicClient().call(api.immersions.signatureSummary, {
      body: { token: 'x'.repeat(43) },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.message).toMatch(/n’est pas valable/);
    const { token: second } = await signLink(detail, 'host', 'tuteur@boulangerie.test');
    const fresh = (await referent.call(api.immersions.get, { params: { immersionId: d.id } })).body;
    const changed = await referent.call(api.immersions.update, {
      params: { immersionId: d.id },
      body: { version: fresh.version, content: content({ tasks: 'Autres tâches.' }) },
    });
    expect(changed.status, changed.text).toBe(200);
    const closed = await publicClient().call(api.immersions.signWithLink, {
      body: { token: second, signerName: 'Paul' },
    });
    expect(closed.status).toBe(400);
    expect(
      (
        await app.ctx.db
          .selectFrom('immersion_signature')
          .selectAll()
          .where('immersion_id', '=', d.id)
          .execute()
      ).length,
    ).toBe(0);
  });

  it('renewal with the same host counts the chain against the 30 days', async () => {
    const person = await newPerson('RENOUV');
    const d = await submitted(person, content({ startDate: today, endDate: day(19) }));
    let cur = (await signOnScreen(d, 'person', 'Inès')).body;
    cur = (await signOnScreen(cur, 'host', 'Paul')).body;
    cur = (await signOnScreen(cur, 'structure', 'Sophie')).body;
    cur = (await move(cur, 'validated')).body;
    const tooLong = await referent.call(api.immersions.renew, {
      params: { immersionId: d.id },
      body: { version: cur.version, startDate: day(20), endDate: day(34) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.error?.fields?.[0]?.message).toMatch(
      /renouvellements compris : 20 jours déjà conventionnés \+ 15 jours/,
    );
    const renewal = await referent.call(api.immersions.renew, {
      params: { immersionId: d.id },
      body: { version: cur.version, startDate: day(20), endDate: day(29) },
    });
    expect(renewal.status, renewal.text).toBe(201);
    expect(renewal.body.renewalOf).toBe(d.id);
    expect(renewal.body.status).toBe('draft');
    const otherHost = await referent.call(api.immersions.update, {
      params: { immersionId: renewal.body.id },
      body: {
        version: renewal.body.version,
        content: content({
          startDate: day(20),
          endDate: day(29),
          host: { ...content().host, siret: LA_POSTE },
        }),
      },
    });
    expect(otherHost.status).toBe(400);
    expect(otherHost.error?.fields?.[0]?.message).toMatch(/même structure d’accueil/);
    const twice = await referent.call(api.immersions.renew, {
      params: { immersionId: d.id },
      body: { version: cur.version, startDate: day(20), endDate: day(22) },
    });
    expect(twice.status).toBe(409);
  });

  it('limits are dated rules: the set in force on the start date applies', async () => {
    const from = day(60);
    const added = await admin.call(api.immersions.addLimits, {
      body: { effectiveFrom: from, maxCalendarDays: 20, maxWeeklyHours: 35, source: 'Délibération de test' },
    });
    expect(added.status, added.text).toBe(201);
    expect(added.body.rules.map((r) => r.maxCalendarDays)).toEqual([20, 30]);
    const past = await admin.call(api.immersions.addLimits, {
      body: {
        effectiveFrom: day(-1),
        maxCalendarDays: 20,
        maxWeeklyHours: 35,
        source: 'Délibération de test',
      },
    });
    expect(past.status).toBe(400);
    const person = await newPerson('DATES');
    const before = await create(person, content({ startDate: day(30), endDate: day(54) }));
    expect(before.status, before.text).toBe(201);
    const after = await create(person, content({ startDate: from, endDate: addCalendarDays(from, 24) }));
    expect(after.status).toBe(400);
    expect(after.error?.fields?.[0]?.message).toMatch(/au plus 20 jours/);
    expect(await countOf(person)).toBe(1);
    const forbidden = await referent.call(api.immersions.addLimits, {
      body: { effectiveFrom: day(70), maxCalendarDays: 20, maxWeeklyHours: 35, source: 'Délibération' },
    });
    expect(forbidden.status).toBe(403);
  });

  it('the daily job starts validated immersions on their first day and ends them after their last', async () => {
    const person = await newPerson('QUOTIDIEN');
    const d = await submitted(person, content({ startDate: today, endDate: day(2) }));
    let cur = (await signOnScreen(d, 'person', 'Inès')).body;
    cur = (await signOnScreen(cur, 'host', 'Paul')).body;
    cur = (await signOnScreen(cur, 'structure', 'Sophie')).body;
    cur = (await move(cur, 'validated')).body;
    // Other tests' conventions move too: only this one's status is asserted.
    expect((await runImmersionDailyMoves(app.ctx, '13', today)).started).toBeGreaterThanOrEqual(1);
    const read = async () =>
      (
        await app.ctx.db
          .selectFrom('immersion')
          .select('status')
          .where('id', '=', d.id)
          .executeTakeFirstOrThrow()
      ).status;
    expect(await read()).toBe('in_progress');
    await runImmersionDailyMoves(app.ctx, '13', day(2));
    expect(await read()).toBe('in_progress');
    expect((await runImmersionDailyMoves(app.ctx, '13', day(3))).ended).toBeGreaterThanOrEqual(1);
    expect(await read()).toBe('ended');
    const types = await app.ctx.db
      .selectFrom('timeline_event')
      .select('type')
      .where('person_id', '=', person)
      .orderBy('id')
      .execute();
    expect(types.map((t) => t.type).slice(-2)).toEqual(['immersion_started', 'immersion_ended']);
  });

  it('a person outside the référent’s scope: refused and traced, nothing changed', async () => {
    const person = await newPerson('SCOPE');
    const d = await submitted(person);
    const read = await otherReferent.call(api.immersions.get, { params: { immersionId: d.id } });
    expect(read.status).toBe(403);
    const list = await otherReferent.call(api.immersions.listForPerson, { params: { id: person } });
    expect(list.status).toBe(403);
    const created = await otherReferent.call(api.immersions.create, {
      params: { id: person },
      body: content(),
    });
    expect(created.status).toBe(403);
    const sign = await otherReferent.call(api.immersions.signOnScreen, {
      params: { immersionId: d.id },
      body: { party: 'person', signerName: 'X', version: d.version },
    });
    expect(sign.status).toBe(403);
    const pdf = await otherReferent.bytes(`/api/immersions/${d.id}/pdf`);
    expect(pdf.status).toBe(403);
    expect(await countOf(person)).toBe(1);
    const denied = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', person)
      .where('action', 'in', ['person.read_denied', 'person.act_denied'])
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });
});
