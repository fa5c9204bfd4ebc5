import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { generateDemo } from '../src/demo/generate';
import { DEMO_PASSWORD } from '../src/demo/load-demo';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import {
  type HistoryReport,
  type HistoryRun,
  importHistory,
} from '../src/modules/history/application/import-history';
import { vrsb } from './support/flux-xml';
import { engines, startTestApp } from './support/harness';

type Line = Record<string, unknown>;
const ndjson = (lines: (Line | string)[]) =>
  `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;

/** The example of shared/formats/history.md, with ids prefixed so tests do not meet. */
function example(p: string): Line[] {
  return [
    {
      kind: 'hub',
      id: 'marseille-2-3',
      name: "Pôle d'insertion Marseille 2/3",
      communes: ['13202', '13203'],
    },
    {
      kind: 'body',
      id: `${p}mds-belle-de-mai`,
      name: `${p}MDS Belle de Mai`,
      type: 'mds',
      hub: 'marseille-2-3',
    },
    {
      kind: 'referent',
      id: `${p}r-17`,
      bodyId: `${p}mds-belle-de-mai`,
      lastName: 'Martin',
      firstName: 'Lea',
      globalSupportPair: false,
      activeFrom: '2020-01-01',
      activeTo: null,
    },
    {
      kind: 'person',
      id: `${p}p-1`,
      householdNumber: `${p}13100000001`,
      role: 'DEM',
      nir: null,
      birthName: 'Dupont',
      lastName: 'Martin',
      firstName: 'Amelie',
      birthDate: '1985-06-13',
      sex: 'F',
      commune: '13202',
    },
    { kind: 'rights', personId: `${p}p-1`, date: '2026-01-05', status: 'open', subjectToDuties: true },
    {
      kind: 'orientation',
      personId: `${p}p-1`,
      date: '2026-01-28',
      pathway: 'social',
      bodyId: `${p}mds-belle-de-mai`,
      programme: null,
    },
    { kind: 'referentAssignment', personId: `${p}p-1`, referentId: `${p}r-17`, from: '2026-01-28', to: null },
    {
      kind: 'appointment',
      personId: `${p}p-1`,
      date: '2026-02-06',
      bodyId: `${p}mds-belle-de-mai`,
      purpose: 'accompaniment',
      status: 'seen',
    },
    {
      kind: 'contract',
      personId: `${p}p-1`,
      signedOn: '2026-03-10',
      start: '2026-03-10',
      end: '2026-09-09',
      weeklyHours: 15,
      hoursRegime: 'standard',
    },
  ];
}

const person = (id: string, extra: Partial<Line> = {}): Line => ({
  kind: 'person',
  id,
  householdNumber: `H-${id}`,
  role: 'DEM',
  nir: null,
  birthName: 'Durand',
  lastName: null,
  firstName: 'Karim',
  birthDate: '1990-03-02',
  sex: 'M',
  commune: '13203',
  ...extra,
});
const rights = (
  personId: string,
  date: string,
  status: 'open' | 'closed',
  subjectToDuties: boolean,
): Line => ({
  kind: 'rights',
  personId,
  date,
  status,
  subjectToDuties,
});

/** A generated history (the `demo generate --history` file) as bytes. */
async function generatedHistory(persons: number, seed: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  await generateDemo({ persons, seed, today: '2026-11-20', out: { historyNdjson: out } });
  return Buffer.concat(chunks);
}

const DATA_TABLES = [
  'insertion_hub',
  'structure',
  'referent',
  'household',
  'person',
  'household_member',
  'rights_period',
  'entry_spell',
  'timeline_event',
  'orientation',
  'referent_assignment',
  'appointment',
  'engagement_contract',
  'audit_event',
] as const;

describe.each(engines)('history import (%s)', (engine) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  const run = (lines: (Line | string)[], opts: { applyValidLines?: boolean; fileName?: string } = {}) =>
    importHistory(app.ctx, Readable.from([ndjson(lines)]), {
      fileName: opts.fileName ?? 'historique.ndjson',
      actor: null,
      applyValidLines: opts.applyValidLines,
    });

  async function rowCounts() {
    const counts: Record<string, number> = {};
    for (const t of DATA_TABLES) {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(app.ctx.db);
      counts[t] = r.rows[0]?.n ?? 0;
    }
    // Commune → hub links are data too.
    const links = await sql<{
      h: string;
    }>`SELECT md5(string_agg(insee_code || ':' || coalesce(hub_id::text, ''), ',' ORDER BY insee_code)) AS h FROM commune`.execute(
      app.ctx.db,
    );
    counts.communeLinks = links.rows[0]?.h as unknown as number;
    return counts;
  }

  async function personId(externalId: string) {
    const row = await app.ctx.db
      .selectFrom('person')
      .select('id')
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A person's history, without ids, in a stable order: what two equal imports must share. */
  async function historyOf(externalId: string) {
    const id = await personId(externalId);
    const db = app.ctx.db;
    const p = await db
      .selectFrom('person')
      .select([
        'birth_name',
        'usual_name',
        'first_name',
        'birth_date',
        'sex',
        'household_role',
        'rights_open',
        'subject_to_duties',
        'search_name',
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      person: p,
      rights: await db
        .selectFrom('rights_period')
        .select(['rights_status', 'rights_open', 'subject_to_duties', 'valid_from', 'valid_to', 'source'])
        .where('person_id', '=', id)
        .orderBy('valid_from')
        .execute(),
      entries: (
        await db
          .selectFrom('entry_spell')
          .select('entry_date')
          .where('person_id', '=', id)
          .orderBy('entry_date')
          .execute()
      ).map((e) => e.entry_date),
      orientations: await db
        .selectFrom('orientation as o')
        .innerJoin('structure as s', 's.id', 'o.structure_id')
        .select(['o.notified_on', 'o.pathway', 'o.programme', 's.name'])
        .where('o.person_id', '=', id)
        .orderBy('o.notified_on')
        .execute(),
      timeline: (
        await db
          .selectFrom('timeline_event')
          .select(['occurred_on', 'type', 'data'])
          .where('person_id', '=', id)
          .execute()
      )
        .map((t) => `${t.occurred_on} ${t.type} ${JSON.stringify(t.data)}`)
        .sort(),
    };
  }

  it('imports the example of the format exactly', async () => {
    const auditBefore = await app.ctx.db
      .selectFrom('audit_event')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('action', '=', 'history.imported')
      .executeTakeFirstOrThrow();
    const report = await run(example('ex-'), { fileName: 'exemple.ndjson' });
    expect(report.status).toBe('applied');
    expect(report.rejected).toEqual([]);
    expect(report.lines).toBe(9);
    expect(report.message).toMatch(/^Historique importé : 9 lignes lues ; 1 personne créée/);
    expect(report.counts.person).toMatchObject({ read: 1, created: 1, updated: 0, rejected: 0 });
    expect(report.counts.hub).toMatchObject({ read: 1, created: 0, updated: 1 }); // renamed
    for (const k of [
      'body',
      'referent',
      'rights',
      'orientation',
      'referentAssignment',
      'appointment',
      'contract',
    ] as const)
      expect(report.counts[k], k).toMatchObject({ read: 1, created: 1, rejected: 0 });
    expect(report.derived).toMatchObject({
      householdsCreated: 1,
      rightsPeriods: 1,
      entrySpells: 1,
      timelineEvents: 6,
    });

    const db = app.ctx.db;
    const hub = await db
      .selectFrom('insertion_hub')
      .select(['id', 'name'])
      .where('code', '=', 'marseille-2-3')
      .executeTakeFirstOrThrow();
    expect(hub.name).toBe("Pôle d'insertion Marseille 2/3");
    const communes = await db
      .selectFrom('commune')
      .select('insee_code')
      .where('hub_id', '=', hub.id)
      .orderBy('insee_code')
      .execute();
    expect(communes.map((c) => c.insee_code)).toEqual(['13202', '13203']);
    const body = await db
      .selectFrom('structure')
      .select(['id', 'kind', 'name', 'hub_id'])
      .where('external_id', '=', 'ex-mds-belle-de-mai')
      .executeTakeFirstOrThrow();
    expect(body).toMatchObject({ kind: 'mds', name: 'ex-MDS Belle de Mai', hub_id: hub.id });
    const referent = await db
      .selectFrom('referent')
      .select([
        'id',
        'structure_id',
        'last_name',
        'first_name',
        'global_support_pair',
        'active_from',
        'active_to',
      ])
      .where('external_id', '=', 'ex-r-17')
      .executeTakeFirstOrThrow();
    expect(referent).toMatchObject({
      structure_id: body.id,
      last_name: 'Martin',
      first_name: 'Lea',
      global_support_pair: false,
      active_from: '2020-01-01',
      active_to: null,
    });

    const p = await db
      .selectFrom('person')
      .selectAll()
      .where('external_id', '=', 'ex-p-1')
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      nir: null,
      birth_name: 'Dupont',
      usual_name: 'Martin',
      first_name: 'Amelie',
      birth_date: '1985-06-13',
      sex: 'F',
      household_role: 'DEM',
      rights_open: true,
      subject_to_duties: true,
      department_code: '13',
    });
    // Derived by the person trigger, whoever writes the identity.
    expect(p.search_name).toContain('dupont martin amelie');
    const household = await db
      .selectFrom('household')
      .selectAll()
      .where('id', '=', p.household_id as string)
      .executeTakeFirstOrThrow();
    expect(household).toMatchObject({
      organism: 'CAF',
      claim_number: 'ex-13100000001',
      commune_code: '13202',
    });
    expect(
      await db
        .selectFrom('household_member')
        .select(['household_id', 'role', 'from_date', 'to_date'])
        .where('person_id', '=', p.id)
        .execute(),
    ).toEqual([{ household_id: household.id, role: 'DEM', from_date: '2026-01-05', to_date: null }]);

    const h = await historyOf('ex-p-1');
    expect(h.rights).toEqual([
      {
        rights_status: '2',
        rights_open: true,
        subject_to_duties: true,
        valid_from: '2026-01-05',
        valid_to: null,
        source: 'history',
      },
    ]);
    expect(h.entries).toEqual(['2026-01-05']);
    expect(h.orientations).toEqual([
      { notified_on: '2026-01-28', pathway: 'social', programme: null, name: 'ex-MDS Belle de Mai' },
    ]);
    expect(
      await db
        .selectFrom('referent_assignment')
        .select(['referent_id', 'from_date', 'to_date', 'source'])
        .where('person_id', '=', p.id)
        .execute(),
    ).toEqual([{ referent_id: referent.id, from_date: '2026-01-28', to_date: null, source: 'history' }]);
    expect(
      await db
        .selectFrom('appointment')
        .select(['on_date', 'structure_id', 'purpose', 'status', 'source'])
        .where('person_id', '=', p.id)
        .execute(),
    ).toEqual([
      {
        on_date: '2026-02-06',
        structure_id: body.id,
        purpose: 'accompaniment',
        status: 'seen',
        source: 'history',
      },
    ]);
    const contract = await db
      .selectFrom('engagement_contract')
      .select(['signed_on', 'start_date', 'end_date', 'weekly_hours', 'hours_regime', 'source'])
      .where('person_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect({ ...contract, weekly_hours: Number(contract.weekly_hours) }).toEqual({
      signed_on: '2026-03-10',
      start_date: '2026-03-10',
      end_date: '2026-09-09',
      weekly_hours: 15,
      hours_regime: 'standard',
      source: 'history',
    });
    // Timeline events point at the structure and the référent by id, never copy their names.
    const mds = await db
      .selectFrom('structure')
      .select('id')
      .where('name', '=', 'ex-MDS Belle de Mai')
      .executeTakeFirstOrThrow();
    const lea = await db
      .selectFrom('referent')
      .select('id')
      .where('first_name', '=', 'Lea')
      .executeTakeFirstOrThrow();
    expect(h.timeline).toEqual(
      [
        '2026-01-05 rights_change {"status":"open","subjectToDuties":true}',
        '2026-01-05 entry {}',
        `2026-01-28 orientation {"pathway":"social","programme":null,"structureId":"${mds.id}"}`,
        `2026-01-28 referent_assignment {"to":null,"referentId":"${lea.id}"}`,
        `2026-02-06 appointment {"status":"seen","purpose":"accompaniment","structureId":"${mds.id}"}`,
        '2026-03-10 contract {"end":"2026-09-09","start":"2026-03-10","hoursRegime":"standard","weeklyHours":15}',
      ].sort(),
    );
    const auditAfter = await db
      .selectFrom('audit_event')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('action', '=', 'history.imported')
      .executeTakeFirstOrThrow();
    expect(auditAfter.n).toBe(auditBefore.n + 1);
    const runRow = await db
      .selectFrom('history_import_run')
      .selectAll()
      .where('id', '=', report.runId as string)
      .executeTakeFirstOrThrow();
    expect(runRow).toMatchObject({
      status: 'applied',
      file_name: 'exemple.ndjson',
      content_hash: report.contentHash,
    });
    expect(report.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('derives entries as INDICATORS.md says, whatever the order of the lines', async () => {
    const lines = (p: string): Line[] => [
      person(`${p}a`),
      // Open and subject, closed, open and subject again: two entries.
      rights(`${p}a`, '2025-01-06', 'open', true),
      rights(`${p}a`, '2025-04-07', 'closed', true),
      rights(`${p}a`, '2025-09-01', 'open', true),
      person(`${p}b`, { firstName: 'Inès', sex: 'F', nir: '2 85 06 13 055 123 12' }),
      // Open without duties, then subject: entry at the later date.
      rights(`${p}b`, '2025-02-03', 'open', false),
      rights(`${p}b`, '2025-05-05', 'open', true),
      person(`${p}c`, { firstName: 'Léo' }),
      // Still open and subject: no second entry; then no longer subject, then subject again.
      rights(`${p}c`, '2025-03-03', 'open', true),
      rights(`${p}c`, '2025-06-02', 'open', true),
      rights(`${p}c`, '2025-07-01', 'open', false),
      rights(`${p}c`, '2025-10-01', 'open', true),
    ];
    const forward = await run(lines('fw-'));
    expect(forward.status).toBe('applied');
    expect(forward.derived.entrySpells).toBe(5);
    const a = await historyOf('fw-a');
    expect(a.entries).toEqual(['2025-01-06', '2025-09-01']);
    expect(a.rights.map((r) => [r.valid_from, r.valid_to, r.rights_status])).toEqual([
      ['2025-01-06', '2025-04-07', '2'],
      ['2025-04-07', '2025-09-01', '5'],
      ['2025-09-01', null, '2'],
    ]);
    expect(a.person).toMatchObject({ rights_open: true, subject_to_duties: true });
    const b = await historyOf('fw-b');
    expect(b.entries).toEqual(['2025-05-05']);
    expect(b.timeline.filter((t) => t.includes(' entry '))).toEqual(['2025-05-05 entry {}']);
    expect((await historyOf('fw-c')).entries).toEqual(['2025-03-03', '2025-10-01']);
    // A 15-character NIR with its key is stored on 13 characters.
    const nir = await app.ctx.db
      .selectFrom('person')
      .select('nir')
      .where('external_id', '=', 'fw-b')
      .executeTakeFirstOrThrow();
    expect(nir.nir).toBe('2850613055123');

    const reversed = await run(
      lines('rv-')
        .reverse()
        .map((l) => (l.kind === 'person' && l.nir ? { ...l, nir: '2 85 06 13 055 124 11' } : l)),
    );
    expect(reversed.status).toBe('applied');
    for (const id of ['a', 'b', 'c']) {
      const f = await historyOf(`fw-${id}`);
      const r = await historyOf(`rv-${id}`);
      expect(r).toEqual(f);
    }
  });

  it('rejects a bad line with its number and applies nothing, unless asked to apply the valid lines', async () => {
    const lines: (Line | string)[] = [
      ...example('bad-').filter((l) => l.kind !== 'hub'),
      {
        kind: 'orientation',
        personId: 'bad-p-1',
        date: '2026-02-01',
        pathway: 'social',
        bodyId: 'no-such-body',
        programme: null,
      },
      rights('bad-p-1', '2026-02-31', 'open', true),
      { kind: 'meeting', personId: 'bad-p-1' },
      person('bad-p-2', { firstName: undefined }),
      rights('bad-p-2', '2026-01-05', 'open', true),
      '{pas du json',
    ];
    const before = await rowCounts();
    const report = await run(lines);
    expect(report.status).toBe('rejected');
    expect(report.message).toBe('Import refusé : 6 lignes rejetées sur 14. Rien n’a été enregistré.');
    expect(report.rejected).toEqual([
      { line: 9, kind: 'orientation', field: 'bodyId', reason: 'structure inconnue : « no-such-body »' },
      {
        line: 10,
        kind: 'rights',
        field: 'date',
        reason: expect.stringMatching(/^« date » : date invalide.*2026-02-31/),
      },
      {
        line: 11,
        kind: 'meeting',
        field: 'kind',
        reason: expect.stringMatching(/^type de ligne inconnu : « meeting »/),
      },
      { line: 12, kind: 'person', field: 'firstName', reason: 'champ « firstName » manquant' },
      {
        line: 13,
        kind: 'rights',
        field: 'personId',
        reason: 'la ligne de cette personne (« bad-p-2 », ligne 12) est refusée',
      },
      { line: 14, kind: null, field: null, reason: 'ligne illisible : JSON invalide' },
    ]);
    expect(report.counts.person).toMatchObject({ read: 2, rejected: 1, created: 0 });
    expect(await rowCounts()).toEqual(before);
    const runRow = await app.ctx.db
      .selectFrom('history_import_run')
      .select(['status'])
      .where('id', '=', report.runId as string)
      .executeTakeFirstOrThrow();
    expect(runRow.status).toBe('rejected');

    const partial = await run(lines, { applyValidLines: true });
    expect(partial.status).toBe('applied');
    expect(partial.rejectedTotal).toBe(6);
    expect(partial.message).toMatch(/6 lignes rejetées n’ont pas été appliquées\.$/);
    expect(partial.counts.person).toMatchObject({ created: 1, rejected: 1 });
    expect(partial.counts.orientation).toMatchObject({ read: 2, created: 1, rejected: 1 });
    expect((await historyOf('bad-p-1')).entries).toEqual(['2026-01-05']);
    expect(
      await app.ctx.db
        .selectFrom('person')
        .select('id')
        .where('external_id', '=', 'bad-p-2')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('changes nothing when the same file comes twice, and replaces only history rows when it changes', async () => {
    const lines = example('twice-').filter((l) => l.kind !== 'hub');
    const first = await run(lines);
    expect(first.status).toBe('applied');
    const before = await rowCounts();
    const second = await run(lines, { fileName: 'encore.ndjson' });
    expect(second.status).toBe('already_imported');
    expect(second.message).toMatch(/^Fichier déjà importé le \d{2}\/\d{2}\/\d{4} : rien n’a changé\.$/);
    expect(second.previousRun?.id).toBe(first.runId);
    expect(await rowCounts()).toEqual(before);

    // A fact recorded in Parcours itself (another source) survives a re-import.
    const id = await personId('twice-p-1');
    const structure = await app.ctx.db
      .selectFrom('structure')
      .select('id')
      .where('external_id', '=', 'twice-mds-belle-de-mai')
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: id,
        notified_on: '2026-06-01',
        pathway: 'professional',
        structure_id: structure.id,
        source: 'parcours',
      })
      .execute();
    const changed = lines.map((l) =>
      l.kind === 'rights'
        ? { ...l, date: '2026-01-12' }
        : l.kind === 'person'
          ? { ...l, firstName: 'Amélie' }
          : l,
    );
    changed.push(rights('twice-p-1', '2026-05-04', 'closed', true));
    const third = await run(changed);
    expect(third.status).toBe('applied');
    expect(third.counts.person).toMatchObject({ created: 0, updated: 1 });
    expect(third.counts.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(third.counts.rights).toMatchObject({ created: 2, replaced: 1 });
    expect(third.counts.orientation).toMatchObject({ created: 1, replaced: 1 });
    const h = await historyOf('twice-p-1');
    expect(h.person).toMatchObject({ first_name: 'Amélie', rights_open: false });
    expect(h.person.search_name).toContain('dupont martin amelie');
    expect(h.entries).toEqual(['2026-01-12']);
    expect(h.rights.map((r) => [r.valid_from, r.valid_to])).toEqual([
      ['2026-01-12', '2026-05-04'],
      ['2026-05-04', null],
    ]);
    expect(h.orientations.map((o) => o.notified_on)).toEqual(['2026-01-28', '2026-06-01']);
    expect(h.timeline.filter((t) => t.includes(' orientation '))).toHaveLength(1);
  });

  it('never applies a line over another person: a second generated history is a set of identity conflicts', async () => {
    const db = app.ctx.db;
    const first = await importHistory(app.ctx, Readable.from([await generatedHistory(60, 42)]), {
      fileName: 'demo.ndjson',
      actor: null,
    });
    expect(first.status).toBe('applied');
    const identities = async () =>
      (
        await db
          .selectFrom('person')
          .select(['external_id', 'nir', 'birth_name', 'first_name', 'birth_date', 'sex', 'household_id'])
          .where('external_id', 'like', 'p-%')
          .orderBy('external_id')
          .execute()
      ).map((p) => JSON.stringify(p));
    const before = await identities();
    const countsBefore = await rowCounts();

    // Another source system (another seed) reuses the same ids p-1, p-2… for other people.
    const other = await generatedHistory(40, 43);
    const refused = await importHistory(app.ctx, Readable.from([other]), {
      fileName: 'autre.ndjson',
      actor: null,
    });
    expect(refused.status).toBe('rejected');
    expect(refused.counts.person.conflict).toBeGreaterThan(30);
    const conflict = refused.rejected.find((r) => r.kind === 'person');
    expect(conflict).toMatchObject({ reason: expect.stringMatching(/^conflit d’identité/) });
    // Both identities are named: the one in Parcours and the one of the line.
    const p1 = JSON.parse(
      other
        .toString('utf8')
        .split('\n')
        .find((l) => l.includes('"id":"p-1"')) as string,
    );
    const conflictP1 = refused.rejected.find((r) => r.reason.includes('« p-1 »'));
    expect(conflictP1?.reason).toContain(p1.firstName);
    const p1Before = JSON.parse(before[0] as string);
    expect(conflictP1?.reason).toContain(p1Before.first_name);
    expect(await rowCounts()).toEqual(countsBefore);

    // Even "apply the valid lines" never writes a conflicting person or its facts.
    const partial = await importHistory(app.ctx, Readable.from([other]), {
      fileName: 'autre.ndjson',
      actor: null,
      applyValidLines: true,
    });
    expect(partial.status).toBe('applied');
    expect(partial.counts.person.updated).toBe(0);
    expect(partial.counts.person.conflict).toBe(refused.counts.person.conflict);
    for (const k of ['rights', 'orientation', 'referentAssignment', 'appointment', 'contract'] as const)
      expect(partial.counts[k].replaced, k).toBe(0);
    expect(await identities()).toEqual(before);
    const after = await rowCounts();
    for (const t of [
      'rights_period',
      'orientation',
      'appointment',
      'engagement_contract',
      'referent_assignment',
    ])
      expect(after[t], t).toBe(countsBefore[t]);
  });

  it('refreshes a person only when the identity matches, never erasing what Parcours recorded', async () => {
    const db = app.ctx.db;
    const lines = example('idm-').filter((l) => l.kind !== 'hub');
    const withNir = lines.map((l) => (l.kind === 'person' ? { ...l, nir: '2 85 06 13 055 321 08' } : l));
    expect((await run(withNir)).status).toBe('applied');
    const id = await personId('idm-p-1');
    // An agent changed an imported appointment and recorded a contract of their own.
    await db
      .updateTable('appointment')
      .set({ status: 'noshow', version: 2 })
      .where('person_id', '=', id)
      .execute();
    await db
      .insertInto('engagement_contract')
      .values({
        department_code: '13',
        person_id: id,
        signed_on: '2026-10-01',
        start_date: '2026-10-01',
        end_date: '2027-03-31',
        weekly_hours: 10,
        hours_regime: 'standard',
        source: 'parcours',
      })
      .execute();

    // Another birth date, another sex, another birth name, another NIR: four conflicts, nothing applied.
    for (const change of [
      { birthDate: '1968-02-01' },
      { sex: 'M' },
      { birthName: 'Carpentier' },
      { nir: '2 68 02 13 055 111 17' },
    ]) {
      const r = await run(withNir.map((l) => (l.kind === 'person' ? { ...l, ...change } : l)));
      expect(r.status, JSON.stringify(change)).toBe('rejected');
      expect(r.counts.person.conflict).toBe(1);
      expect(r.rejected[0]?.reason).toMatch(/^conflit d’identité/);
    }

    // Same identity (accents and case aside), no NIR in the file: refreshed, the NIR kept.
    const refreshed = await run([
      ...withNir.map((l) =>
        l.kind === 'person' ? { ...l, nir: null, birthName: 'DUPONT', firstName: 'Amélie' } : l,
      ),
      rights('idm-p-1', '2026-06-01', 'closed', true),
    ]);
    expect(refreshed.status).toBe('applied');
    expect(refreshed.counts.person).toMatchObject({ updated: 1, conflict: 0 });
    const p = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ nir: '2850613055321', first_name: 'Amélie', birth_name: 'DUPONT' });
    const appointments = await db
      .selectFrom('appointment')
      .select(['status', 'source'])
      .where('person_id', '=', id)
      .orderBy('status')
      .execute();
    // The appointment the agent changed is Parcours's now: kept (the file's copy is not added again).
    expect(appointments).toEqual([{ status: 'noshow', source: 'history' }]);
    const contracts = await db
      .selectFrom('engagement_contract')
      .select('source')
      .where('person_id', '=', id)
      .orderBy('source')
      .execute();
    expect(contracts.map((c) => c.source)).toEqual(['history', 'parcours']);
  });

  it('never gives a household a second claimant, in the file or next to the one Parcours holds', async () => {
    expect((await run(example('seat-').filter((l) => l.kind !== 'hub'))).status).toBe('applied');
    const before = await rowCounts();
    const intruder = person('seat-p-2', { householdNumber: 'seat-13100000001', commune: '13202' });
    const refused = await run([intruder, rights('seat-p-2', '2026-02-02', 'open', true)]);
    expect(refused.status).toBe('rejected');
    expect(refused.counts.person).toMatchObject({ conflict: 1, rejected: 1 });
    expect(refused.rejected[0]).toMatchObject({
      line: 1,
      field: 'role',
      code: 'conflict',
      reason: expect.stringContaining('a déjà un demandeur dans Parcours, Amelie Dupont'),
    });
    expect(refused.rejected[1]).toMatchObject({ line: 2, field: 'personId' });
    expect(await rowCounts()).toEqual(before);
    const twice = await run([
      person('seat2-a', { householdNumber: 'seat2-H' }),
      person('seat2-b', { householdNumber: 'seat2-H', firstName: 'Nadia', sex: 'F' }),
    ]);
    expect(twice.rejected).toEqual([
      expect.objectContaining({ line: 2, code: 'conflict', reason: expect.stringMatching(/ligne 1/) }),
    ]);
    // As a child of the household, the same person is welcome.
    const child = await run([{ ...intruder, role: 'ENF', birthDate: '2015-01-01' }]);
    expect(child.status).toBe('applied');
    expect(child.counts.person).toMatchObject({ created: 1, conflict: 0 });
  });

  it('adopts the member a CAF flux recorded when a line of the same household describes them', async () => {
    const fluxFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-hist-')), 'f.xml');
    fs.writeFileSync(
      fluxFile,
      vrsb({
        date: '2026-01-05',
        households: [
          {
            claimNumber: '13100000077',
            status: '2',
            persons: [{ birthName: 'GIRAUD', firstName: 'Océane', birthDate: '1991-04-02', role: 'DEM' }],
          },
        ],
      }),
    );
    const applied = await importFlux(app.ctx, {
      filePath: fluxFile,
      fileName: 'f.xml',
      format: 'xml',
      actor: null,
    });
    expect(applied.status).toBe('applied');
    const before = await app.ctx.db
      .selectFrom('person')
      .select('id')
      .where('birth_name', '=', 'GIRAUD')
      .execute();
    expect(before).toHaveLength(1);
    const r = await run([
      person('adopt-1', {
        householdNumber: '13100000077',
        birthName: 'Giraud',
        firstName: 'Oceane',
        birthDate: '1991-04-02',
        sex: 'F',
        // Another commune: the address the CAF gave (street and commune) stays whole.
        commune: '13202',
      }),
    ]);
    expect(r.status).toBe('applied');
    expect(r.counts.person).toMatchObject({ created: 0, updated: 1, conflict: 0 });
    expect(
      await app.ctx.db
        .selectFrom('household')
        .select(['commune_code', 'street_name'])
        .where('claim_number', '=', '13100000077')
        .executeTakeFirstOrThrow(),
    ).toEqual({ commune_code: '13203', street_name: 'DES LILAS' });
    const after = await app.ctx.db
      .selectFrom('person')
      .select(['id', 'external_id'])
      .where('birth_name', 'in', ['GIRAUD', 'Giraud'])
      .execute();
    expect(after).toEqual([{ id: before[0]?.id, external_id: 'adopt-1' }]);
  });

  it('serves the import to an administrator over HTTP, and to no one else', async () => {
    const baseUrl = app.url;
    async function session(email: string) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      return (method: string, path: string, body?: string) =>
        fetch(`${baseUrl}${path}`, {
          method,
          headers: {
            cookie,
            'x-csrf-token': csrfToken,
            ...(body === undefined ? {} : { 'content-type': 'application/x-ndjson' }),
          },
          body,
        });
    }
    const admin = await session('admin@parcours.test');
    const file = ndjson(example('http-').filter((l) => l.kind !== 'hub'));
    const ok = await admin('POST', '/api/admin/history-imports?fileName=reprise.ndjson', file);
    expect(ok.status).toBe(200);
    const report = (await ok.json()) as HistoryReport;
    expect(report).toMatchObject({ status: 'applied', fileName: 'reprise.ndjson', lines: 8 });

    const bad = await admin('POST', '/api/admin/history-imports', `${file}{"kind":"person","id":"x"}\n`);
    expect(bad.status).toBe(400);
    const badReport = (await bad.json()) as HistoryReport;
    expect(badReport.status).toBe('rejected');
    expect(badReport.rejected[0]).toMatchObject({ line: 9, kind: 'person' });

    const partial = await admin(
      'POST',
      '/api/admin/history-imports?applyValid=true',
      `${file}{"kind":"person","id":"x"}\n`,
    );
    expect(partial.status).toBe(200);
    expect(await partial.json()).toMatchObject({
      status: 'applied',
      rejectedTotal: 1,
      counts: { person: { unchanged: 1 } },
    });
    const again = await admin('POST', '/api/admin/history-imports', file);
    expect(again.status).toBe(200);
    expect(((await again.json()) as HistoryReport).status).toBe('already_imported');

    const list = await admin('GET', '/api/admin/history-imports');
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: HistoryRun[] };
    expect(items[0]).toMatchObject({
      status: 'applied',
      fileName: 'historique.ndjson',
      report: { rejectedTotal: 1 },
    });
    expect(items[1]).toMatchObject({ status: 'rejected', report: { status: 'rejected' } });
    expect(items.find((r) => r.id === report.runId)).toMatchObject({
      status: 'applied',
      report: { status: 'applied' },
    });

    const referent = await session('referent@parcours.test');
    expect((await referent('POST', '/api/admin/history-imports', file)).status).toBe(403);
    expect((await referent('GET', '/api/admin/history-imports')).status).toBe(403);
  });
});
