import { api } from '@parcours/contracts';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { assertReferrable } from '../src/modules/offer';
import { DomainError } from '../src/platform/errors';
import { addReferral, createAction, createSession } from './support/catalogue-fixtures';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';

async function hubIdOf(app: RunningApp, code: string) {
  const h = await app.ctx.db
    .selectFrom('insertion_hub')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return h.id;
}

const codesOf = (items: { code: string }[]) => items.map((i) => i.code).filter((c) => c.startsWith('ZT'));

describe.each(engines)('catalogue (%s)', (engine) => {
  let app: RunningApp;
  let admin: Client;
  let referent: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp(engine);
    admin = await loggedIn(app, 'admin@parcours.test');
    referent = await loggedIn(app, 'referent@parcours.test');
    const m23 = await hubIdOf(app, 'marseille-2-3');
    const aix = await hubIdOf(app, 'aix-gardanne');
    const tremplin = await app.ctx.db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'Association Tremplin Provence')
      .executeTakeFirstOrThrow();
    // ZT-1 whole département; ZT-2 the commune 13203; ZT-3 the pôle Marseille 2/3; ZT-4 the pôle Aix; ZT-5 a commune of Aix.
    ids.a1 = (
      await createAction(admin, 'ZT-1', {
        title: 'Zéphyr permis de conduire',
        thematiques: ['mobilite--preparer-un-permis'],
        publics: ['jeunes'],
        targetMinAge: 18,
        targetMaxAge: 25,
      })
    ).id;
    ids.a2 = (
      await createAction(admin, 'ZT-2', {
        title: 'Zéphyr remobilisation des femmes',
        thematiques: ['remobilisation--lien-social'],
        publics: ['femmes'],
        targetSex: 'F',
        description: 'Ateliers collectifs de remobilisation',
      })
    ).id;
    ids.a3 = (
      await createAction(admin, 'ZT-3', {
        title: 'Zéphyr emploi',
        thematiques: ['trouver-un-emploi--repondre-a-des-offres-demploi'],
        publics: ['tous-publics'],
      })
    ).id;
    ids.a4 = (
      await createAction(admin, 'ZT-4', {
        title: 'Zéphyr Aix',
        thematiques: ['mobilite--acceder-a-un-vehicule'],
      })
    ).id;
    ids.a5 = (await createAction(admin, 'ZT-5', { title: 'Zéphyr Gardanne' })).id;
    ids.a6 = (await createAction(admin, 'ZT-6', { title: 'Zéphyr annulée', status: 'annulee' })).id;
    const setTerritories = async (id: string, territories: object[]) => {
      const v = (await admin.call(api.catalogue.getAction, { params: { id } })).body.version;
      const res = await admin.call(api.catalogue.setTerritories, {
        params: { id },
        body: { territories: territories as never, version: v },
      });
      expect(res.status, res.text).toBe(200);
    };
    await setTerritories(ids.a2, [{ lot: 'Lot 1', communeCode: '13203' }]);
    await setTerritories(ids.a3, [{ hubId: m23 }]);
    await setTerritories(ids.a4, [{ hubId: aix }]);
    await setTerritories(ids.a5, [{ communeCode: '13041' }]);
    const v2 = (await admin.call(api.catalogue.getAction, { params: { id: ids.a2 } })).body.version;
    const ops = await admin.call(api.catalogue.setOperators, {
      params: { id: ids.a2 },
      body: { structureIds: [tremplin.id], version: v2 },
    });
    expect(ops.status, ops.text).toBe(200);
    expect(ops.body.operators.map((o) => o.name)).toEqual(['Association Tremplin Provence']);
  });

  const search = async (query: Record<string, string>) => {
    const res = await referent.call(api.catalogue.search, {
      query: { q: 'zephyr', pageSize: 100, ...query } as never,
    });
    expect(res.status, res.text).toBe(200);
    return codesOf(res.body.items);
  };

  it('finds actions by commune through its pôle, by pôle, and the whole-département ones everywhere', async () => {
    // Marseille 2e (pôle Marseille 2/3): the whole département and the pôle, not the 3e nor Aix.
    expect(await search({ communeCode: '13202' })).toEqual(['ZT-1', 'ZT-3']);
    expect(await search({ communeCode: '13203' })).toEqual(['ZT-1', 'ZT-2', 'ZT-3']);
    expect(await search({ hubId: await hubIdOf(app, 'marseille-2-3') })).toEqual(['ZT-1', 'ZT-2', 'ZT-3']);
    expect(await search({ hubId: await hubIdOf(app, 'aix-gardanne') })).toEqual(['ZT-1', 'ZT-4', 'ZT-5']);
    expect(await search({ communeCode: '13041' })).toEqual(['ZT-1', 'ZT-4', 'ZT-5']);
    const unknown = await referent.call(api.catalogue.search, { query: { communeCode: '84007' } });
    expect(unknown.status).toBe(400);
  });

  it('finds by need (diagnosis theme, family or thématique), public, age and sex, free text without accents', async () => {
    expect(await search({ need: 'mobilite' })).toEqual(['ZT-1', 'ZT-4']);
    expect(await search({ need: 'mobilite--preparer-un-permis' })).toEqual(['ZT-1']);
    expect(await search({ need: 'remobilisation' })).toEqual(['ZT-2']);
    expect(await search({ need: 'emploi' })).toEqual(['ZT-3']);
    expect((await referent.call(api.catalogue.search, { query: { need: 'nimporte' } })).status).toBe(400);
    expect(await search({ public: 'jeunes' })).toEqual(['ZT-1', 'ZT-3']);
    expect(await search({ age: '40' })).toEqual(['ZT-2', 'ZT-3', 'ZT-4', 'ZT-5']);
    expect(await search({ sex: 'M' })).toEqual(['ZT-1', 'ZT-3', 'ZT-4', 'ZT-5']);
    expect(await search({ q: 'ZÉPHYR REMOBILISATION' })).toEqual(['ZT-2']);
    expect(await search({ q: 'tremplin zephyr' })).toEqual(['ZT-2']);
    // Relevance first: the exact code, then the title.
    const res = await referent.call(api.catalogue.search, { query: { q: 'zt-4' } });
    expect(res.body.items[0]?.code).toBe('ZT-4');
  });

  it('leaves annulée actions out unless asked, and pages the results', async () => {
    expect(await search({})).not.toContain('ZT-6');
    expect(await search({ includeCancelled: 'true' })).toContain('ZT-6');
    const page1 = await referent.call(api.catalogue.search, { query: { q: 'zephyr', pageSize: 2, page: 1 } });
    const page2 = await referent.call(api.catalogue.search, { query: { q: 'zephyr', pageSize: 2, page: 2 } });
    expect(page1.body.total).toBe(5);
    expect(codesOf(page1.body.items)).toEqual(['ZT-1', 'ZT-2']);
    expect(codesOf(page2.body.items)).toEqual(['ZT-3', 'ZT-4']);
  });

  it('counts free places from the referrals holding a place (sent, accepted, entered) only', async () => {
    const action = await createAction(admin, 'ZT-P1', { title: 'Zéphyr places' });
    const session = await createSession(admin, action.id, { capacity: 5 });
    expect(session).toMatchObject({ capacity: 5, taken: 0, freePlaces: 5, state: 'open' });
    for (const status of ['sent', 'accepted', 'entered', 'refused', 'cancelled', 'exited'])
      await addReferral(app, action.id, session.id, status);
    const detail = (await referent.call(api.catalogue.getAction, { params: { id: action.id } })).body;
    expect(detail.sessions[0]).toMatchObject({ taken: 3, freePlaces: 2, state: 'open' });
    expect(detail.freePlaces).toBe(2);
    await addReferral(app, action.id, session.id, 'sent');
    await addReferral(app, action.id, session.id, 'accepted');
    const full = (await referent.call(api.catalogue.getAction, { params: { id: action.id } })).body;
    expect(full.sessions[0]).toMatchObject({ freePlaces: 0, state: 'full' });
    // "Only with free places" leaves it out; the search result carries the session.
    expect(await search({ q: 'zephyr places' })).toEqual(['ZT-P1']);
    expect(await search({ q: 'zephyr places', freeOnly: 'true' })).toEqual([]);
    // An action without sessions (permanent entries) stays in "only with free places".
    expect(await search({ freeOnly: 'true' })).toContain('ZT-1');
  });

  it('refuses a referral to a full, finished or cancelled session or an annulée action, in French', async () => {
    const action = await createAction(admin, 'ZT-R1', { title: 'Zéphyr orientation' });
    const open = await createSession(admin, action.id, { capacity: 1, label: 'Ouverte' });
    const past = await createSession(admin, action.id, {
      startsOn: '2025-01-06',
      endsOn: '2025-03-28',
      label: 'Passée',
    });
    const refusal = async (input: { actionId: string; sessionId: string | null }) => {
      try {
        await app.ctx.db
          .transaction()
          .execute((trx) => assertReferrable(trx, { ...input, onDate: '2026-02-02' }));
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        return (e as DomainError).message;
      }
    };
    expect(await refusal({ actionId: action.id, sessionId: null })).toBe(
      'Cette action a des sessions : choisissez-en une.',
    );
    expect(await refusal({ actionId: action.id, sessionId: past.id })).toBe('La session est terminée.');
    expect(await refusal({ actionId: action.id, sessionId: open.id })).toBeNull();
    expect(await refusal({ actionId: ids.a1!, sessionId: null })).toBeNull();
    expect(await refusal({ actionId: ids.a6!, sessionId: null })).toMatch(/^Cette action est annulée/);

    // Two référents on the last place at once: one referral passes, the other is told it is full.
    const { createTestPerson } = await import('./support/messaging-fixtures');
    const people = [
      await createTestPerson(app, { firstName: 'Dominique', lastName: 'Dernièreplace' }),
      await createTestPerson(app, { firstName: 'Claude', lastName: 'Dernièreplace' }),
    ];
    const take = (personId: string) =>
      app.ctx.db.transaction().execute(async (trx) => {
        await assertReferrable(trx, { actionId: action.id, sessionId: open.id, onDate: '2026-02-02' });
        await sql`SELECT pg_sleep(0.05)`.execute(trx);
        await trx
          .insertInto('referral')
          .values({
            department_code: '13',
            person_id: personId,
            action_id: action.id,
            session_id: open.id,
            status: 'sent',
            sent_on: '2026-02-02',
          })
          .execute();
      });
    const results = await Promise.allSettled(people.map(take));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as Error).message).toBe('La session est complète.');
    const count = await app.ctx.db
      .selectFrom('referral')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('session_id', '=', open.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    const v = (
      await admin.call(api.catalogue.cancelSession, {
        params: { id: past.id },
        body: { version: past.version },
      })
    ).body;
    expect(v.status).toBe('cancelled');
    expect(await refusal({ actionId: action.id, sessionId: past.id })).toBe('La session est annulée.');
  });

  it('lets an administrator edit an action and refuses bad input in French, changing nothing', async () => {
    const action = await createAction(admin, 'ZT-E1', { title: 'Zéphyr édition', weeklyHours: 10 });
    const body = {
      code: 'ZT-E1',
      title: 'Zéphyr édition modifiée',
      axis: 3,
      kind: 'hors_socle' as const,
      status: 'renforcee' as const,
      weeklyHours: 17.5,
      weeks: 12,
      thematiques: ['numerique--maitriser-les-fondamentaux-du-numerique' as const],
      phases: [{ label: 'Accueil', description: 'Deux entretiens', hours: 2 }],
      indicators: [{ label: 'Sorties positives', target: '30 %' }],
      unitCostCents: 123456,
      version: action.version,
    };
    const ok = await admin.call(api.catalogue.updateAction, { params: { id: action.id }, body });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({
      title: 'Zéphyr édition modifiée',
      kind: 'hors_socle',
      status: 'renforcee',
      weeklyHours: 17.5,
      unitCostCents: 123456,
      phases: [{ label: 'Accueil', description: 'Deux entretiens', hours: 2 }],
      version: action.version + 1,
    });
    const before = await app.ctx.db
      .selectFrom('insertion_action')
      .selectAll()
      .where('id', '=', action.id)
      .executeTakeFirstOrThrow();
    const refused = async (patch: object, status: number, path: string | null, message: RegExp) => {
      const res = await admin.call(api.catalogue.updateAction, {
        params: { id: action.id },
        body: { ...body, version: ok.body.version, ...patch } as never,
      });
      expect(res.status, res.text).toBe(status);
      const text = path ? res.error?.fields?.find((f) => f.path === path)?.message : res.error?.message;
      expect(text, res.text).toMatch(message);
    };
    await refused({ code: 'ZT-1' }, 409, 'code', /porte déjà ce code/);
    await refused({ axis: 5 }, 400, 'axis', /Axe invalide/);
    await refused({ weeklyHours: 61 }, 400, 'weeklyHours', /60 heures/);
    await refused({ thematiques: ['cuisine'] }, 400, 'thematiques.0', /./);
    await refused({ targetMinAge: 30, targetMaxAge: 20 }, 400, 'targetMaxAge', /inférieur à l’âge minimum/);
    await refused({ title: ' ' }, 400, 'title', /obligatoire/);
    await refused({ version: action.version }, 409, null, /modifiée par quelqu’un d’autre/);
    const after = await app.ctx.db
      .selectFrom('insertion_action')
      .selectAll()
      .where('id', '=', action.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    // Only administrators manage the catalogue.
    const denied = await referent.call(api.catalogue.createAction, {
      body: { code: 'ZT-X', title: 'Intrus', axis: 1, kind: 'socle', status: 'nouvelle' },
    });
    expect(denied.status).toBe(403);
  });

  it('keeps a session capacity above the places taken, refuses sessions of an annulée action, cancels once', async () => {
    const action = await createAction(admin, 'ZT-S1', { title: 'Zéphyr sessions' });
    const session = await createSession(admin, action.id, { capacity: 4 });
    await addReferral(app, action.id, session.id, 'accepted');
    await addReferral(app, action.id, session.id, 'entered');
    const base = {
      label: 'Session modifiée',
      startsOn: session.startsOn,
      endsOn: session.endsOn,
      place: null,
      communeCode: '13202',
      weeklyHours: 10,
    };
    const tooSmall = await admin.call(api.catalogue.updateSession, {
      params: { id: session.id },
      body: { ...base, capacity: 1, version: session.version },
    });
    expect(tooSmall.status).toBe(409);
    expect(tooSmall.error?.fields?.[0]).toMatchObject({ path: 'capacity' });
    expect(tooSmall.error?.message).toBe(
      'La capacité ne peut pas être inférieure aux places déjà prises (2).',
    );
    const edited = await admin.call(api.catalogue.updateSession, {
      params: { id: session.id },
      body: { ...base, capacity: 2, version: session.version },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({
      label: 'Session modifiée',
      capacity: 2,
      freePlaces: 0,
      state: 'full',
      communeName: expect.stringMatching(/Marseille 2e/),
    });
    const badDates = await admin.call(api.catalogue.updateSession, {
      params: { id: session.id },
      body: {
        ...base,
        startsOn: '2026-05-01',
        endsOn: '2026-04-01',
        capacity: 2,
        version: edited.body.version,
      },
    });
    expect(badDates.status).toBe(400);

    const cancelled = await admin.call(api.catalogue.cancelSession, {
      params: { id: session.id },
      body: { version: edited.body.version },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', state: 'cancelled' });
    const again = await admin.call(api.catalogue.cancelSession, {
      params: { id: session.id },
      body: { version: cancelled.body.version },
    });
    expect(again.status).toBe(409);
    expect(again.error?.message).toBe('Cette session est déjà annulée.');
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('target_id', '=', session.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'catalogue.session_cancelled',
      'catalogue.session_created',
      'catalogue.session_updated',
    ]);

    const noSession = await admin.call(api.catalogue.createSession, {
      params: { id: ids.a6! },
      body: { label: 'Impossible', startsOn: '2026-03-02', endsOn: '2026-04-02', capacity: 3 },
    });
    expect(noSession.status).toBe(409);
    expect(noSession.error?.message).toMatch(/annulée/);
  });

  it('shows every field of an action, its territories and budgets, to every agent', async () => {
    const op = await loggedIn(app, 'operateur@parcours.test');
    const res = await op.call(api.catalogue.getAction, { params: { id: ids.a2! } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'ZT-2',
      targetSex: 'F',
      territories: [
        { lot: 'Lot 1', communeCode: '13203', communeName: expect.stringMatching(/Marseille 3e/) },
      ],
      territoryLabel: expect.stringMatching(/Lot 1 : Marseille 3e/),
      budgets: [],
    });
    const filters = await referent.call(api.catalogue.filters);
    expect(filters.body.themes.map((t) => t.id)).toContain('mobilite');
    expect(filters.body.communes.find((c) => c.code === '13203')?.hubId).toBe(
      await hubIdOf(app, 'marseille-2-3'),
    );
    expect(filters.body.operators.map((o) => o.name)).toContain('Association Tremplin Provence');
    expect(
      (
        await referent.call(api.catalogue.getAction, {
          params: { id: '00000000-0000-4000-8000-000000000000' },
        })
      ).status,
    ).toBe(404);
  });

  it('gives the demo operators sessions on 3-4 and 3-5 (open, finished, cancelled), once', async () => {
    const { loadDemoSessions } = await import('../src/modules/offer/application/demo-sessions');
    const { createTestPerson } = await import('./support/messaging-fixtures');
    // Run again once the demo has persons: the full session's place is taken, once.
    await createTestPerson(app, { firstName: 'Sacha', lastName: 'Démo' });
    await loadDemoSessions(app.ctx);
    await loadDemoSessions(app.ctx);
    const found = await referent.call(api.catalogue.search, { query: { q: 'tremplin', pageSize: 50 } });
    const aciade = found.body.items.find((a) => a.code === '3-4');
    if (!aciade) {
      // The 2020 annex is not loaded in this build: the demo adds nothing.
      expect(
        await app.ctx.db
          .selectFrom('action_session')
          .select('id')
          .where('label', 'like', 'Session Marseille%')
          .execute(),
      ).toEqual([]);
      return;
    }
    const got = await referent.call(api.catalogue.getAction, { params: { id: aciade.id } });
    expect(got.status, got.text).toBe(200);
    const detail = got.body;
    expect(detail.operators.map((o) => o.name)).toContain('Association Tremplin Provence');
    expect(detail.allSessions).toHaveLength(4);
    expect(detail.allSessions.map((x) => x.state).sort()).toEqual(['cancelled', 'finished', 'full', 'open']);
    expect(detail.allSessions.find((x) => x.state === 'full')?.taken).toBe(1);
    expect(detail.thematiques.length).toBeGreaterThan(0);
    // Searched by need and commune, with free places.
    const byNeed = await referent.call(api.catalogue.search, {
      query: { need: 'choisir_un_metier', communeCode: '13203', pageSize: 100 },
    });
    expect(byNeed.body.items.find((a) => a.code === '3-4')?.freePlaces).toBeGreaterThan(0);
  });

  it('lets a contract’s plan step carry an action of the catalogue, not an annulée or unknown one', async () => {
    const { createTestPerson } = await import('./support/messaging-fixtures');
    const personId = await createTestPerson(app, { firstName: 'Lina', lastName: 'Plancatalogue' });
    const mds = await app.ctx.db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'MDS Marseille 2/3')
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: personId,
        notified_on: '2026-01-20',
        pathway: 'social',
        structure_id: mds.id,
        source: 'test',
      })
      .execute();
    const objective = await app.ctx.db
      .selectFrom('diagnostic_objective')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const content = (actionId: string) => ({
      startDate: '2026-03-02',
      endDate: '2026-08-31',
      bodyCommitments: 'Rendez-vous mensuel.',
      personCommitments: 'Suivre l’action.',
      hoursRegime: 'standard' as const,
      plan: [
        {
          objectiveId: objective.id,
          kind: 'catalogue_action' as const,
          actionId,
          label: 'Action du catalogue',
          weeklyHours: 15,
          startDate: '2026-03-02',
          endDate: '2026-08-31',
        },
      ],
    });
    const create = (actionId: string) =>
      referent.call(api.contracts.create, {
        params: { id: personId },
        body: { content: content(actionId), renewsContractId: null },
      });
    const cancelled = await create(ids.a6!);
    expect(cancelled.status, cancelled.text).toBe(400);
    expect(cancelled.error?.fields?.find((f) => f.path === 'content.plan.0.actionId')?.message).toBe(
      'Cette action du catalogue est annulée : choisissez-en une autre.',
    );
    const unknown = await create('00000000-0000-4000-8000-0000000000dd');
    expect(unknown.error?.fields?.find((f) => f.path === 'content.plan.0.actionId')?.message).toBe(
      'Action du catalogue inconnue.',
    );
    const ok = await create(ids.a1!);
    expect(ok.status, ok.text).toBe(201);
  });
});
