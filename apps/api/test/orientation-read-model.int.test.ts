import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { rebuildOrientationReadModel } from '../src/modules/orientation/application/read-model';
import { openDatabase } from '../src/platform/db/database';
import type { Database } from '../src/platform/db/schema';
import { engines, loggedIn, startTestApp } from './support/harness';
import {
  daysAgo,
  fixtureLines,
  importLines,
  personIdOf,
  structureIdOf,
} from './support/orientation-fixtures';
import { migratedPgliteSnapshot } from './support/pglite-snapshot';

type ReadModel = {
  spell: string;
  orientationId: string | null;
  on: string | null;
  pathway: string | null;
  programme: string | null;
};

/**
 * The read model as the facts define it (INDICATORS.md), computed here independently: the first
 * orientation notified on or after the entry date and before the person's next entry.
 */
async function expectedFromFacts(db: Kysely<Database>): Promise<ReadModel[]> {
  const spells = await db
    .selectFrom('entry_spell')
    .select(['id', 'person_id', 'entry_date'])
    .orderBy('person_id')
    .orderBy('entry_date')
    .execute();
  const orientations = await db
    .selectFrom('orientation')
    .select([
      'id',
      'person_id',
      'notified_on',
      'pathway',
      'programme',
      sql<string>`to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`.as('recorded'),
    ])
    .execute();
  const byPerson = new Map<string, typeof orientations>();
  for (const o of orientations) byPerson.set(o.person_id, [...(byPerson.get(o.person_id) ?? []), o]);
  return spells
    .map((s, i) => {
      const next = spells[i + 1]?.person_id === s.person_id ? spells[i + 1]!.entry_date : null;
      const first = (byPerson.get(s.person_id) ?? [])
        .filter((o) => o.notified_on >= s.entry_date && (next === null || o.notified_on < next))
        .sort((a, b) =>
          a.notified_on !== b.notified_on
            ? a.notified_on < b.notified_on
              ? -1
              : 1
            : a.recorded !== b.recorded
              ? a.recorded < b.recorded
                ? -1
                : 1
              : a.id < b.id
                ? -1
                : 1,
        )[0];
      return {
        spell: String(s.id),
        orientationId: first?.id ?? null,
        on: first ? String(first.notified_on) : null,
        pathway: first?.pathway ?? null,
        programme: first?.programme ?? null,
      };
    })
    .sort((a, b) => (a.spell < b.spell ? -1 : 1));
}

async function readModel(db: Kysely<Database>): Promise<ReadModel[]> {
  const rows = await db
    .selectFrom('entry_spell')
    .select(['id', 'orientation_id', 'oriented_on', 'orientation_pathway', 'orientation_programme'])
    .execute();
  return rows
    .map((r) => ({
      spell: String(r.id),
      orientationId: r.orientation_id,
      on: r.oriented_on ? String(r.oriented_on) : null,
      pathway: r.orientation_pathway,
      programme: r.orientation_programme,
    }))
    .sort((a, b) => (a.spell < b.spell ? -1 : 1));
}

const P = 'rm-';
const d = (n: number) => daysAgo(n);
function history(withFirstOrientation: boolean) {
  return fixtureLines(
    P,
    [
      {
        // Two entry spells, a reorientation in the first one.
        key: 'h-a',
        members: [{ key: 'a', role: 'DEM', birthDate: '1980-01-01' }],
        rights: [
          { date: d(200), status: 'open', subjectToDuties: true },
          { date: d(150), status: 'closed', subjectToDuties: true },
          { date: d(100), status: 'open', subjectToDuties: true },
        ],
        orientations: [
          ...(withFirstOrientation
            ? [{ memberKey: 'a', date: d(190), pathway: 'social', bodyKey: 'mds' }]
            : []),
          { memberKey: 'a', date: d(180), pathway: 'professional', bodyKey: 'ft' },
          { memberKey: 'a', date: d(90), pathway: 'socio-professional', bodyKey: 'plie' },
        ],
      },
      // Not oriented yet: the decision below orients them.
      {
        key: 'h-b',
        members: [{ key: 'b', role: 'DEM', birthDate: '1981-01-01' }],
        rights: [{ date: d(20), status: 'open', subjectToDuties: true }],
      },
      // Oriented before their entry: that orientation is not the entry's.
      {
        key: 'h-c',
        members: [{ key: 'c', role: 'DEM', birthDate: '1982-01-01' }],
        rights: [{ date: d(30), status: 'open', subjectToDuties: true }],
        orientations: [{ memberKey: 'c', date: d(40), pathway: 'professional', bodyKey: 'ft' }],
      },
    ],
    [
      { key: 'ft', name: 'France Travail Saint-Lazare', type: 'france-travail' },
      { key: 'mds', name: 'MDS Saint-Mauront', type: 'mds' },
      { key: 'plie', name: 'PLIE Nord', type: 'plie' },
    ],
  );
}

