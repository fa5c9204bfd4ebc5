import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { api } from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { orientationDecided } from '../src/modules/orientation';
import { openDatabase } from '../src/platform/db/database';
import type { Database } from '../src/platform/db/schema';
import { rebuildProjections, subscribe, subscribersOf } from '../src/platform/events';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import {
  daysAgo,
  fixtureLines,
  importLines,
  personIdOf,
  structureIdOf,
} from './support/orientation-fixtures';
import { migratedPgliteSnapshot } from './support/pglite-snapshot';

const P = 'ev-';
const today = daysAgo(0);
const open = [{ date: daysAgo(10), status: 'open' as const, subjectToDuties: true }];
const households = fixtureLines(P, [
  { key: 'h-a', members: [{ key: 'a', role: 'DEM', birthDate: '1980-04-02' }], rights: open },
  { key: 'h-b', members: [{ key: 'b', role: 'DEM', birthDate: '1981-05-03' }], rights: open },
]);

/** The entry-spell read model, as the projector maintains it. */
const readModel = (db: Kysely<Database>) =>
  db
    .selectFrom('entry_spell')
    .select(['id', 'orientation_id', 'oriented_on', 'orientation_pathway', 'orientation_programme'])
    .orderBy('id')
    .execute();

describe.each(engines)('domain events of the orientation decision (%s)', (engine) => {
  let app: RunningApp;
  let advisor: Client;
  let advisorId: string;
  const id = { a: '', b: '' };
  let ft: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    await importLines(app, households);
    id.a = await personIdOf(app, `${P}a`);
    id.b = await personIdOf(app, `${P}b`);
    // A postal address for both: the decision's letter goes there.
    await app.ctx.db
      .updateTable('household')
      .set({
        street_number: '12',
        street_type: 'rue',
        street_name: 'de la République',
        postal_code: '13002',
        commune_name: 'Marseille',
      })
      .where('claim_number', 'in', [`${P}h-a`, `${P}h-b`])
      .execute();
    ft = await structureIdOf(app, 'France Travail Marseille Joliette');
    advisor = await loggedIn(app, 'orientation@parcours.test');
    advisorId = (
      await app.ctx.db
        .selectFrom('account')
        .select('id')
        .where('email', '=', 'orientation@parcours.test')
        .executeTakeFirstOrThrow()
    ).id;
  });

  const decide = (personId: string, extra: Record<string, unknown> = {}) =>
    advisor.call(api.orientation.decide, {
      params: { id: personId },
      body: {
        pathway: 'professional',
        structureId: ft,
        programme: null,
        decidedOn: today,
        overrideReason: null,
        reorientationReason: null,
        diagnosisId: null,
        version: null,
        ...extra,
      },
    });

  const outboxOf = (personId: string) =>
    app.ctx.db
      .selectFrom('outbox_event')
      .select(['type', 'payload', 'department_code'])
      .where('type', '=', 'orientation.decided')
      .where(sql<string>`payload->>'personId'`, '=', personId)
      .orderBy('id')
      .execute();

  it('registers the read model before the letter, in the composition root', () => {
    expect(subscribersOf('orientation.decided')).toEqual([
      'projector:orientation.entry-spells',
      'projector:accompaniment.entry-spells',
      'messaging.decision-letter',
    ]);
  });

  it('publishes orientation.decided to the outbox; the read model and the letter react to it', async () => {
    const res = await decide(id.a);
    expect(res.status).toBe(201);
    const o = res.body.orientation;
    expect(await outboxOf(id.a)).toEqual([
      {
        type: 'orientation.decided',
        department_code: '13',
        payload: {
          orientationId: o.id,
          personId: id.a,
          pathway: 'professional',
          structureId: ft,
          programme: null,
          decidedOn: today,
          decidedBy: advisorId,
          overridden: false,
          reorientation: false,
          previousOrientationId: null,
        },
      },
    ]);
    // The projector: the entry spell keeps its initial orientation.
    const spell = await app.ctx.db
      .selectFrom('entry_spell')
      .select(['orientation_id', 'oriented_on', 'orientation_pathway'])
      .where('person_id', '=', id.a)
      .executeTakeFirstOrThrow();
    expect(spell).toEqual({ orientation_id: o.id, oriented_on: today, orientation_pathway: 'professional' });
    // The messaging subscriber: the letter the answer names.
    const letters = await app.ctx.db
      .selectFrom('message')
      .select(['id', 'channel'])
      .where('orientation_id', '=', o.id)
      .where('kind', '=', 'decision')
      .execute();
    expect(letters).toEqual([{ id: res.body.letterMessageId, channel: 'letter' }]);

    // A reorientation publishes the same fact, naming the orientation it replaces.
    const again = await decide(id.a, {
      pathway: 'social',
      structureId: await structureIdOf(app, "Lieu d'accueil Marseille 2/3"),
      overrideReason: 'Freins sociaux',
      reorientationReason: 'Situation nouvelle',
      version: o.version,
    });
    expect(again.status).toBe(201);
    const events = await outboxOf(id.a);
    expect(events).toHaveLength(2);
    expect(events[1]!.payload).toMatchObject({
      orientationId: again.body.orientation.id,
      reorientation: true,
      previousOrientationId: o.id,
      overridden: true,
    });
    expect(again.body.letterMessageId).not.toBeNull();
    // The initial orientation of the entry spell does not move.
    expect(
      await app.ctx.db
        .selectFrom('entry_spell')
        .select('orientation_id')
        .where('person_id', '=', id.a)
        .executeTakeFirstOrThrow(),
    ).toEqual({ orientation_id: o.id });
  });

  it('runs its subscribers in the decision’s transaction: a failing one rolls the decision back', async () => {
    let seen: { spell: string | null; letters: number } | null = null;
    const unsubscribe = subscribe(orientationDecided, 'test.failing-probe', async (trx, event) => {
      const spell = await trx
        .selectFrom('entry_spell')
        .select('orientation_id')
        .where('person_id', '=', event.payload.personId)
        .executeTakeFirstOrThrow();
      const letters = await trx
        .selectFrom('message')
        .select('id')
        .where('orientation_id', '=', event.payload.orientationId)
        .execute();
      seen = { spell: spell.orientation_id, letters: letters.length };
      throw new Error('probe failure');
    });
    const count = async (table: 'orientation' | 'timeline_event' | 'message' | 'audit_event') =>
      Number(
        (
          await app.ctx.db
            .selectFrom(table)
            .select(({ fn }) => fn.countAll<string>().as('n'))
            .where('person_id', '=', id.b)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = [
      await count('orientation'),
      await count('timeline_event'),
      await count('message'),
      await count('audit_event'),
    ];
    try {
      const res = await decide(id.b);
      expect(res.status).toBe(500);
    } finally {
      unsubscribe();
    }
    // Inside the transaction, the projector and the letter had run before the probe…
    expect(seen).toMatchObject({ letters: 1 });
    expect(seen!.spell).not.toBeNull();
    // …and all of it was rolled back with the decision.
    expect([
      await count('orientation'),
      await count('timeline_event'),
      await count('message'),
      await count('audit_event'),
    ]).toEqual(before);
    expect(await outboxOf(id.b)).toEqual([]);
    expect(
      await app.ctx.db
        .selectFrom('entry_spell')
        .select('orientation_id')
        .where('person_id', '=', id.b)
        .executeTakeFirstOrThrow(),
    ).toEqual({ orientation_id: null });

    // Without the probe, the same decision goes through.
    expect(subscribersOf('orientation.decided')).not.toContain('test.failing-probe');
    expect((await decide(id.b)).status).toBe(201);
    expect(await outboxOf(id.b)).toHaveLength(1);
  });

  it('rebuilds the entry-spell read model from the facts to the same content', async () => {
    const kept = await readModel(app.ctx.db);
    expect(kept.some((s) => s.orientation_id !== null)).toBe(true);
    // The indicators' columns kept by triggers (ADR 0017): lost, then recomputed by the rebuild.
    const factColumns = async () => ({
      spells: await app.ctx.db.selectFrom('entry_spell').select(['id', 'hub_id']).orderBy('id').execute(),
      orientations: await app.ctx.db
        .selectFrom('orientation')
        .select(['id', 'hub_id', 'superseded_on'])
        .orderBy('id')
        .execute(),
    });
    const facts = await factColumns();
    expect(facts.spells.some((s) => s.hub_id !== null)).toBe(true);
    await app.ctx.db.updateTable('entry_spell').set({ hub_id: null }).execute();
    await app.ctx.db.updateTable('orientation').set({ hub_id: null, superseded_on: '2000-01-01' }).execute();
    await app.ctx.db
      .updateTable('entry_spell')
      .set({
        orientation_id: null,
        oriented_on: null,
        orientation_pathway: null,
        orientation_programme: null,
      })
      .execute();
    const results = await rebuildProjections(app.ctx.db, '13');
    expect(results.map((r) => r.name)).toEqual([
      'orientation.entry-spells',
      'accompaniment.entry-spells',
      'steering.fact-hubs',
    ]);
    expect(results[0]!.changed).toBe(kept.filter((s) => s.orientation_id !== null).length);
    expect(results[2]!.changed).toBeGreaterThan(facts.spells.length);
    expect(await readModel(app.ctx.db)).toEqual(kept);
    expect(await factColumns()).toEqual(facts);
    expect((await rebuildProjections(app.ctx.db, '13')).map((r) => r.changed)).toEqual([0, 0, 0]);
    await expect(rebuildProjections(app.ctx.db, '13', ['nope'])).rejects.toThrow(
      /Projection inconnue : nope/,
    );
  });
});

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

