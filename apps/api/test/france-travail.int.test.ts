import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { vrsb } from './support/flux-xml';
import { engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-ft-test-'));
let n = 0;
const file = (content: string) => {
  const f = path.join(dir, `f${++n}.xml`);
  fs.writeFileSync(f, content);
  return f;
};
const HEADER = 'id_inscription;statut;identifiant_france_travail;motif';
const csv = (...lines: string[]) => `${[HEADER, ...lines].join('\n')}\n`;

describe.each(engines)('France Travail registrations (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const flux = (date: string, households: Parameters<typeof vrsb>[0]['households'], name: string) =>
    importFlux(app.ctx, {
      filePath: file(vrsb({ date, households })),
      fileName: name,
      format: 'xml',
      actor: null,
    });
  const ftEvents = async () =>
    (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM timeline_event WHERE type = 'france_travail'`.execute(app.ctx.db)
    ).rows[0]?.n ?? 0;

  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('records an acknowledgement once: the same file again, or the same line twice, changes nothing', async () => {
    const r = await flux(
      '2026-01-05',
      [
        {
          claimNumber: '13100000021',
          status: '2',
          persons: [
            {
              nir: '2850613055021',
              birthName: 'ROCHE',
              firstName: 'Lina',
              birthDate: '1985-06-13',
              role: 'DEM',
            },
          ],
        },
        {
          claimNumber: '13100000022',
          status: '2',
          persons: [
            {
              nir: '1790113055022',
              birthName: 'BRUN',
              firstName: 'Hugo',
              birthDate: '1979-01-13',
              sex: '1',
              role: 'DEM',
            },
          ],
        },
        {
          claimNumber: '13100000023',
          status: '2',
          persons: [
            {
              nir: '2900213055023',
              birthName: 'FAURE',
              firstName: 'Zoé',
              birthDate: '1990-02-13',
              role: 'DEM',
            },
          ],
        },
      ],
      'ft-a.xml',
    );
    expect(r.status).toBe('applied');
    const admin = await loggedIn(app, 'admin@parcours.test');
    const batch = await admin.post('/api/france-travail/batches');
    expect(batch.status).toBe(201);
    expect(batch.body.rowCount).toBe(3);
    const exported = (await admin.get(`/api/france-travail/batches/${batch.body.id}/export.csv`)).text
      .trim()
      .split('\n')
      .slice(1)
      .map((l: string) => l.split(';')[0] as string);
    const [a, b, c] = exported as [string, string, string];
    // A UTF-8 byte order mark first, so that Excel shows the accents; the file still parses as CSV.
    const raw = await admin.bytes(`/api/france-travail/batches/${batch.body.id}/export.csv`);
    expect([...raw.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseCsv(raw.body, { delimiter: ';', bom: true }) as string[][];
    expect(parsed[0]?.slice(0, 3)).toEqual(['id_inscription', 'nir', 'nom_naissance']);
    expect(parsed.slice(1).map((row) => row[0])).toEqual([a, b, c]);
    expect(parsed.some((row) => row.includes('Zoé'))).toBe(true);

    // Every error of the file in one pass: a bad status, an unknown id, an id confirmed and refused.
    const eventsBefore = await ftEvents();
    const wrong = await admin.upload(
      '/api/france-travail/acknowledgements',
      csv(
        `${a};INSCRIT;FT-A;`,
        `${b};PEUTETRE;;`,
        '00000000-0000-4000-8000-000000000000;INSCRIT;FT-X;',
        `${c};INSCRIT;FT-C;`,
        `${c};REFUSE;;adresse inconnue`,
      ),
      'text/csv',
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      'ligne 3',
      'ligne 4',
      'ligne 6',
    ]);
    expect(await ftEvents()).toBe(eventsBefore);
    expect((await admin.get('/api/france-travail/registrations?state=exported')).body.counts.exported).toBe(
      3,
    );

    // The same line twice in one file is applied once.
    const file1 = csv(`${a};INSCRIT;FT-A;`, `${b};REFUSE;;adresse inconnue`, `${a};INSCRIT;FT-A;`);
    const first = await admin.upload('/api/france-travail/acknowledgements', file1, 'text/csv');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ registered: 1, rejected: 1, unchanged: 0, repeated: 1, errors: [] });
    expect(await ftEvents()).toBe(eventsBefore + 2);

    // The same file again: nothing changed, and the answer says so.
    const again = await admin.upload('/api/france-travail/acknowledgements', file1, 'text/csv');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ registered: 0, rejected: 0, unchanged: 2, repeated: 1 });
    expect(again.body.message).toMatch(/déjà pris en compte.*rien n’a changé/);
    expect(await ftEvents()).toBe(eventsBefore + 2);
    const registered = (await admin.get('/api/france-travail/registrations?state=registered')).body;
    expect(registered.items.map((i: { ftIdentifier: string }) => i.ftIdentifier)).toEqual(['FT-A']);
  });

  it('counts a linked duplicate once: one queue entry, one France Travail registration', async () => {
    const paul = {
      birthName: 'LEROY',
      firstName: 'Paul',
      birthDate: '1979-01-13',
      sex: '1' as const,
      role: 'DEM' as const,
    };
    await flux(
      '2026-02-05',
      [{ claimNumber: '13100000031', status: '2', persons: [{ ...paul, nir: '1790113055031' }] }],
      'dup-a.xml',
    );
    // The same Paul again, another NIR, another file number: a suspected duplicate, a new entrant.
    const second = await flux(
      '2026-03-05',
      [{ claimNumber: '13100000032', status: '2', persons: [{ ...paul, nir: '1790113055099' }] }],
      'dup-b.xml',
    );
    expect(second.duplicatesSuspected).toBe(1);
    const admin = await loggedIn(app, 'admin@parcours.test');
    const pauls = async () =>
      (await admin.get('/api/orientation/queue?pageSize=200')).body.entries.filter(
        (e: { person: { firstName: string } }) => e.person.firstName === 'Paul',
      );
    expect(await pauls()).toHaveLength(2);
    const pending = async () =>
      (await admin.get('/api/france-travail/registrations?state=pending')).body.items.filter(
        (i: { name: string }) => i.name.startsWith('Paul'),
      );
    expect(await pending()).toHaveLength(2);

    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const [suspect] = (await advisor.get('/api/duplicates?status=open')).body.items;
    const linked = await advisor.post(`/api/duplicates/${suspect.id}/decision`, {
      decision: 'link',
      note: 'même personne',
      version: suspect.version,
    });
    expect(linked.status).toBe(200);

    // The older record carries the pathway; the other no longer counts.
    const queue = await pauls();
    expect(queue).toHaveLength(1);
    expect(queue[0].entryDate).toBe('2026-02-05');
    expect(await pending()).toHaveLength(1);
    const batch = await admin.post('/api/france-travail/batches');
    expect(batch.status).toBe(201);
    const rows = (await admin.get(`/api/france-travail/batches/${batch.body.id}/export.csv`)).text
      .trim()
      .split('\n')
      .slice(1);
    expect(rows.filter((l: string) => l.includes('Paul'))).toHaveLength(1);
    expect(rows.find((l: string) => l.includes('Paul'))).toContain('1790113055031');
    // The other record still opens, its registration shown as carried by the survivor.
    const absorbed = await app.ctx.db
      .selectFrom('person')
      .select(['id', 'duplicate_of'])
      .where('nir', '=', '1790113055099')
      .executeTakeFirstOrThrow();
    expect(absorbed.duplicate_of).not.toBeNull();
    const file = await admin.get(`/api/persons/${absorbed.id}`);
    expect(file.status).toBe(200);
    expect(file.body.franceTravail.state).toBe('duplicate');

    // Dismissing the link later gives the second record its own pathway back.
    const decided = (await advisor.get('/api/duplicates?status=linked')).body.items[0];
    const dismissed = await advisor.post(`/api/duplicates/${decided.id}/decision`, {
      decision: 'dismiss',
      note: 'finalement deux personnes',
      version: decided.version,
    });
    expect(dismissed.status).toBe(200);
    expect(await pauls()).toHaveLength(2);
    expect(await pending()).toHaveLength(1);
  });
});
