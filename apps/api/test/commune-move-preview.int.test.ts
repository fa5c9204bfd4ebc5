import { api } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { engines, loggedIn, startTestApp } from './support/harness';

let claim = 0;

/** A synthetic household of `size` persons living in the commune, written directly. */
async function household(app: Awaited<ReturnType<typeof startTestApp>>, commune: string, size: number) {
  claim++;
  const h = await app.ctx.db
    .insertInto('household')
    .values({
      department_code: '13',
      organism: 'CAF',
      claim_number: `138${String(process.pid % 1000).padStart(3, '0')}${String(claim).padStart(5, '0')}`,
      commune_code: commune,
      rights_status: '2',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < size; i++) {
    await app.ctx.db
      .insertInto('person')
      .values({
        department_code: '13',
        birth_name: `DEPLACEMENT${claim}`,
        first_name: `Membre${i}`,
        birth_date: `198${i}-03-0${i + 1}`,
        sex: i % 2 ? 'M' : 'F',
        household_id: h.id,
        household_role: i === 0 ? 'DEM' : 'CJT',
      })
      .execute();
  }
}

describe.each(engines)('commune move preview (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('counts the households of the commune and their persons, and nothing else', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const hubs = (await admin.call(api.territory.listHubs)).body.items;
    const aubagne = hubs.find((h) => h.code === 'aubagne-la-ciotat')!;
    const preview = () =>
      admin.call(api.territory.previewCommuneMove, {
        params: { inseeCode: '13204' },
        query: { hubId: aubagne.id },
      });

    const empty = await preview();
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      inseeCode: '13204',
      communeName: 'Marseille 4e Arrondissement',
      fromHubName: 'Marseille 4/8/9/10/11/12',
      toHubName: 'Aubagne-La Ciotat',
      householdCount: 0,
      personCount: 0,
    });

    await household(app, '13204', 2);
    await household(app, '13204', 1);
    await household(app, '13205', 3); // another commune: does not move
    const counted = await preview();
    expect(counted.body).toMatchObject({ householdCount: 2, personCount: 3 });
    // Counts only: no name of a person in the answer.
    expect(JSON.stringify(counted.body)).not.toContain('DEPLACEMENT');

    // A preview moves nothing.
    const commune = (await admin.call(api.territory.listCommunes, { query: { q: '13204' } })).body.items[0]!;
    expect(commune.hubName).toBe('Marseille 4/8/9/10/11/12');
  });

  it('is for territory managers only, and refuses an unknown commune or pôle', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const hubs = (await admin.call(api.territory.listHubs)).body.items;
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const url = `/api/territory/communes/13204/move-preview?hubId=${hubs[0]!.id}`;
    expect((await advisor.get(url)).status).toBe(403);
    expect((await admin.get(url)).status).toBe(200);
    expect((await admin.get(`/api/territory/communes/99999/move-preview?hubId=${hubs[0]!.id}`)).status).toBe(
      404,
    );
    const unknownHub = await admin.get(
      '/api/territory/communes/13204/move-preview?hubId=00000000-0000-4000-8000-000000000000',
    );
    expect(unknownHub.status).toBe(400);
    expect((await admin.get('/api/territory/communes/13204/move-preview')).status).toBe(400);
  });
});