describe('projections rebuild (command line, embedded database)', () => {
  it('rebuilds every projector, the orientation command being its alias', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-proj-'));
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
          PARCOURS_DEMO_PERSONS: '30',
        },
      });
    await cli('demo', 'load');
    let handle = await openDatabase({ dataDir });
    let kept: Awaited<ReturnType<typeof readModel>>;
    try {
      kept = await readModel(handle.db);
      expect(kept.some((s) => s.orientation_id !== null)).toBe(true);
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
    const { stdout } = await cli('projections', 'rebuild', '--json');
    const results = JSON.parse(stdout) as { name: string; rows: number; changed: number }[];
    expect(results.map((r) => r.name)).toEqual([
      'orientation.entry-spells',
      'accompaniment.entry-spells',
      'steering.fact-hubs',
    ]);
    expect(results[0]!.changed).toBe(kept.filter((s) => s.orientation_id !== null).length);
    handle = await openDatabase({ dataDir });
    try {
      expect(await readModel(handle.db)).toEqual(kept);
    } finally {
      await handle.close();
    }
    const human = await cli('projections', 'rebuild');
    expect(human.stdout).toMatch(
      /orientation\.entry-spells \(orientation initiale de chaque entrée\) : \d+ ligne\(s\), 0 corrigée\(s\)\./,
    );
    expect(human.stdout).toMatch(/accompaniment\.entry-spells \(.*\) : \d+ ligne\(s\), 0 corrigée\(s\)\./);
    const alias = await cli('orientation', 'rebuild-read-model', '--json');
    expect(JSON.parse(alias.stdout)).toEqual({ spells: results[0]!.rows, changed: 0 });
  }, 300_000);
});
