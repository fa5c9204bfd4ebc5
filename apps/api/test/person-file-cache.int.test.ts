import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/access/application/accounts';
import { fileBatchStats, getPersonFile } from '../src/modules/beneficiaries/application/person-file';
import type { DomainError } from '../src/platform/errors';
import { actorOf, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';

/**
 * The person-file query is compiled once per scope and reused with another person id (load,
 * issue 8): a query compiled for one pôle must never answer for another, and the file read
 * through it must hold the same values as before (one JSON row).
 */
describe.each(engines)('person file, compiled query per scope (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let here: string;
  let there: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    const db = app.ctx.db;
    here = await createTestPerson(app, { firstName: 'Ici', lastName: 'Cachepole' });
    there = await createTestPerson(app, { firstName: 'Labas', lastName: 'Cachepole' });
    const home = await db
      .selectFrom('commune')
      .select('hub_id')
      .where('insee_code', '=', '13203')
      .executeTakeFirstOrThrow();
    const elsewhere = await db
      .selectFrom('commune')
      .select(['insee_code', 'hub_id'])
      .where('hub_id', '!=', home.hub_id!)
      .orderBy('insee_code')
      .executeTakeFirstOrThrow();
    const household = await db
      .selectFrom('person')
      .select('household_id')
      .where('id', '=', there)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('household')
      .set({ commune_code: elsewhere.insee_code })
      .where('id', '=', household.household_id!)
      .execute();
    await createAccount(
      app.ctx,
      null,
      {
        email: `ailleurs-${engine}@parcours.test`,
        displayName: 'Anne Ailleurs',
        role: 'orientation_advisor',
        hubId: elsewhere.hub_id!,
        structureId: null,
        password: 'Parcours-demo-2026',
      },
      null,
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers each pôle with its own scope, read after read', async () => {
    const local = await loggedIn(app, 'orientation@parcours.test');
    const remote = await loggedIn(app, `ailleurs-${engine}@parcours.test`);
    for (let round = 0; round < 3; round++) {
      expect((await local.get(`/api/persons/${here}`)).status).toBe(200);
      expect((await remote.get(`/api/persons/${here}`)).status).toBe(403);
      expect((await remote.get(`/api/persons/${there}`)).status).toBe(200);
      expect((await local.get(`/api/persons/${there}`)).status).toBe(403);
    }
  });

  it('reads the file values unchanged through the one-row JSON query', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const res = await admin.get(`/api/persons/${here}`);
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({
      id: here,
      firstName: 'Ici',
      birthName: 'Cachepole',
      birthDate: '1988-04-12',
      sex: 'F',
      rightsOpen: true,
      householdRole: 'DEM',
    });
    expect(res.body.household).toMatchObject({
      organism: 'CAF',
      address: '12 RUE DES LILAS 13003 MARSEILLE',
      communeCode: '13203',
      rightsStatus: '2',
    });
    expect(res.body.household.members).toEqual([
      expect.objectContaining({ personId: here, firstName: 'Ici', birthDate: '1988-04-12' }),
    ]);
    // An unknown id through the same compiled query: not found, not another person's file.
    const missing = await admin.get('/api/persons/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });

  it('answers readings asked in the same turn from one statement per scope, each with its own file', async () => {
    const local = await actorOf(app, 'orientation@parcours.test');
    const remote = await actorOf(app, `ailleurs-${engine}@parcours.test`);
    const admin = await actorOf(app, 'admin@parcours.test');
    const missing = '00000000-0000-4000-8000-000000000000';
    const countReads = async () =>
      Number(
        (
          await app.ctx.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('action', '=', 'person.read')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const readsBefore = await countReads();
    const before = { ...fileBatchStats };
    // Three scopes, several persons in each, refusals and an unknown id, all in the same turn.
    const asked = [
      ...[here, there, here, there, missing, here].map((id) => ({
        who: admin,
        id,
        outcome: id === missing ? 'not_found' : id === here ? 'Ici' : 'Labas',
      })),
      { who: local, id: here, outcome: 'Ici' },
      { who: local, id: there, outcome: 'forbidden' },
      { who: local, id: here, outcome: 'Ici' },
      { who: remote, id: here, outcome: 'forbidden' },
      { who: remote, id: there, outcome: 'Labas' },
    ];
    const answers = await Promise.allSettled(
      asked.map((a, n) => getPersonFile(app.ctx, a.who, a.id, { ip: '127.0.0.1', id: `lot-${n}` })),
    );
    const outcomes = answers.map((a) =>
      a.status === 'fulfilled' ? a.value.person.firstName : (a.reason as DomainError).kind,
    );
    expect(outcomes).toEqual(asked.map((a) => a.outcome));
    answers.forEach((a, n) => {
      if (a.status === 'fulfilled') expect(a.value.person.id).toBe(asked[n]!.id);
    });
    expect(fileBatchStats.readings - before.readings).toBe(asked.length);
    expect(fileBatchStats.statements - before.statements).toBe(3);
    // Each answered reading left its own trace: sharing a statement shares no audit row.
    expect((await countReads()) - readsBefore).toBe(
      outcomes.filter((o) => o === 'Ici' || o === 'Labas').length,
    );
  });
});
