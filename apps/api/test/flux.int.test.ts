import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { vrsb } from './support/flux-xml';
import { engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-flux-test-'));
let n = 0;
function file(content: string, ext = 'xml') {
  const f = path.join(dir, `flux-${++n}.${ext}`);
  fs.writeFileSync(f, content);
  return f;
}

const martin = {
  claimNumber: '13100000001',
  status: '2',
  persons: [
    {
      nir: '2850613055001',
      birthName: 'MARTIN',
      firstName: 'Amélie',
      birthDate: '1985-06-13',
      role: 'DEM' as const,
    },
    { birthName: 'MARTIN', firstName: 'Lou', birthDate: '2019-03-02', role: 'ENF' as const },
  ],
};
const nguyen = {
  claimNumber: '13100000002',
  status: '2',
  inseeCode: '13001',
  persons: [
    {
      birthName: "N'GUYEN-ÉTIENNE",
      usualName: 'DUPONT',
      firstName: 'Jean-Marc',
      birthDate: '1979-11-30',
      sex: '1' as const,
      role: 'DEM' as const,
    },
    {
      birthName: 'DUPONT',
      firstName: 'Sophie',
      birthDate: '1981-01-15',
      role: 'CJT' as const,
      subject: false,
    },
  ],
};

async function counts(db: Awaited<ReturnType<typeof startTestApp>>['ctx']['db']) {
  const r = await sql<Record<string, number>>`SELECT
    (SELECT count(*)::int FROM household) AS households, (SELECT count(*)::int FROM person) AS persons,
    (SELECT count(*)::int FROM rights_period) AS periods, (SELECT count(*)::int FROM entry_spell) AS entries,
    (SELECT count(*)::int FROM ft_registration) AS ft, (SELECT count(*)::int FROM timeline_event) AS timeline`.execute(
    db,
  );
  return r.rows[0]!;
}

describe.each(engines)('CAF flux import (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('creates households and persons, detects new entrants and queues their France Travail registration', async () => {
    const report = await importFlux(app.ctx, {
      filePath: file(vrsb({ date: '2026-01-05', households: [martin, nguyen] })),
      fileName: 'vrsb-20260105.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('applied');
    expect(report.households).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(report.persons).toEqual({ created: 4, updated: 0, unchanged: 0 });
    // Amélie and Jean-Marc are open and subject; the child and the non-subject spouse are not.
    expect(report.newEntrants).toBe(2);
    expect(report.franceTravailPending).toBe(2);
    // Real plurals, not "foyer(s) créés" / "nouvel(aux) entrant(s)".
    expect(report.message).toContain('2 foyers créés ou mis à jour, 2 nouveaux entrants.');
    const amelie = await app.ctx.db
      .selectFrom('person')
      .selectAll()
      .where('nir', '=', '2850613055001')
      .executeTakeFirstOrThrow();
    expect(amelie).toMatchObject({
      first_name: 'Amélie',
      rights_open: true,
      subject_to_duties: true,
      household_role: 'DEM',
    });
    const entries = await app.ctx.db
      .selectFrom('entry_spell')
      .select('entry_date')
      .where('person_id', '=', amelie.id)
      .execute();
    expect(entries).toEqual([{ entry_date: '2026-01-05' }]);
    const run = await app.ctx.db
      .selectFrom('flux_run')
      .selectAll()
      .where('id', '=', report.runId)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('applied');
    expect((run.report as { newEntrants: number }).newEntrants).toBe(2);
  });

  it('changes nothing when the same file comes again, and says so', async () => {
    const before = await counts(app.ctx.db);
    const report = await importFlux(app.ctx, {
      filePath: file(vrsb({ date: '2026-01-05', households: [martin, nguyen] })),
      fileName: 'vrsb-20260105-bis.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('duplicate');
    expect(report.message).toMatch(/déjà été importé/);
    expect(await counts(app.ctx.db)).toEqual(before);
  });

  it('refuses another file with the same header, naming the file applied, instead of calling it a duplicate', async () => {
    const before = await counts(app.ctx.db);
    // Same header (D/M, 2026-01-05, same time) as vrsb-20260105.xml, other content.
    const report = await importFlux(app.ctx, {
      filePath: file(vrsb({ date: '2026-01-05', households: [{ ...nguyen, status: '3' }] })),
      fileName: 'vrsb-20260105-corrige.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('rejected');
    expect(report.message).toMatch(/même en-tête/);
    expect(report.message).toMatch(/vrsb-20260105\.xml, appliqué le \d{2}\/\d{2}\/\d{4}/);
    expect(report.message).toMatch(/Rien n'a été appliqué/);
    expect(report.message).not.toMatch(/rien n'a changé/);
    expect(await counts(app.ctx.db)).toEqual(before);
    const run = await app.ctx.db
      .selectFrom('flux_run')
      .select('status')
      .where('id', '=', report.runId)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('rejected');
  });

  it('keeps a dated history of rights: closure, then a reopening is a new entry', async () => {
    const closed = await importFlux(app.ctx, {
      filePath: file(vrsb({ date: '2026-02-05', households: [{ ...martin, status: '5' }] })),
      fileName: 'vrsb-20260205.xml',
      format: 'xml',
      actor: null,
    });
    expect(closed.status).toBe('applied');
    expect(closed.households).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(closed.newEntrants).toBe(0);
    const reopened = await importFlux(app.ctx, {
      filePath: file(vrsb({ date: '2026-04-06', households: [martin, nguyen] })),
      fileName: 'vrsb-20260406.xml',
      format: 'xml',
      actor: null,
    });
    expect(reopened.newEntrants).toBe(1);
    expect(reopened.households).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const amelie = await app.ctx.db
      .selectFrom('person')
      .select('id')
      .where('nir', '=', '2850613055001')
      .executeTakeFirstOrThrow();
    const periods = await app.ctx.db
      .selectFrom('rights_period')
      .select(['rights_status', 'valid_from', 'valid_to'])
      .where('person_id', '=', amelie.id)
      .orderBy('valid_from')
      .execute();
    expect(periods).toEqual([
      { rights_status: '2', valid_from: '2026-01-05', valid_to: '2026-02-05' },
      { rights_status: '5', valid_from: '2026-02-05', valid_to: '2026-04-06' },
      { rights_status: '2', valid_from: '2026-04-06', valid_to: null },
    ]);
    const entries = await app.ctx.db
      .selectFrom('entry_spell')
      .select('entry_date')
      .where('person_id', '=', amelie.id)
      .orderBy('entry_date')
      .execute();
    expect(entries.map((e) => e.entry_date)).toEqual(['2026-01-05', '2026-04-06']);
  });

  it('refuses a file older than the last one applied, unless forced', async () => {
    const before = await counts(app.ctx.db);
    const report = await importFlux(app.ctx, {
      filePath: file(vrsb({ date: '2026-03-01', households: [{ ...martin, status: '3' }] })),
      fileName: 'vrsb-20260301.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('rejected');
    expect(report.message).toMatch(/plus ancien/);
    expect(await counts(app.ctx.db)).toEqual(before);
  });

  it('rejects a malformed file whole, with the place and the reason, leaving the data as it was', async () => {
    const before = await counts(app.ctx.db);
    const bad = vrsb({
      date: '2026-05-04',
      households: [
        {
          claimNumber: '13100000003',
          status: '2',
          persons: [{ birthName: 'PETIT', firstName: 'Zoé', birthDate: '1990-02-01', role: 'DEM' }],
        },
        {
          claimNumber: '13100000004',
          status: '2',
          persons: [{ birthName: 'GRAND', firstName: 'Léo', birthDate: '2026-02-31', role: 'DEM' }],
        },
      ],
    });
    const report = await importFlux(app.ctx, {
      filePath: file(bad),
      fileName: 'bad.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('rejected');
    expect(report.rejected.some((e) => e.place.includes('InfosFoyerRSA[2]') && e.field === 'DTNAI')).toBe(
      true,
    );
    expect(await counts(app.ctx.db)).toEqual(before);

    const truncated = vrsb({ date: '2026-05-04', households: [martin] }).slice(0, 900);
    const t = await importFlux(app.ctx, {
      filePath: file(truncated),
      fileName: 'truncated.xml',
      format: 'xml',
      actor: null,
    });
    expect(t.status).toBe('rejected');
    expect(t.rejectedCount).toBeGreaterThan(0);
    const empty = await importFlux(app.ctx, {
      filePath: file(''),
      fileName: 'empty.xml',
      format: 'xml',
      actor: null,
    });
    expect(empty.status).toBe('rejected');
    const wrongCount = await importFlux(app.ctx, {
      filePath: file(vrsb({ date: '2026-05-04', households: [martin], declared: 3 })),
      fileName: 'count.xml',
      format: 'xml',
      actor: null,
    });
    expect(wrongCount.status).toBe('rejected');
    expect(await counts(app.ctx.db)).toEqual(before);
  });

  it('finds a new entrant by a misspelt name, without accents or hyphens, by NIR, file number and birth date', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const find = async (q: string) =>
      (await admin.get(`/api/persons/search?q=${encodeURIComponent(q)}`)).body.items as {
        firstName: string;
        nir: string | null;
      }[];
    expect((await find('Amelie Martn')).map((p) => p.firstName)).toContain('Amélie');
    expect((await find('nguyen etienne')).map((p) => p.firstName)).toContain('Jean-Marc');
    expect((await find('jean marc dupont')).map((p) => p.firstName)).toContain('Jean-Marc');
    expect((await find('2850613055001'))[0]?.firstName).toBe('Amélie');
    expect((await find('13100000002')).map((p) => p.firstName).sort()).toEqual(['Jean-Marc', 'Sophie']);
    expect((await find('13/06/1985'))[0]?.firstName).toBe('Amélie');
    expect((await find('2850613055001'))[0]?.nir).toBe('2850613055001');
    // A role that does not need the NIR does not get it.
    const aids = await loggedIn(app, 'aides@parcours.test');
    const hidden = (await aids.get('/api/persons/search?q=martin')).body.items;
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((p: { nir: string | null }) => p.nir === null)).toBe(true);
  });

  it('opens a person file with its household, rights and timeline, audits it, and keeps others out', async () => {
    const amelie = await app.ctx.db
      .selectFrom('person')
      .select('id')
      .where('nir', '=', '2850613055001')
      .executeTakeFirstOrThrow();
    const advisor = await loggedIn(app, 'orientation@parcours.test'); // pôle Marseille 2/3: 13203 is in it
    const res = await advisor.get(`/api/persons/${amelie.id}`);
    expect(res.status).toBe(200);
    expect(res.body.household.members.map((m: { firstName: string }) => m.firstName).sort()).toEqual([
      'Amélie',
      'Lou',
    ]);
    expect(res.body.rights).toHaveLength(3);
    expect(res.body.timeline[0].occurredOn).toBe('2026-04-06');
    expect(res.body.timeline.map((t: { type: string }) => t.type)).toContain('entry');
    expect(res.body.franceTravail.state).toBe('pending');
    const trail = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', amelie.id)
      .execute();
    expect(trail.map((t) => t.action)).toContain('person.read');

    const jeanMarc = await app.ctx.db
      .selectFrom('person')
      .select('id')
      .where('first_name', '=', 'Jean-Marc')
      .executeTakeFirstOrThrow();
    // Aix (13001) is not in the advisor's pôle.
    expect((await advisor.get(`/api/persons/${jeanMarc.id}`)).status).toBe(403);
    expect((await advisor.get('/api/persons/search?q=dupont')).body.items).toEqual([]);
    const referent = await loggedIn(app, 'referent@parcours.test');
    expect((await referent.get(`/api/persons/${amelie.id}`)).status).toBe(403);
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    expect((await steering.get(`/api/persons/${amelie.id}`)).status).toBe(403);
  });

  it('exports a France Travail batch and records the acknowledgement', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const pending = await admin.get('/api/france-travail/registrations?state=pending');
    expect(pending.body.counts.pending).toBe(3);
    const batch = await admin.post('/api/france-travail/batches');
    expect(batch.status).toBe(201);
    expect(batch.body.rowCount).toBe(3);
    const csv = await admin.get(`/api/france-travail/batches/${batch.body.id}/export.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toMatch(/^id_inscription;nir;nom_naissance/);
    expect(lines).toHaveLength(4);
    const ids = lines.slice(1).map((l) => l.split(';')[0]);
    const bad = await admin.request('POST', '/api/france-travail/acknowledgements', undefined, {});
    expect(bad.status).toBe(400);
    const ack = `id_inscription;statut;identifiant_france_travail;motif\n${ids[0]};INSCRIT;FT123;\n${ids[1]};REFUSE;;adresse inconnue\n`;
    const res = await admin.upload('/api/france-travail/acknowledgements', ack, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ registered: 1, rejected: 1 });
    const unknown = await admin.upload(
      '/api/france-travail/acknowledgements',
      'id_inscription;statut;identifiant_france_travail;motif\n00000000-0000-4000-8000-000000000000;INSCRIT;X;\n',
      'text/csv',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'ligne 2' });
    expect(
      (await admin.get('/api/france-travail/registrations?state=registered')).body.items[0].ftIdentifier,
    ).toBe('FT123');
  });
});

describe.each(engines)('flux upload over HTTP (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine, { fluxMaxBytes: 8 * 1024 });
  });

  it('accepts a file, runs it in the background and gives progress then the report', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const sent = await admin.upload(
      '/api/flux/imports?fileName=vrsb.xml',
      vrsb({ date: '2026-01-05', households: [martin] }),
      'application/octet-stream',
    );
    expect(sent.status).toBe(202);
    let run = (await admin.get(`/api/flux/runs/${sent.body.runId}`)).body;
    for (let i = 0; i < 50 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await admin.get(`/api/flux/runs/${sent.body.runId}`)).body;
    }
    expect(run).toMatchObject({
      status: 'applied',
      fileName: 'vrsb.xml',
      actorName: 'Camille Administratrice',
    });
    expect(run.report.newEntrants).toBe(1);
    expect((await admin.get('/api/flux/runs')).body.items[0].id).toBe(sent.body.runId);
  });

  it('refuses a file over the configured size and a 0-byte upload, changing nothing', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const before = await counts(app.ctx.db);
    const big = await admin.upload(
      '/api/flux/imports?fileName=big.xml',
      'x'.repeat(20 * 1024),
      'application/octet-stream',
    );
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(/taille maximale/);
    const empty = await admin.upload('/api/flux/imports?fileName=vide.xml', '', 'application/octet-stream');
    expect(empty.status).toBe(202);
    let run = (await admin.get(`/api/flux/runs/${empty.body.runId}`)).body;
    for (let i = 0; i < 50 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await admin.get(`/api/flux/runs/${empty.body.runId}`)).body;
    }
    expect(run.status).toBe('rejected');
    expect(await counts(app.ctx.db)).toEqual(before);
    const csvWithoutDate = await admin.upload(
      '/api/flux/imports?fileName=f.csv',
      'a;b\n',
      'application/octet-stream',
    );
    expect(csvWithoutDate.status).toBe(400);
    expect(csvWithoutDate.body.error.fields.map((f: { path: string }) => f.path)).toContain('createdOn');
    const referent = await loggedIn(app, 'referent@parcours.test');
    expect(
      (await referent.upload('/api/flux/imports?fileName=x.xml', 'x', 'application/octet-stream')).status,
    ).toBe(403);
  });
});
