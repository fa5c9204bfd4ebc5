import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTerritory, readTerritoryFile } from '../src/modules/territory/application/load-territory';
import { engines, loggedIn, startTestApp } from './support/harness';

describe.each(engines)('territory (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('loads the communes of the Bouches-du-Rhône with Marseille by arrondissement, each in one pôle', async () => {
    const client = await loggedIn(app, 'orientation@parcours.test');
    const hubs = (await client.call(api.territory.listHubs)).body.items;
    expect(hubs.map((h: { name: string }) => h.name).sort()).toEqual(
      [
        'Aix-Gardanne',
        'Arles-Salon-Berre',
        'Aubagne-La Ciotat',
        'Istres-Marignane-Martigues-Vitrolles',
        'Marseille 1/5/6/7',
        'Marseille 13/14',
        'Marseille 15/16',
        'Marseille 2/3',
        'Marseille 4/8/9/10/11/12',
      ].sort(),
    );
    const communes = (await client.call(api.territory.listCommunes)).body.items;
    expect(communes).toHaveLength(134);
    expect(communes.find((c: { inseeCode: string }) => c.inseeCode === '13055')).toBeUndefined();
    const m3 = communes.find((c: { inseeCode: string }) => c.inseeCode === '13203');
    expect(m3).toMatchObject({ name: 'Marseille 3e Arrondissement', hubName: 'Marseille 2/3' });
    expect(communes.filter((c: { hubId: string | null }) => !c.hubId)).toEqual([]);
    const search = (await client.call(api.territory.listCommunes, { query: { q: 'etang' } })).body.items;
    expect(search.map((c: { name: string }) => c.name)).toContain("Berre-l'Étang");
  });

  it('lets an administrator move a commune to another pôle, and keeps it on reload', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const hubs = (await admin.call(api.territory.listHubs)).body.items;
    const aubagne = hubs.find((h) => h.code === 'aubagne-la-ciotat')!;
    const res = await admin.put('/api/territory/communes/13002/hub', { hubId: aubagne.id });
    expect(res.status).toBe(200);
    const marseille1314 = hubs.find((h) => h.code === 'marseille-13-14')!;
    expect(
      (await admin.put('/api/territory/communes/13002/hub', { hubId: marseille1314.id })).body.hubName,
    ).toBe('Marseille 13/14');
    // Reloading the default file does not undo the administrator's choice.
    await loadTerritory(
      app.ctx,
      readTerritoryFile(path.resolve('apps/api/src/modules/territory/infra/territories/13.json')),
    );
    const allauch = (await admin.call(api.territory.listCommunes, { query: { q: 'Allauch' } })).body
      .items[0]!;
    expect(allauch.hubName).toBe('Marseille 13/14');

    const advisor = await loggedIn(app, 'orientation@parcours.test');
    expect((await advisor.put('/api/territory/communes/13002/hub', { hubId: aubagne.id })).status).toBe(403);
    expect((await admin.put('/api/territory/communes/99999/hub', { hubId: aubagne.id })).status).toBe(404);
  });

  it('renames a pôle with optimistic concurrency', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const hub = (await admin.call(api.territory.listHubs)).body.items[0]!;
    const ok = await admin.put(`/api/territory/hubs/${hub.id}`, {
      name: `${hub.name} (renommé)`,
      version: hub.version,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(hub.version + 1);
    const stale = await admin.put(`/api/territory/hubs/${hub.id}`, { name: 'Autre', version: hub.version });
    expect(stale.status).toBe(409);
  });

  it('creates and edits structures, with French field errors and version conflicts', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const hubs = (await admin.call(api.territory.listHubs)).body.items;
    const bad = await admin.post('/api/territory/structures', {
      kind: 'mds',
      name: 'X',
      hubId: hubs[0]!.id,
      communeCode: '1',
      address: null,
      email: 'pas-un-mail',
      phone: '12',
      active: true,
    });
    expect(bad.status).toBe(400);
    const messages = Object.fromEntries(
      bad.body.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]),
    );
    expect(messages).toMatchObject({
      name: 'Le nom doit contenir au moins 2 caractères.',
      communeCode: 'Code INSEE invalide (5 caractères).',
      email: 'Adresse e-mail invalide.',
      phone: 'Numéro de téléphone invalide.',
    });
    const input = {
      kind: 'lieu_accueil',
      name: "Lieu d'accueil Les Calanques",
      hubId: hubs[0]!.id,
      communeCode: '13209',
      address: '1 rue de la Mer',
      email: 'accueil@calanques.test',
      phone: '04 91 00 00 00',
      active: true,
    };
    const created = await admin.post('/api/territory/structures', input);
    expect(created.status).toBe(201);
    expect((await admin.post('/api/territory/structures', input)).status).toBe(409);
    const outside = await admin.post('/api/territory/structures', {
      ...input,
      name: 'Ailleurs',
      communeCode: '84007',
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0].path).toBe('communeCode');

    const updated = await admin.put(`/api/territory/structures/${created.body.id}`, {
      ...input,
      active: false,
      version: 1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.active).toBe(false);
    expect(
      (await admin.put(`/api/territory/structures/${created.body.id}`, { ...input, version: 1 })).status,
    ).toBe(409);
    const list = (await admin.call(api.territory.listStructures, { query: { kind: 'lieu_accueil' } })).body
      .items;
    expect(list.some((s: { id: string }) => s.id === created.body.id)).toBe(true);
  });

  it('configures another département by data alone', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-')), '84.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        departmentCode: '84',
        name: 'Vaucluse',
        hubs: [
          { code: 'avignon', name: 'Avignon', communes: ['84007'] },
          { code: 'carpentras', name: 'Carpentras', communes: ['84031'] },
        ],
      }),
    );
    const result = await loadTerritory(app.ctx, readTerritoryFile(file));
    expect(result.hubs).toBe(2);
    expect(result.communes).toBeGreaterThan(100);
    expect(result.unassigned.length).toBe(result.communes - 2);
    const avignon = await app.ctx.db
      .selectFrom('commune as c')
      .innerJoin('insertion_hub as h', 'h.id', 'c.hub_id')
      .select(['c.name', 'h.name as hub', 'c.department_code'])
      .where('c.insee_code', '=', '84007')
      .executeTakeFirstOrThrow();
    expect(avignon).toEqual({ name: 'Avignon', hub: 'Avignon', department_code: '84' });
    // The 13's agents do not see the 84's territory.
    const admin = await loggedIn(app, 'admin@parcours.test');
    const hubs = (await admin.call(api.territory.listHubs)).body.items;
    expect(hubs.some((h: { code: string }) => h.code === 'avignon')).toBe(false);
  });

  it('refuses an incoherent territory file', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-')), 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        departmentCode: '13',
        name: 'Bouches-du-Rhône',
        hubs: [
          { code: 'a', name: 'Pôle A', communes: ['13201', '84007'] },
          { code: 'b', name: 'Pôle B', communes: ['13201'] },
        ],
      }),
    );
    await expect(loadTerritory(app.ctx, readTerritoryFile(file))).rejects.toThrow(
      /84007 inconnue[\s\S]*13201 rattachée à deux pôles/,
    );
  });
});
