import { api } from '@parcours/contracts';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { DEMO_PASSWORD } from '../src/demo/load-demo';
import { createAccount } from '../src/modules/access/application/accounts';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';
import { structureIdOf } from './support/orientation-fixtures';

/*
 * Issue 12, point 4: the fiche de liaison — sent by a référent, answered by the operator of the
 * action (minimum data, audited), entry, attendance and exit with the typology; refusals in French
 * with nothing changed; the unanswered flag of the dated rule set; the person's timeline.
 */
describe.each(engines)('referrals and the operator portal (%s)', (engine) => {
  let app: RunningApp;
  let referent: Client;
  let otherReferent: Client;
  let operator: Client;
  let otherOperator: Client;
  let admin: Client;
  let person: string;
  let outOfScope: string;
  let filler: string;
  const ids = { action: '', cancelledAction: '', otherAction: '', s1: '', finished: '', s3: '' };
  const today = parisToday();
  const day = (n: number) => addCalendarDays(today, n);

  const countReferrals = async () =>
    Number(
      (
        await app.ctx.db
          .selectFrom('referral')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const send = (client: Client, personId: string, body: Record<string, unknown>) =>
    client.call(api.referrals.create, {
      params: { id: personId },
      body: body as { actionId: string },
    });

  async function action(code: string, status: string, operatorName: string, hours: number | null) {
    const db = app.ctx.db;
    const a = await db
      .insertInto('insertion_action')
      .values({
        department_code: '13',
        code,
        title: `Action de test ${code}`,
        axis: 3,
        kind: 'socle',
        status,
        weekly_hours: hours,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('insertion_action_operator')
      .values({
        department_code: '13',
        action_id: a.id,
        structure_id: await structureIdOf(app, operatorName),
      })
      .execute();
    return a.id;
  }
  async function session(
    actionId: string,
    label: string,
    from: number,
    to: number,
    capacity: number,
    hours?: number,
  ) {
    const s = await app.ctx.db
      .insertInto('action_session')
      .values({
        department_code: '13',
        action_id: actionId,
        label,
        starts_on: day(from),
        ends_on: day(to),
        place: 'Salle Fictive',
        commune_code: '13203',
        capacity,
        weekly_hours: hours ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return s.id;
  }

  beforeAll(async () => {
    app = await startTestApp(engine);
    const mds = await structureIdOf(app, 'MDS Marseille 2/3');
    const lieu = await structureIdOf(app, "Lieu d'accueil Marseille 2/3");
    const atelier = await structureIdOf(app, 'Atelier Remobilisation Sud');
    for (const [email, role, structureId] of [
      ['fiche.autre@parcours.test', 'referent', lieu],
      ['operateur.fiche@parcours.test', 'operator', atelier],
    ] as const)
      await createAccount(
        app.ctx,
        null,
        { email, displayName: `Compte ${email}`, role, hubId: null, structureId, password: DEMO_PASSWORD },
        null,
      );
    referent = await loggedIn(app, 'referent@parcours.test');
    otherReferent = await loggedIn(app, 'fiche.autre@parcours.test');
    operator = await loggedIn(app, 'operateur@parcours.test');
    otherOperator = await loggedIn(app, 'operateur.fiche@parcours.test');
    admin = await loggedIn(app, 'admin@parcours.test');
    const referentRow = await app.ctx.db
      .insertInto('referent')
      .values({
        department_code: '13',
        structure_id: mds,
        first_name: 'Sophie',
        last_name: 'Fiche',
        active_from: '2020-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const follow = async (id: string) =>
      app.ctx.db
        .insertInto('referent_assignment')
        .values({
          department_code: '13',
          person_id: id,
          referent_id: referentRow.id,
          from_date: day(-40),
          source: 'test',
        })
        .execute();
    person = await createTestPerson(app, {
      firstName: 'Yasmine',
      lastName: 'ORIENTEE',
      phone: { value: '0611223344', consent: 'A' },
      email: { value: 'yasmine.refus@exemple.test', consent: 'R' },
    });
    await app.ctx.db
      .updateTable('person')
      .set({ nir: '2880413203123', title: 'MME' })
      .where('id', '=', person)
      .execute();
    filler = await createTestPerson(app, { firstName: 'Paul', lastName: 'PREMIER' });
    outOfScope = await createTestPerson(app, { firstName: 'Hors', lastName: 'PERIMETRE' });
    await follow(person);
    await follow(filler);
    ids.action = await action('T-1', 'poursuivie', 'Association Tremplin Provence', 20);
    ids.cancelledAction = await action('T-2', 'annulee', 'Association Tremplin Provence', null);
    ids.otherAction = await action('T-3', 'nouvelle', 'Atelier Remobilisation Sud', 6);
    ids.s1 = await session(ids.action, 'Session pleine', 5, 60, 1);
    ids.finished = await session(ids.action, 'Session passée', -60, -1, 10);
    ids.s3 = await session(ids.action, 'Session ouverte', 3, 90, 5, 12);
  }, 120_000);

  it('refuses in French, nothing written: full, finished, annulée, session missing, out of scope', async () => {
    const first = await send(referent, filler, { actionId: ids.action, sessionId: ids.s1 });
    expect(first.status, first.text).toBe(201);
    const before = await countReferrals();
    const full = await send(referent, person, { actionId: ids.action, sessionId: ids.s1 });
    expect([full.status, full.error?.message]).toEqual([409, 'La session est complète.']);
    const finished = await send(referent, person, { actionId: ids.action, sessionId: ids.finished });
    expect([finished.status, finished.error?.message]).toEqual([409, 'La session est terminée.']);
    const cancelled = await send(referent, person, { actionId: ids.cancelledAction });
    expect([cancelled.status, cancelled.error?.message]).toEqual([
      409,
      'Cette action est annulée : elle ne reçoit plus d’orientation.',
    ]);
    const noSession = await send(referent, person, { actionId: ids.action });
    expect(noSession.status).toBe(409);
    expect(noSession.error?.fields?.[0]).toMatchObject({
      path: 'sessionId',
      message: 'Cette action a des sessions : choisissez-en une.',
    });
    const outside = await send(referent, outOfScope, { actionId: ids.otherAction });
    expect([outside.status, outside.error?.message]).toEqual([
      403,
      'Cette personne ne relève pas de votre périmètre.',
    ]);
    const byOther = await send(otherReferent, person, { actionId: ids.otherAction });
    expect(byOther.status).toBe(403);
    const byOperator = await send(operator, person, { actionId: ids.otherAction });
    expect(byOperator.status).toBe(403);
    expect(await countReferrals()).toBe(before);
  });

  it('sends a fiche with the session’s hours, refuses the same session twice, and writes the timeline', async () => {
    const sent = await send(referent, person, {
      actionId: ids.action,
      sessionId: ids.s3,
      message: 'Souhaite reprendre une activité.',
    });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body).toMatchObject({
      status: 'sent',
      weeklyHours: 12,
      action: { code: 'T-1' },
      session: { label: 'Session ouverte' },
      referrerName: 'Sophie Référente',
      referringStructureName: 'MDS Marseille 2/3',
      operatorNames: ['Association Tremplin Provence'],
      overdue: false,
    });
    const before = await countReferrals();
    const twice = await send(referent, person, { actionId: ids.action, sessionId: ids.s3 });
    expect([twice.status, twice.error?.message]).toEqual([
      409,
      'Cette personne a déjà une fiche de liaison en cours pour cette session.',
    ]);
    expect(await countReferrals()).toBe(before);
    const list = await referent.call(api.referrals.listForPerson, { params: { id: person } });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r) => r.id)).toContain(sent.body.id);
    const line = await app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'data'])
      .where('person_id', '=', person)
      .where('type', '=', 'referral_sent')
      .executeTakeFirstOrThrow();
    expect(line.type).toBe('referral_sent');
  });

  it('shows the operator only its referrals, with the minimum data, every read traced', async () => {
    const other = await send(referent, person, { actionId: ids.otherAction, message: 'Atelier' });
    expect(other.status, other.text).toBe(201);
    const list = await operator.call(api.referrals.operatorList, {});
    expect(list.status).toBe(200);
    const codes = new Set(list.body.items.map((r) => r.action.code));
    expect(codes).toEqual(new Set(['T-1']));
    const mine = list.body.items.find((r) => r.session?.label === 'Session ouverte')!;
    expect(mine.person).toEqual({
      civility: 'MME',
      firstName: 'Yasmine',
      lastName: 'ORIENTEE',
      birthDate: '1988-04-12',
    });
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'target_id'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', 'referrals.operator')
      .orderBy('occurred_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(trace.person_ids).toContain(person);

    const read = await operator.call(api.referrals.operatorGet, { params: { id: mine.id } });
    expect(read.status, read.text).toBe(200);
    expect(read.body.person).toEqual({
      civility: 'MME',
      firstName: 'Yasmine',
      lastName: 'ORIENTEE',
      birthDate: '1988-04-12',
      communeName: expect.any(String),
      phone: '0611223344',
      // No consent to e-mails: not shown.
      email: null,
    });
    expect(read.body.message).toBe('Souhaite reprendre une activité.');
    for (const secret of [
      '2880413203123',
      'DES LILAS',
      'yasmine.refus',
      '139'.concat(String(process.pid % 1000)),
    ])
      expect(read.text).not.toContain(secret);
    const reads = await app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'person.read')
      .where('person_id', '=', person)
      .where('actor_role', '=', 'operator')
      .execute();
    expect(reads.length).toBeGreaterThan(0);

    // Another operator: not in its list, refused (traced) when read or answered.
    const others = await otherOperator.call(api.referrals.operatorList, {});
    expect(others.body.items.map((r) => r.action.code)).toEqual(['T-3']);
    const denied = await otherOperator.call(api.referrals.operatorGet, { params: { id: mine.id } });
    expect([denied.status, denied.error?.message]).toEqual([
      403,
      'Cette fiche de liaison est adressée à un autre opérateur.',
    ]);
    const acceptDenied = await otherOperator.call(api.referrals.accept, {
      params: { id: mine.id },
      body: { version: mine.version },
    });
    expect(acceptDenied.status).toBe(403);
    const deniedTraces = await app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'referral.denied')
      .where('target_id', '=', mine.id)
      .execute();
    expect(deniedTraces.length).toBe(2);
    const still = await operator.call(api.referrals.operatorGet, { params: { id: mine.id } });
    expect(still.body.status).toBe('sent');
    // The référent's routes are not the operator's: no person file, no person's list.
    expect((await operator.call(api.referrals.listForPerson, { params: { id: person } })).status).toBe(403);
  });

  it('accepts, records entry, attendance and a positive exit; the timeline tells the course', async () => {
    const list = await operator.call(api.referrals.operatorList, { query: { sessionId: ids.s3 } });
    const r = list.body.items.find((i) => i.person.firstName === 'Yasmine')!;
    const noReason = await operator.call(api.referrals.refuse, {
      params: { id: r.id },
      body: { version: r.version, reason: ' ' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.error?.fields?.[0]?.message).toBe('Le motif du refus est obligatoire.');
    const early = await operator.call(api.referrals.enter, {
      params: { id: r.id },
      body: { version: r.version, enteredOn: today },
    });
    expect([early.status, early.error?.message]).toEqual([
      409,
      'L’entrée se déclare sur une fiche acceptée.',
    ]);
    const accepted = await operator.call(api.referrals.accept, {
      params: { id: r.id },
      body: { version: r.version },
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const stale = await operator.call(api.referrals.accept, {
      params: { id: r.id },
      body: { version: r.version },
    });
    expect(stale.status).toBe(409);
    const future = await operator.call(api.referrals.enter, {
      params: { id: r.id },
      body: { version: accepted.body.version, enteredOn: day(3) },
    });
    expect(future.error?.fields?.[0]?.message).toBe('La date d’entrée ne peut pas être dans le futur.');
    const entered = await operator.call(api.referrals.enter, {
      params: { id: r.id },
      body: { version: accepted.body.version, enteredOn: today },
    });
    expect(entered.status, entered.text).toBe(200);
    const attended = await operator.call(api.referrals.recordAttendance, {
      params: { id: r.id },
      body: { day: today, presence: 'present', halfDays: 2 },
    });
    expect(attended.status, attended.text).toBe(200);
    expect(attended.body.attendance).toEqual([
      { day: today, presence: 'present', hours: null, halfDays: 2, note: null },
    ]);
    const noHours = await operator.call(api.referrals.recordAttendance, {
      params: { id: r.id },
      body: { day: today, presence: 'present' },
    });
    expect(noHours.error?.fields?.[0]?.message).toBe('Indiquez les heures ou les demi-journées de présence.');
    const wrongType = await operator.call(api.referrals.exit, {
      params: { id: r.id },
      body: {
        version: entered.body.version,
        exitedOn: today,
        exitCategory: 'positive',
        exitType: 'abandonment',
      },
    });
    expect(wrongType.error?.fields?.[0]?.message).toBe(
      'Ce type de sortie n’appartient pas à la catégorie choisie.',
    );
    const exited = await operator.call(api.referrals.exit, {
      params: { id: r.id },
      body: {
        version: entered.body.version,
        exitedOn: today,
        exitCategory: 'positive',
        exitType: 'cdi',
        detail: 'Agent logistique',
      },
    });
    expect(exited.status, exited.text).toBe(200);
    expect(exited.body).toMatchObject({
      status: 'exited',
      exitLabel: 'Sortie positive — CDI',
      exitDetail: 'Agent logistique',
    });
    const seen = await referent.call(api.referrals.listForPerson, { params: { id: person } });
    expect(seen.body.items.find((i) => i.id === r.id)).toMatchObject({
      status: 'exited',
      enteredOn: today,
      exitLabel: 'Sortie positive — CDI',
    });
    const lines = await app.ctx.db
      .selectFrom('timeline_event')
      .select('type')
      .where('person_id', '=', person)
      .where('type', 'like', 'referral_%')
      .orderBy('recorded_at')
      .execute();
    expect(lines.map((l) => l.type)).toEqual([
      'referral_sent',
      'referral_sent',
      'referral_accepted',
      'referral_entered',
      'referral_exited',
    ]);
    const file = await referent.get(`/api/persons/${person}`);
    expect(file.text).toContain('Sortie de l’action : T-1 — Action de test T-1 — Sortie positive — CDI');
  });

  it('lets the référent cancel with a reason; a cancelled fiche is closed', async () => {
    const list = await referent.call(api.referrals.listForPerson, { params: { id: person } });
    const r = list.body.items.find((i) => i.action.code === 'T-3')!;
    const denied = await otherReferent.call(api.referrals.cancel, {
      params: { id: r.id },
      body: { version: r.version, reason: 'Erreur' },
    });
    expect(denied.status).toBe(403);
    const byOperator = await otherOperator.call(api.referrals.cancel, {
      params: { id: r.id },
      body: { version: r.version, reason: 'Erreur' },
    });
    expect(byOperator.status).toBe(403);
    const cancelled = await referent.call(api.referrals.cancel, {
      params: { id: r.id },
      body: { version: r.version, reason: 'La personne a trouvé un emploi' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'La personne a trouvé un emploi',
    });
    const accept = await otherOperator.call(api.referrals.accept, {
      params: { id: r.id },
      body: { version: cancelled.body.version },
    });
    expect([accept.status, accept.error?.message]).toEqual([
      409,
      'Cette fiche de liaison est close (refusée ou annulée) : elle ne peut plus être acceptée.',
    ]);
  });

  it('flags unanswered fiches after the delay in force on the sending day', async () => {
    const list = await referent.call(api.referrals.listForPerson, { params: { id: filler } });
    const r = list.body.items[0]!;
    await app.ctx.db
      .updateTable('referral')
      .set({ sent_on: day(-12) })
      .where('id', '=', r.id)
      .execute();
    const flagged = async () =>
      (await operator.call(api.referrals.operatorList, { query: { status: 'sent' } })).body.items.find(
        (i) => i.id === r.id,
      )!;
    expect(await flagged()).toMatchObject({ overdue: true, answerDueOn: day(-2) });
    // Unanswered first in the operator's list.
    expect((await operator.call(api.referrals.operatorList, {})).body.items[0]!.id).toBe(r.id);
    const added = await admin.call(api.referrals.addDelays, {
      body: { effectiveFrom: today, answerDays: 20, source: 'Décision du comité de pilotage' },
    });
    expect(added.status, added.text).toBe(201);
    expect(added.body.current.answerDays).toBe(20);
    // A new rule from today does not judge a fiche sent twelve days ago…
    expect((await flagged()).overdue).toBe(true);
    const past = await admin.call(api.referrals.addDelays, {
      body: { effectiveFrom: day(-1), answerDays: 20, source: 'Rétroactif' },
    });
    expect(past.error?.fields?.[0]?.message).toBe(
      'Un délai ne s’applique pas au passé : choisissez aujourd’hui ou une date à venir.',
    );
    // …a rule in force on its sending day does.
    await app.ctx.db
      .insertInto('rule_set')
      .values({
        department_code: '13',
        kind: 'referral_delays',
        effective_from: day(-30),
        value: JSON.stringify({ answerDays: 20 }),
        source: 'Test',
        created_by: null,
      })
      .execute();
    expect(await flagged()).toMatchObject({ overdue: false, answerDueOn: day(8) });
    expect(
      (
        await referent.call(api.referrals.addDelays, {
          body: { effectiveFrom: today, answerDays: 3, source: 'Essai' },
        })
      ).status,
    ).toBe(403);
  });

  it('counts the hours of an accepted fiche in its contract’s weekly plan, once per action', async () => {
    const db = app.ctx.db;
    const contract = await db
      .insertInto('engagement_contract')
      .values({
        department_code: '13',
        person_id: person,
        signed_on: null,
        start_date: today,
        end_date: day(181),
        weekly_hours: 10,
        hours_regime: 'standard',
        source: 'parcours',
        status: 'draft',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await db
      .insertInto('engagement_contract_version')
      .values({
        department_code: '13',
        contract_id: contract.id,
        number: 1,
        status: 'draft',
        content: JSON.stringify({
          startDate: today,
          endDate: day(181),
          bodyCommitments: 'Un rendez-vous par mois.',
          personCommitments: 'Suivre le plan.',
          hoursRegime: 'standard',
          reducedReason: null,
          exemptionGround: null,
          childUnder12Statement: false,
        }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('contract_plan_step')
      .values({
        department_code: '13',
        contract_id: contract.id,
        version_id: version.id,
        position: 1,
        objective_id: 'choisir_un_metier.confirmer_son_choix_de_metier',
        kind: 'training',
        label: 'Formation',
        weekly_hours: 10,
        start_date: today,
        end_date: day(181),
      })
      .execute();
    const s4 = await session(ids.action, 'Session du contrat', 14, 41, 5, 6);
    const sent = await send(referent, person, {
      actionId: ids.action,
      sessionId: s4,
      contractId: contract.id,
    });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body.contractId).toBe(contract.id);
    const weeksOf = async () => {
      const read = await referent.call(api.contracts.get, { params: { id: contract.id } });
      expect(read.status, read.text).toBe(200);
      return read.body.versions[0]!;
    };
    // Sent, not yet accepted: not counted.
    expect((await weeksOf()).referralSteps).toEqual([]);
    await operator.call(api.referrals.accept, {
      params: { id: sent.body.id },
      body: { version: sent.body.version },
    });
    const v = await weeksOf();
    expect(v.referralSteps).toEqual([
      expect.objectContaining({
        label: 'Action : T-1 — Action de test T-1',
        weeklyHours: 6,
        startDate: day(14),
        endDate: day(41),
      }),
    ]);
    expect(v.weeks[0]!.hours).toBe(10);
    expect(v.weeks[3]!.hours).toBe(16);
    expect(v.weeks.at(-1)!.hours).toBe(10);
    // A plan step naming the same action: the fiche is not counted twice.
    await db
      .updateTable('contract_plan_step')
      .set({ action_id: ids.action })
      .where('version_id', '=', version.id)
      .execute();
    const named = await weeksOf();
    expect(named.referralSteps).toEqual([]);
    expect(named.weeks[3]!.hours).toBe(10);
    // Another person's contract is refused.
    const other = await send(referent, filler, {
      actionId: ids.action,
      sessionId: s4,
      contractId: contract.id,
    });
    expect(other.error?.fields?.[0]?.message).toBe('Ce contrat n’est pas un contrat de cette personne.');
  });
});