describe.each(engines)('entry-spell read model of the orientation (%s)', (engine) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('is kept with the facts by the history import and by decisions, and rebuilt from them', async () => {
    const db = app.ctx.db;
    await importLines(app, history(true));
    const a = await personIdOf(app, `${P}a`);
    const spellsOfA = await db
      .selectFrom('entry_spell')
      .select(['entry_date', 'oriented_on', 'orientation_pathway'])
      .where('person_id', '=', a)
      .orderBy('entry_date')
      .execute();
    expect(spellsOfA).toEqual([
      { entry_date: d(200), oriented_on: d(190), orientation_pathway: 'social' },
      { entry_date: d(100), oriented_on: d(90), orientation_pathway: 'socio-professional' },
    ]);
    const c = await personIdOf(app, `${P}c`);
    const spellOfC = await db
      .selectFrom('entry_spell')
      .selectAll()
      .where('person_id', '=', c)
      .executeTakeFirstOrThrow();
    expect(spellOfC.orientation_id).toBeNull();
    expect(await readModel(db)).toEqual(await expectedFromFacts(db));

    // A decision in Parcours.
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const b = await personIdOf(app, `${P}b`);
    const res = await advisor.post(`/api/persons/${b}/orientations`, {
      pathway: 'professional',
      structureId: await structureIdOf(app, 'France Travail Marseille Joliette'),
      decidedOn: d(1),
    });
    expect(res.status).toBe(201);
    const spellOfB = await db
      .selectFrom('entry_spell')
      .selectAll()
      .where('person_id', '=', b)
      .executeTakeFirstOrThrow();
    expect(spellOfB).toMatchObject({ orientation_id: res.body.orientation.id, oriented_on: d(1) });

    // Re-importing the history without the first orientation: the second becomes the initial one.
    await importLines(app, history(false), 'orientation-2.ndjson');
    expect(
      await db
        .selectFrom('entry_spell')
        .select(['oriented_on', 'orientation_pathway'])
        .where('person_id', '=', a)
        .orderBy('entry_date')
        .executeTakeFirstOrThrow(),
    ).toEqual({ oriented_on: d(180), orientation_pathway: 'professional' });
    expect(await readModel(db)).toEqual(await expectedFromFacts(db));

    // Damaged by hand, rebuilt from the facts.
    await db
      .updateTable('entry_spell')
      .set({ orientation_id: null, oriented_on: null, orientation_pathway: null })
      .execute();
    await db
      .updateTable('entry_spell')
      .set({ orientation_pathway: 'health' })
      .where('person_id', '=', c)
      .execute();
    const rebuilt = await rebuildOrientationReadModel(db, '13');
    expect(rebuilt.changed).toBe(4);
    expect(await readModel(db)).toEqual(await expectedFromFacts(db));
    expect((await rebuildOrientationReadModel(db, '13')).changed).toBe(0);
  });
});

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

describe('orientation rebuild-read-model (command line, embedded database)', () => {
  it('recomputes the read model of a département from the facts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-orm-'));
    const snapshot = await migratedPgliteSnapshot();
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'apps/api/src/cli.ts', ...args], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: '',
          PARCOURS_DATA_DIR: dataDir,
          PARCOURS_TEST_PGLITE_SNAPSHOT: snapshot,
          LOG_LEVEL: 'silent',
          PARCOURS_DEMO_PERSONS: '80',
        },
      });
    await cli('demo', 'load');
    const open = () => openDatabase({ dataDir });
    let handle = await open();
    try {
      const oriented = await handle.db
        .selectFrom('entry_spell')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('orientation_id', 'is not', null)
        .executeTakeFirstOrThrow();
      expect(Number(oriented.n)).toBeGreaterThan(0);
      // The import kept the read model with the facts.
      expect(await readModel(handle.db)).toEqual(await expectedFromFacts(handle.db));
      await handle.db
        .updateTable('entry_spell')
        .set({
          orientation_id: null,
          oriented_on: null,
          orientation_pathway: null,
          orientation_programme: null,
        })
        .execute();
    } finally {
      await handle.close();
    }
    const { stdout } = await cli('orientation', 'rebuild-read-model', '--json');
    const result = JSON.parse(stdout) as { spells: number; changed: number };
    expect(result.changed).toBeGreaterThan(0);
    expect(result.spells).toBeGreaterThanOrEqual(result.changed);
    handle = await open();
    try {
      expect(await readModel(handle.db)).toEqual(await expectedFromFacts(handle.db));
    } finally {
      await handle.close();
    }
    const human = await cli('orientation', 'rebuild-read-model');
    expect(human.stdout).toMatch(/Modèle de lecture recalculé : \d+ entrée\(s\), 0 corrigée\(s\)\./);
  }, 300_000);
});
