import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoFlux } from '../src/demo/generate';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { type TestHousehold, vrsb } from './support/flux-xml';
import { engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-flux-integrity-'));
let n = 0;
function file(content: string) {
  const f = path.join(dir, `flux-${++n}.xml`);
  fs.writeFileSync(f, content);
  return f;
}
type App = Awaited<ReturnType<typeof startTestApp>>;
const run = (app: App, households: TestHousehold[], date: string, policy?: 'reject' | 'apply-valid') =>
  importFlux(app.ctx, {
    filePath: file(vrsb({ date, households })),
    fileName: `vrsb-${date}.xml`,
    format: 'xml',
    actor: null,
    policy,
  });

/** Current members of every household: never two demandeurs or two conjoints. */
async function roleViolations(app: App) {
  const r = await sql<{ claim_number: string; dem: number; cjt: number }>`
    SELECT h.claim_number,
      count(*) FILTER (WHERE p.household_role = 'DEM')::int AS dem,
      count(*) FILTER (WHERE p.household_role = 'CJT')::int AS cjt
    FROM household h JOIN person p ON p.household_id = h.id
    GROUP BY h.claim_number
    HAVING count(*) FILTER (WHERE p.household_role = 'DEM') > 1 OR count(*) FILTER (WHERE p.household_role = 'CJT') > 1`.execute(
    app.ctx.db,
  );
  return r.rows;
}

/** A person's household and its open memberships agree (one open membership, in that household). */
async function membershipMismatches(app: App) {
  const r = await sql<{ id: string }>`
    SELECT p.id FROM person p
    WHERE (SELECT count(*) FROM household_member m WHERE m.person_id = p.id AND m.to_date IS NULL)
      <> (CASE WHEN p.household_id IS NULL THEN 0 ELSE 1 END)
       OR (p.household_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM household_member m
         WHERE m.person_id = p.id AND m.household_id = p.household_id AND m.to_date IS NULL))`.execute(
    app.ctx.db,
  );
  return r.rows;
}

const person = (app: App, nir: string) =>
  app.ctx.db.selectFrom('person').selectAll().where('nir', '=', nir).executeTakeFirstOrThrow();

describe.each(engines)('flux: identities never overwritten, households follow the CAF (%s)', (engine) => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('never writes a line over a person of another identity: both identities in the report, pair to review', async () => {
    const first = await run(
      app,
      [
        {
          claimNumber: '13100000101',
          status: '2',
          persons: [
            {
              nir: '1790113055101',
              birthName: 'LEROY',
              firstName: 'Paul',
              birthDate: '1979-01-13',
              sex: '1',
              role: 'DEM',
            },
          ],
        },
      ],
      '2026-01-05',
    );
    expect(first.status).toBe('applied');
    const paul = await person(app, '1790113055101');

    // Paul's NIR on another woman (other birth name and sex), in Paul's own file number.
    const second = await run(
      app,
      [
        {
          claimNumber: '13100000101',
          status: '2',
          persons: [
            {
              nir: '1790113055101',
              birthName: 'BLANC',
              firstName: 'Paule',
              birthDate: '1979-01-13',
              sex: '2',
              role: 'DEM',
            },
          ],
        },
      ],
      '2026-02-05',
    );
    expect(second.status).toBe('applied');
    // Paul is untouched; the other identity is another person, without the disputed NIR.
    const after = await person(app, '1790113055101');
    expect(after).toMatchObject({ id: paul.id, birth_name: 'LEROY', first_name: 'Paul', sex: 'M' });
    const paule = await app.ctx.db
      .selectFrom('person')
      .selectAll()
      .where('first_name', '=', 'Paule')
      .executeTakeFirstOrThrow();
    expect(paule.nir).toBeNull();
    const suspect = await app.ctx.db
      .selectFrom('duplicate_suspect')
      .select(['reason'])
      .where((eb) =>
        eb.or([
          eb.and([eb('person_id', '=', paul.id), eb('other_person_id', '=', paule.id)]),
          eb.and([eb('person_id', '=', paule.id), eb('other_person_id', '=', paul.id)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    expect(suspect.reason).toBe('same_nir_different_identity');
    expect(second.identityConflictCount).toBe(1);
    expect(second.identityConflicts?.[0]).toMatchObject({
      claimNumber: '13100000101',
      fields: ['birthName', 'sex'],
      incoming: { nir: '1790113055101', birthName: 'BLANC', firstName: 'Paule', sex: 'F' },
      existing: { personId: paul.id, birthName: 'LEROY', firstName: 'Paul', sex: 'M' },
      outcome: 'review',
    });
    // The household follows the statement: Paule is its demandeur, Paul left it.
    expect(after.household_id).toBeNull();
    expect(await roleViolations(app)).toEqual([]);
  });

  it('makes the composition follow the latest statement: joined, left with an end date, moved with history', async () => {
    const mother = {
      nir: '2850613055201',
      birthName: 'ROUX',
      firstName: 'Anne',
      birthDate: '1985-06-13',
      role: 'DEM' as const,
    };
    const father = {
      nir: '1840513055202',
      birthName: 'ROUX',
      firstName: 'Marc',
      birthDate: '1984-05-13',
      sex: '1' as const,
      role: 'CJT' as const,
    };
    const child = { birthName: 'ROUX', firstName: 'Léa', birthDate: '2015-04-01', role: 'ENF' as const };
    const a = await run(
      app,
      [{ claimNumber: '13100000201', status: '2', persons: [mother, father, child] }],
      '2026-03-02',
    );

    // Separation: Marc gets his own file; a new conjoint joins Anne's.
    const b = await run(
      app,
      [
        {
          claimNumber: '13100000201',
          status: '2',
          persons: [
            mother,
            {
              nir: '1800113055203',
              birthName: 'FAURE',
              firstName: 'Yves',
              birthDate: '1980-01-13',
              sex: '1',
              role: 'CJT',
            },
            child,
          ],
        },
        { claimNumber: '13100000202', status: '2', persons: [{ ...father, role: 'DEM' }] },
      ],
      '2026-04-02',
    );
    expect(b.status).toBe('applied');
    const marc = await person(app, '1840513055202');
    expect(marc.household_role).toBe('DEM');
    const history = await app.ctx.db
      .selectFrom('household_member as m')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .select(['h.claim_number', 'm.role', 'm.from_date', 'm.to_date'])
      .where('m.person_id', '=', marc.id)
      .orderBy('m.from_date')
      .execute();
    expect(history).toEqual([
      { claim_number: '13100000201', role: 'CJT', from_date: '2026-03-02', to_date: '2026-04-02' },
      { claim_number: '13100000202', role: 'DEM', from_date: '2026-04-02', to_date: null },
    ]);

    // Yves is no longer stated in any household: he leaves with an end date, his rights end.
    const c = await run(
      app,
      [{ claimNumber: '13100000201', status: '2', persons: [mother, child] }],
      '2026-05-04',
    );
    const yves = await person(app, '1800113055203');
    expect(yves).toMatchObject({ household_id: null, household_role: null, rights_open: false });
    const yvesMembership = await app.ctx.db
      .selectFrom('household_member')
      .select(['from_date', 'to_date'])
      .where('person_id', '=', yves.id)
      .execute();
    expect(yvesMembership).toEqual([{ from_date: '2026-04-02', to_date: '2026-05-04' }]);
    const rights = await app.ctx.db
      .selectFrom('rights_period')
      .select(['valid_from', 'valid_to'])
      .where('person_id', '=', yves.id)
      .execute();
    expect(rights.every((r) => r.valid_to !== null)).toBe(true);
    const left = await app.ctx.db
      .selectFrom('timeline_event')
      .select('type')
      .where('person_id', '=', yves.id)
      .where('type', '=', 'household_left')
      .execute();
    expect(left).toHaveLength(1);
    expect(await roleViolations(app)).toEqual([]);
    expect(await membershipMismatches(app)).toEqual([]);
    // The report counts them.
    expect(a.members).toEqual({ joined: 3, left: 0, moved: 0 });
    expect(b.members).toEqual({ joined: 1, left: 0, moved: 1 });
    expect(c.members).toEqual({ joined: 0, left: 1, moved: 0 });
  });

  it('refuses a household stating two demandeurs, with every error of the file in one pass', async () => {
    const two = (claimNumber: string): TestHousehold => ({
      claimNumber,
      status: '2',
      persons: [
        { birthName: 'PETIT', firstName: 'Zoé', birthDate: '1990-02-01', role: 'DEM' },
        { birthName: 'PETIT', firstName: 'Noé', birthDate: '1991-02-01', role: 'DEM' },
      ],
    });
    const fine: TestHousehold = {
      claimNumber: '13100000303',
      status: '2',
      persons: [{ birthName: 'GRAND', firstName: 'Léo', birthDate: '1992-02-01', role: 'DEM' }],
    };
    const households = await app.ctx.db.selectFrom('household').select('id').execute();
    const rejected = await run(app, [two('13100000301'), fine, two('13100000302')], '2026-06-01');
    expect(rejected.status).toBe('rejected');
    expect(rejected.rejectedCount).toBe(2);
    // Household-level errors only: the screen may offer to apply the valid lines.
    expect(rejected.partialApplyAllowed).toBe(true);
    expect(rejected.rejected.map((e) => [e.place.split('/Personne')[0], e.field])).toEqual([
      ['Racine/InfosFoyerRSA[1]', 'ROLEPERS'],
      ['Racine/InfosFoyerRSA[3]', 'ROLEPERS'],
    ]);
    expect(await app.ctx.db.selectFrom('household').select('id').execute()).toHaveLength(households.length);

    const partial = await run(
      app,
      [two('13100000301'), fine, two('13100000302')],
      '2026-06-02',
      'apply-valid',
    );
    expect(partial.status).toBe('applied');
    expect(partial.households.created).toBe(1);
    expect(partial.rejectedCount).toBe(2);
    expect(await roleViolations(app)).toEqual([]);
  });
});

describe.each(engines)('flux on the demo database (%s)', (engine) => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp(engine, { demoPersons: 300 });
  });

  it('a generated flux reusing the demo file numbers leaves no household with two demandeurs', async () => {
    // `demo generate --persons 300 --flux F` (seed 1) on the demo database (seed 13): same file
    // numbers, other people. It used to add them to the demo households.
    const f = path.join(dir, 'demo-flux.xml');
    await generateDemoFlux({ persons: 300, seed: 1, out: fs.createWriteStream(f) });
    const reused = await app.ctx.db.selectFrom('household').select('claim_number').execute();
    expect(reused.length).toBeGreaterThan(50);
    const report = await importFlux(app.ctx, {
      filePath: f,
      fileName: 'demo-flux.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('applied');
    expect(report.households.updated).toBeGreaterThan(50);
    expect(await roleViolations(app)).toEqual([]);
    expect(await membershipMismatches(app)).toEqual([]);
    expect(report.members!.left + report.members!.moved).toBeGreaterThan(50);
    // Household 13100000001 holds exactly the file's members.
    const stated = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM person p JOIN household h ON h.id = p.household_id
      WHERE h.claim_number = '13100000001'`.execute(app.ctx.db);
    const xml = fs.readFileSync(f, 'latin1');
    const block = xml.split('<InfosFoyerRSA>').find((b) => b.includes('<NUMDEMRSA>13100000001<'));
    expect(stated.rows[0]!.n).toBe((block?.match(/<Personne>/g) ?? []).length);
  }, 120_000);
});

describe.each(engines)('flux upload progress (%s)', (engine) => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('reports the households applied as it goes, on a URL that answers while the import holds the database', async () => {
    const f = path.join(dir, `progress-${engine}.xml`);
    const out = fs.createWriteStream(f);
    const generated = await generateDemoFlux({ persons: 1500, seed: 9, today: '2026-06-01', out });
    await new Promise<void>((resolve) => out.on('close', () => resolve()));
    const admin = await loggedIn(app, 'admin@parcours.test');
    const sent = await admin.upload(
      '/api/flux/imports?fileName=demo.xml',
      fs.readFileSync(f),
      'application/octet-stream',
    );
    expect(sent.status).toBe(202);
    expect(sent.body.embedded).toBe(engine === 'pglite');
    expect(sent.body.progressUrl).toMatch(/^\/api\/flux\/progress\/[A-Za-z0-9_-]{32}$/);
    const seen: number[] = [];
    for (let i = 0; i < 1200; i++) {
      // No session: the capability URL is answered from memory, even while PGlite is busy.
      const res = await fetch(`${app.url}${sent.body.progressUrl}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { running: boolean; progress: { households: number } | null };
      if (!body.running) break;
      if (body.progress && seen.at(-1) !== body.progress.households) seen.push(body.progress.households);
      await new Promise((r) => setTimeout(r, 25));
    }
    if (engine === 'pglite') {
      // 100 households a batch: the bar moves, it does not jump from 0 to 100 %.
      expect(seen.filter((h) => h > 0 && h < generated.households).length).toBeGreaterThanOrEqual(3);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    const done = (await admin.get(`/api/flux/runs/${sent.body.runId}`)).body;
    expect(done.status).toBe('applied');
    expect(done.report.households.created).toBe(generated.households);
    expect((await fetch(`${app.url}/api/flux/progress/${'x'.repeat(32)}`)).status).toBe(404);
  }, 180_000);
});
