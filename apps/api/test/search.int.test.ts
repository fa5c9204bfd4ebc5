import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { type TestHousehold, vrsb } from './support/flux-xml';
import { engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-search-test-'));
let n = 0;
const file = (content: string) => {
  const f = path.join(dir, `flux-${++n}.xml`);
  fs.writeFileSync(f, content);
  return f;
};

// Aix (13001) is outside the pôle Marseille 2/3 of orientation@; 13203 is inside.
const households: TestHousehold[] = [
  {
    claimNumber: '13200000001',
    status: '2',
    inseeCode: '13001',
    persons: [
      {
        birthName: "N'GUYEN-ÉTIENNE",
        usualName: 'DUPONT',
        firstName: 'Jean-Marc',
        birthDate: '1979-11-30',
        sex: '1',
        role: 'DEM',
      },
      { birthName: 'DUPONT', firstName: 'Sophie', birthDate: '1981-01-15', role: 'CJT', subject: false },
    ],
  },
  {
    claimNumber: '13200000002',
    status: '2',
    persons: [{ birthName: 'BERNARD', firstName: 'Mélissa', birthDate: '1990-05-04', role: 'DEM' }],
  },
  {
    claimNumber: '13200000003',
    status: '2',
    persons: [{ birthName: 'BERNARD', firstName: 'Maxime', birthDate: '1987-02-11', sex: '1', role: 'DEM' }],
  },
  {
    claimNumber: '13200000004',
    status: '2',
    persons: [{ birthName: 'RENARD', firstName: 'Mélissa', birthDate: '1992-09-21', role: 'DEM' }],
  },
];

describe.each(engines)('Person search through the name dictionary (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const tokensOf = async (personId: string) =>
    (
      await app.ctx.db
        .selectFrom('person_name_token')
        .select('token')
        .where('person_id', '=', personId)
        .orderBy('token')
        .execute()
    ).map((r) => r.token);
  const idOf = async (firstName: string, birthName: string) =>
    (
      await app.ctx.db
        .selectFrom('person')
        .select('id')
        .where('first_name', '=', firstName)
        .where('birth_name', '=', birthName)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    app = await startTestApp(engine);
    const report = await importFlux(app.ctx, {
      filePath: file(vrsb({ date: '2026-03-02', households })),
      fileName: 'vrsb-20260302.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('applied');
  });

  it('keeps the words of every imported name, glued forms included and single letters left out', async () => {
    expect(await tokensOf(await idOf('Jean-Marc', "N'GUYEN-ÉTIENNE"))).toEqual([
      'dupont',
      'etienne',
      'guyen',
      'jean',
      'jeanmarc',
      'marc',
      'nguyenetienne',
    ]);
    expect(await tokensOf(await idOf('Mélissa', 'BERNARD'))).toEqual(['bernard', 'melissa']);
    const dictionary = (await app.ctx.db.selectFrom('name_token').select('token').execute()).map(
      (r) => r.token,
    );
    expect(dictionary).toEqual(expect.arrayContaining(['nguyenetienne', 'renard', 'sophie', 'maxime']));
    expect(dictionary).not.toContain('n');
  });

  it('finds by several words: misspelt, without accents or hyphens, birth or usual name, glued', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const find = async (q: string) =>
      (
        (await admin.get(`/api/persons/search?q=${encodeURIComponent(q)}`)).body.items as {
          firstName: string;
          birthName: string;
        }[]
      ).map((p) => `${p.firstName} ${p.birthName}`);
    // One letter missing from the name, first name without its accent: both look-alikes.
    expect((await find('Melissa Benard')).sort()).toEqual(['Mélissa BERNARD', 'Mélissa RENARD']);
    // Every word must be borne: Maxime Bernard and Mélissa Renard are each one word away.
    expect(await find('melissa bernard')).toEqual(['Mélissa BERNARD']);
    expect(await find('Mlissa Renard')).toEqual(['Mélissa RENARD']);
    expect(await find("n'guyen etienne")).toEqual(["Jean-Marc N'GUYEN-ÉTIENNE"]);
    expect(await find('nguyen jean marc')).toEqual(["Jean-Marc N'GUYEN-ÉTIENNE"]);
    expect(await find('jeanmarc dupont')).toEqual(["Jean-Marc N'GUYEN-ÉTIENNE"]);
    expect((await find('dupont sophie'))[0]).toBe('Sophie DUPONT');
    // First letters of both words.
    expect(await find('maxi bern')).toEqual(['Maxime BERNARD']);
    // A word too misspelt to be near any known word: the others and the whole distance decide.
    expect(await find('Maxime Bxrnqrd')).toEqual(['Maxime BERNARD']);
    // A short unknown first name weighs little: the Bernards come, as they did before the dictionary.
    expect((await find('Zoé Bernard')).sort()).toEqual(['Maxime BERNARD', 'Mélissa BERNARD']);
    expect(await find('Zoé Xylophone')).toEqual([]);
  });

  if (engine === 'postgres') {
    it('does not make a writer of a new name wait for another transaction adding the same one', async () => {
      const person = { department_code: '13', first_name: 'Quintilla', birth_date: '1999-09-09', sex: 'F' };
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted = () => {};
      const firstInserted = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      // A long transaction (a flux import) adds the word "zebulonne" and stays open.
      const longOne = app.ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('person')
          .values({ ...person, birth_name: 'Zébulonne' })
          .execute();
        inserted();
        await held;
      });
      await firstInserted;
      const t0 = Date.now();
      await app.ctx.db
        .insertInto('person')
        .values({ ...person, birth_name: 'ZEBULONNE' })
        .execute();
      expect(Date.now() - t0).toBeLessThan(2000);
      release();
      await longOne;
      const words = await app.ctx.db
        .selectFrom('name_token')
        .select('token')
        .where('token', '=', 'zebulonne')
        .execute();
      expect(words.length).toBeGreaterThanOrEqual(1);
      const admin = await loggedIn(app, 'admin@parcours.test');
      const found = (await admin.get('/api/persons/search?q=quintilla%20zebulone')).body.items;
      expect(found).toHaveLength(2);
    });
  }

  it('keeps the search scoped and the NIR hidden for roles without it', async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test'); // pôle Marseille 2/3
    const found = (await advisor.get('/api/persons/search?q=jean%20marc%20dupont')).body.items;
    expect(found).toEqual([]);
    expect((await advisor.get('/api/persons/search?q=melissa%20bernard')).body.items).toHaveLength(1);
    const aids = await loggedIn(app, 'aides@parcours.test');
    const items = (await aids.get('/api/persons/search?q=maxime%20bernard')).body.items;
    expect(items).toHaveLength(1);
    expect(items[0].nir).toBeNull();
  });

  it('follows names changed by a later flux, by an agent, and persons removed', async () => {
    // A later flux: Mélissa Bernard now uses her partner's name.
    const report = await importFlux(app.ctx, {
      filePath: file(
        vrsb({
          date: '2026-04-01',
          households: [
            { ...households[1]!, persons: [{ ...households[1]!.persons[0]!, usualName: 'LEBLANC' }] },
          ],
        }),
      ),
      fileName: 'vrsb-20260401.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.persons.updated).toBe(1);
    const melissa = await idOf('Mélissa', 'BERNARD');
    expect(await tokensOf(melissa)).toEqual(['bernard', 'leblanc', 'melissa']);

    // An agent corrects a first name (any writer of person goes through the same triggers).
    const maxime = await idOf('Maxime', 'BERNARD');
    await app.ctx.db.updateTable('person').set({ first_name: 'Théo' }).where('id', '=', maxime).execute();
    expect(await tokensOf(maxime)).toEqual(['bernard', 'theo']);
    // Other columns change nothing.
    await app.ctx.db.updateTable('person').set({ title: 'M' }).where('id', '=', maxime).execute();
    expect(await tokensOf(maxime)).toEqual(['bernard', 'theo']);

    const admin = await loggedIn(app, 'admin@parcours.test');
    const find = async (q: string) =>
      (
        (await admin.get(`/api/persons/search?q=${encodeURIComponent(q)}`)).body.items as { id: string }[]
      ).map((p) => p.id);
    expect(await find('melissa leblanc')).toEqual([melissa]);
    expect(await find('theo bernard')).toEqual([maxime]);
    expect(await find('maxime bernard')).toEqual([]);

    // A person removed (a test-only direct write: persons are never deleted by the application).
    const lone = await app.ctx.db
      .insertInto('person')
      .values({
        department_code: '13',
        birth_name: 'Ozanne',
        first_name: 'Ysé',
        birth_date: '2001-01-01',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await tokensOf(lone.id)).toEqual(['ozanne', 'yse']);
    await sql`DELETE FROM person WHERE id = ${lone.id}`.execute(app.ctx.db);
    expect(await tokensOf(lone.id)).toEqual([]);
  });
});
