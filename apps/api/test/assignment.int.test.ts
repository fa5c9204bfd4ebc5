import { api } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/access/application/accounts';
import { currentReferentOf } from '../src/modules/accompaniment';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';
import { daysAgo, structureIdOf } from './support/orientation-fixtures';

/*
 * Issue 11, point 1: the assignment inbox of a structure, the référents' load against dated caps,
 * bulk assignment (all or nothing, over-cap reason), change of référent with history and notices.
 */
describe.each(engines)('référent unique: inbox, assignment, change (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let manager: Client;
  let other: Client;
  let admin: Client;
  let referentUser: Client;
  let mds: string;
  let lieu: string;
  const persons: Record<string, string> = {};
  let synthetic: string;
  let foreignReferent: string;

  const orient = (personId: string, structureId: string, notifiedOn: string, pathway = 'social') =>
    app.ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: personId,
        notified_on: notifiedOn,
        decided_on: notifiedOn,
        pathway,
        structure_id: structureId,
        source: 'test',
      })
      .execute();
  const referentRow = (structureId: string, firstName: string, lastName: string) =>
    app.ctx.db
      .insertInto('referent')
      .values({
        department_code: '13',
        structure_id: structureId,
        first_name: firstName,
        last_name: lastName,
        active_from: '2020-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const openOf = (personId: string) =>
    app.ctx.db
      .selectFrom('referent_assignment')
      .selectAll()
      .where('person_id', '=', personId)
      .where('to_date', 'is', null)
      .execute();
  const referentOfAccount = async (email: string) =>
    (
      await app.ctx.db
        .selectFrom('referent as r')
        .innerJoin('account as a', 'a.id', 'r.account_id')
        .select('r.id')
        .where('a.email', '=', email)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    app = await startTestApp(engine);
    mds = await structureIdOf(app, 'MDS Marseille 2/3');
    lieu = await structureIdOf(app, "Lieu d'accueil Marseille 2/3");
    await createAccount(
      app.ctx,
      null,
      {
        email: 'responsable.autre@parcours.test',
        displayName: 'Paul Autre',
        role: 'structure_manager',
        hubId: null,
        structureId: lieu,
        password: 'Parcours-demo-2026',
      },
      null,
    );
    manager = await loggedIn(app, 'responsable@parcours.test');
    other = await loggedIn(app, 'responsable.autre@parcours.test');
    admin = await loggedIn(app, 'admin@parcours.test');
    referentUser = await loggedIn(app, 'referent@parcours.test');
    for (const [key, days] of [
      ['old', 40],
      ['mid', 20],
      ['recent', 3],
      ['extra', 10],
    ] as const) {
      persons[key] = await createTestPerson(app, {
        firstName: key,
        lastName: 'Affectation',
        email: key === 'mid' ? { value: 'mid@exemple.test', consent: 'A' } : undefined,
        phone: key === 'mid' ? { value: '0612345678', consent: 'A' } : undefined,
      });
      await orient(persons[key]!, mds, daysAgo(days), key === 'recent' ? 'professional' : 'social');
    }
    persons.lieu = await createTestPerson(app, { firstName: 'lieu', lastName: 'Affectation' });
    await orient(persons.lieu, lieu, daysAgo(5));
    synthetic = await referentRow(mds, 'Zoé', 'Synthétique');
    foreignReferent = await referentRow(lieu, 'Léon', 'Ailleurs');
  });

  it('lists the persons oriented to the structure without a référent, oldest first, with deadlines', async () => {
    const res = await manager.call(api.accompaniment.assignmentInbox, { query: {} });
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((i) => i.lastName === 'Affectation');
    expect(mine.map((i) => i.firstName)).toEqual(['old', 'mid', 'extra', 'recent']);
    const old = mine[0]!;
    expect(old.daysSinceOrientation).toBe(40);
    expect(old.firstAppointmentOverdue).toBe(true);
    expect(old.contractLegalOverdue).toBe(true);
    expect(old.contractConventionOverdue).toBe(false);
    const recent = mine[3]!;
    expect(recent.firstAppointmentDue).toBeNull(); // professional pathway: no 2-week target
    expect(recent.contractLegalOverdue).toBe(false);
    expect(res.body.items.some((i) => i.personId === persons.lieu)).toBe(false);
    // Every account of the structure is a référent: the référent and the manager themself.
    const names = res.body.referents.map((r) => `${r.firstName} ${r.lastName}`);
    expect(names).toEqual(expect.arrayContaining(['Zoé Synthétique']));
    expect(res.body.referents.filter((r) => r.accountId !== null)).toHaveLength(2);
    expect(res.body.referents.every((r) => r.cap === 150 && r.load === 0)).toBe(true);
    // Ties (all empty): by last name.
    const sorted = [...res.body.referents].sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr'));
    expect(res.body.proposedReferentId).toBe(sorted[0]!.id);
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['details', 'person_ids'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', 'assignment.inbox')
      .executeTakeFirst();
    expect(trace).toBeDefined();
    expect(JSON.stringify(trace)).toContain(persons.old);
  });

  it('keeps a manager to their own structure (refusals traced)', async () => {
    const denied = await other.call(api.accompaniment.assignmentInbox, { query: { structureId: mds } });
    expect(denied.status).toBe(403);
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'assignment.inbox_denied')
      .where('target_id', '=', mds)
      .execute();
    expect(trace.length).toBeGreaterThan(0);
    const own = await other.call(api.accompaniment.assignmentInbox, { query: {} });
    expect(own.status).toBe(200);
    expect(own.body.items.map((i) => i.personId)).toEqual([persons.lieu]);
    expect(own.body.items.some((i) => i.personId === persons.old)).toBe(false);
    // Assigning MDS persons: to their own référent (not in scope), or to an MDS référent.
    const a = await other.call(api.accompaniment.assignPersons, {
      body: { referentId: foreignReferent, personIds: [persons.old!] },
    });
    expect([400, 403, 404]).toContain(a.status);
    const b = await other.call(api.accompaniment.assignPersons, {
      body: { referentId: synthetic, personIds: [persons.lieu!] },
    });
    expect(b.status).toBe(400);
    expect(JSON.stringify(b.error)).toContain('autre structure');
    expect(await openOf(persons.old!)).toHaveLength(0);
    expect(await openOf(persons.lieu!)).toHaveLength(0);
    // A manager of the MDS cannot give a person to a référent of another structure either.
    const c = await manager.call(api.accompaniment.assignPersons, {
      body: { referentId: foreignReferent, personIds: [persons.old!] },
    });
    expect(c.status).toBe(400);
    expect(await openOf(persons.old!)).toHaveLength(0);
    // An administrator opens any structure's inbox, but must say which.
    expect((await admin.call(api.accompaniment.assignmentInbox, { query: {} })).status).toBe(400);
    const adm = await admin.call(api.accompaniment.assignmentInbox, { query: { structureId: lieu } });
    expect(adm.body.items.map((i) => i.personId)).toEqual([persons.lieu]);
  });

  it('assigns in bulk all or nothing, and refuses an already assigned person', async () => {
    const bad = await manager.call(api.accompaniment.assignPersons, {
      body: { referentId: synthetic, personIds: [persons.old!, persons.lieu!] },
    });
    expect(bad.status).toBe(403); // the lieu d'accueil's person is outside the MDS's scope
    expect(await openOf(persons.old!)).toHaveLength(0);
    const ok = await manager.call(api.accompaniment.assignPersons, {
      body: { referentId: synthetic, personIds: [persons.old!, persons.extra!] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ assigned: 2, load: 2, cap: 150 });
    const open = await openOf(persons.old!);
    expect(open).toHaveLength(1);
    expect(open[0]!.assigned_by).not.toBeNull();
    const again = await manager.call(api.accompaniment.assignPersons, {
      body: { referentId: synthetic, personIds: [persons.mid!, persons.old!] },
    });
    expect(again.status).toBe(409);
    expect(await openOf(persons.mid!)).toHaveLength(0);
    const inbox = await manager.call(api.accompaniment.assignmentInbox, { query: {} });
    expect(inbox.body.items.some((i) => i.personId === persons.old)).toBe(false);
    expect(inbox.body.referents.find((r) => r.id === synthetic)?.load).toBe(2);
    const line = await app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'data'])
      .where('person_id', '=', persons.old!)
      .where('type', '=', 'referent_assignment')
      .executeTakeFirst();
    expect(JSON.stringify(line?.data)).toContain('Zoé Synthétique');
  });

  it('requires a reason over the cap (dated caps), naming the référent and the cap', async () => {
    const caps = await admin.call(api.accompaniment.portfolioCaps);
    expect(caps.body.current.byKind.lieu_accueil).toBe(150);
    expect(caps.body.current.globalSupportPair).toBe(70);
    const today = parisToday();
    const set = await admin.call(api.accompaniment.addPortfolioCaps, {
      body: {
        ...caps.body.current,
        byKind: { ...caps.body.current.byKind, mds: 2 },
        effectiveFrom: today,
        source: 'Test : plafond réduit',
      },
    });
    expect(set.status).toBe(201);
    expect(set.body.current.byKind.mds).toBe(2);
    const twice = await admin.call(api.accompaniment.addPortfolioCaps, {
      body: { ...caps.body.current, effectiveFrom: today, source: 'Encore' },
    });
    expect(twice.status).toBe(409);
    const past = await admin.call(api.accompaniment.addPortfolioCaps, {
      body: { ...caps.body.current, effectiveFrom: '2021-01-01', source: 'Passé' },
    });
    expect(past.status).toBe(400);
    expect(
      (
        await manager.call(api.accompaniment.addPortfolioCaps, {
          body: { ...caps.body.current, effectiveFrom: today, source: 'x' },
        })
      ).status,
    ).toBe(403);

    const refused = await manager.call(api.accompaniment.assignPersons, {
      body: { referentId: synthetic, personIds: [persons.mid!] },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.error)).toContain('Zoé Synthétique');
    expect(JSON.stringify(refused.error)).toContain('plafond de 2');
    expect(await openOf(persons.mid!)).toHaveLength(0);
    const withReason = await manager.call(api.accompaniment.assignPersons, {
      body: {
        referentId: synthetic,
        personIds: [persons.mid!],
        overCapReason: 'Suivi déjà engagé avec la famille',
      },
    });
    expect(withReason.status).toBe(200);
    expect((await openOf(persons.mid!))[0]!.over_cap_reason).toBe('Suivi déjà engagé avec la famille');
  });

  it('changes the référent with history, timeline and notices queued in the outbox', async () => {
    const target = await referentOfAccount('referent@parcours.test');
    const missing = await manager.call(api.accompaniment.changeReferent, {
      params: { id: persons.mid! },
      body: { referentId: target, reason: '' },
    });
    expect(missing.status).toBe(400);
    const res = await manager.call(api.accompaniment.changeReferent, {
      params: { id: persons.mid! },
      body: { referentId: target, reason: 'Rapprochement du domicile' },
    });
    expect(res.status).toBe(200);
    expect(res.body.current?.referentId).toBe(target);
    expect(res.body.items).toHaveLength(2);
    const closed = res.body.items.find((i) => i.referentId === synthetic)!;
    expect(closed.toDate).toBe(parisToday());
    expect(closed.endReason).toBe('Rapprochement du domicile');
    expect(closed.endedByName).not.toBeNull();
    const messages = await app.ctx.db
      .selectFrom('message')
      .select(['id', 'channel', 'recipient', 'template_code', 'kind'])
      .where('person_id', '=', persons.mid!)
      .where('kind', '=', 'referent_change')
      .execute();
    expect(messages.map((m) => `${m.template_code}/${m.channel}`).sort()).toEqual([
      'referent_change/email',
      'referent_change/sms',
      'referent_change_referent/email',
    ]);
    expect(messages.find((m) => m.template_code === 'referent_change_referent')?.recipient).toBe(
      'referent@parcours.test',
    );
    const jobs = await app.ctx.db
      .selectFrom('job')
      .select('payload')
      .where('queue', 'in', ['email', 'sms'])
      .execute();
    for (const m of messages) expect(JSON.stringify(jobs)).toContain(m.id);
    const line = await app.ctx.db
      .selectFrom('timeline_event')
      .select('data')
      .where('person_id', '=', persons.mid!)
      .where('type', '=', 'referent_change')
      .executeTakeFirst();
    expect(JSON.stringify(line?.data)).toContain('Rapprochement du domicile');
    // Same référent again: refused, nothing changed.
    const same = await manager.call(api.accompaniment.changeReferent, {
      params: { id: persons.mid! },
      body: { referentId: target, reason: 'Encore' },
    });
    expect(same.status).toBe(400);
    // Unreachable person: the change stands, no message to them.
    const ext = await manager.call(api.accompaniment.changeReferent, {
      params: { id: persons.extra! },
      body: { referentId: target, reason: 'Départ de la référente' },
    });
    expect(ext.status).toBe(200);
    const extMessages = await app.ctx.db
      .selectFrom('message')
      .select('template_code')
      .where('person_id', '=', persons.extra!)
      .execute();
    expect(extMessages.map((m) => m.template_code)).toEqual(['referent_change_referent']);
    // The current référent, for the beneficiary space.
    const current = await currentReferentOf(app.ctx.db, '13', persons.mid!);
    expect(current).toMatchObject({
      referentId: target,
      structureName: 'MDS Marseille 2/3',
      email: 'referent@parcours.test',
    });
  });

  it('shows the history to readers of the file; other structures cannot see or change it', async () => {
    const read = await referentUser.call(api.accompaniment.personReferents, { params: { id: persons.mid! } });
    expect(read.status).toBe(200);
    expect(read.body.items).toHaveLength(2);
    expect(read.body.candidates).toEqual([]);
    const foreign = await other.call(api.accompaniment.personReferents, { params: { id: persons.mid! } });
    expect(foreign.status).toBe(403);
    const change = await other.call(api.accompaniment.changeReferent, {
      params: { id: persons.mid! },
      body: { referentId: foreignReferent, reason: 'Essai hors périmètre' },
    });
    expect(change.status).toBe(403);
    expect(await openOf(persons.mid!)).toHaveLength(1);
  });
});
