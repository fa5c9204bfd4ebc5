import { planPauvreteIndicatorKeys } from '@parcours/contracts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { computePlanPauvreteIndicators } from '../src/modules/steering';
import { engines, startTestApp } from './support/harness';
import {
  appointment,
  body,
  contract,
  hub,
  orientation,
  person,
  referent,
  rights,
} from './support/indicator-histories';
import { addDays, type ModelPair, type ModelPerson, modelIndicators } from './support/indicator-model';
import { importLines } from './support/orientation-fixtures';

/**
 * The SQL indicators against a straightforward TypeScript reading of INDICATORS.md
 * (support/indicator-model.ts) over random small histories. The same persons and advisor pairs
 * (fixed ids) come back in every run with new facts: the history import replaces a known person's
 * history rows with the file's, which resets the data between runs cheaply.
 */
const PERSONS = 8;
const PAIRS = 4;
const START = '2024-01-01';
/** Month ends and 29 February, more often than chance would pick them. */
const monthEnds = fc.constantFrom(
  '2024-01-31',
  '2024-02-29',
  '2024-03-01',
  '2024-03-31',
  '2024-04-30',
  '2024-05-31',
);
/** Dates over seven months. */
const day = fc.oneof(
  fc.integer({ min: 0, max: 210 }).map((n) => addDays(START, n)),
  monthEnds,
);
/** A person's facts fall within weeks of each other, so that the delays are sometimes short. */
const near = (base: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: base, max: base + 35 }).map((n) => addDays(START, n)) },
    monthEnds,
  );
/** Distinct dates: the definitions order a person's facts by date (ties are the import's order). */
const distinct = (base: number, max: number) => fc.uniqueArray(near(base), { minLength: 1, maxLength: max });
const often = fc.constantFrom(true, true, false);
const communes = { 'prop-a': '13024', 'prop-b': '13027', other: '13029' } as const;
const hubOf = (i: number) => (['prop-a', 'prop-b', 'other'] as const)[i % 3] as keyof typeof communes;

const personArb = fc.integer({ min: 0, max: 160 }).chain((base) =>
  fc.record({
    rights: distinct(base, 4).chain((ds) =>
      fc.tuple(...ds.map((date) => fc.record({ date: fc.constant(date), open: often, subject: often }))),
    ),
    orientations: distinct(base, 3).chain((ds) =>
      fc.tuple(
        ...ds.map((date) =>
          fc.record({
            date: fc.constant(date),
            pathway: fc.constantFrom('professional', 'socio-professional', 'social'),
            programme: fc.constantFrom(
              null,
              null,
              'accompagnement-global',
              'garantie-activite-departementale',
            ),
          }),
        ),
      ),
    ),
    appointments: fc.array(
      fc.record({
        date: near(base),
        purpose: fc.constantFrom('accompaniment', 'accompaniment', 'orientation', 'other'),
        status: fc.constantFrom('planned', 'seen', 'noshow', 'excused', 'cancelled'),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    contracts: fc.array(near(base), { maxLength: 2 }),
  }),
);
const pairArb = fc.record({
  pair: fc.boolean(),
  from: day,
  length: fc.option(fc.integer({ min: 0, max: 150 })),
});
const queryArb = fc.record({
  from: day,
  length: fc.integer({ min: 0, max: 200 }),
  // Mostly after every fact; sometimes within them, so that later events are cut at that date.
  computedOn: fc.oneof({ weight: 3, arbitrary: fc.constant('2026-01-01') }, day),
});

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;
/** One history where every figure is non-zero, besides the random ones. */
const quiet: Of<typeof personArb> = { rights: [], orientations: [], appointments: [], contracts: [] };
const everyFigure: [Of<typeof personArb>[], Of<typeof pairArb>[], Of<typeof queryArb>] = [
  [
    {
      rights: [{ date: '2024-01-10', open: true, subject: true }],
      orientations: [{ date: '2024-01-20', pathway: 'social', programme: 'accompagnement-global' }],
      appointments: [{ date: '2024-01-25', purpose: 'accompaniment', status: 'seen' }],
      contracts: ['2024-02-10'],
    },
    ...Array.from({ length: PERSONS - 1 }, () => quiet),
  ],
  Array.from({ length: PAIRS }, () => ({ pair: true, from: '2024-01-01', length: null })),
  { from: '2024-01-01', length: 90, computedOn: '2026-01-01' },
];

describe.each(engines)('Plan Pauvreté indicators: SQL = model (%s)', (engine) => {
  let app: RunningApp;
  let hubIds: Record<string, string>;
  let run = 0;
  beforeAll(async () => {
    app = await startTestApp(engine);
    await importLines(app, [
      hub('prop-a', communes['prop-a']),
      hub('prop-b', communes['prop-b']),
      body('prop-a-ft', 'prop-a', 'france-travail'),
      body('prop-b-ft', 'prop-b', 'france-travail'),
    ]);
    const rows = await app.ctx.db
      .selectFrom('insertion_hub')
      .select(['id', 'code'])
      .where('code', 'in', ['prop-a', 'prop-b'])
      .execute();
    hubIds = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  });

  it('agrees with the definitions on random histories', async () => {
    // How many comparisons had each figure non-zero: the random histories must reach every one.
    const exercised = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(personArb, { minLength: PERSONS, maxLength: PERSONS }),
        fc.array(pairArb, { minLength: PAIRS, maxLength: PAIRS }),
        queryArb,
        async (generated, generatedPairs, q) => {
          const persons: ModelPerson[] = generated.map((g, i) => ({
            id: `prop-p${i}`,
            hub: hubOf(i) === 'other' ? null : hubOf(i),
            ...g,
          }));
          const pairs: ModelPair[] = generatedPairs.map((r, i) => ({
            hub: i % 2 ? 'prop-b' : 'prop-a',
            pair: r.pair,
            from: r.from,
            to: r.length === null ? null : addDays(r.from, r.length),
          }));
          // An ignored field makes each file new: the import skips a file it has already applied.
          const lines = [
            { ...hub('prop-a', communes['prop-a']), run: ++run },
            ...pairs.map((r, i) => referent(`prop-r${i}`, `${r.hub}-ft`, r.pair, r.from, r.to)),
            ...persons.flatMap((p, i) => [
              person(p.id, communes[hubOf(i)]),
              ...p.rights.map((r) => rights(p.id, r.date, r.open ? 'open' : 'closed', r.subject)),
              ...p.orientations.map((o) => orientation(p.id, o.date, o.pathway, 'prop-a-ft', o.programme)),
              ...p.appointments.map((a) => appointment(p.id, a.date, a.status, 'prop-a-ft', a.purpose)),
              ...p.contracts.map((d) => contract(p.id, d)),
            ]),
          ];
          await importLines(app, lines, 'property.ndjson');
          const query = { from: q.from, to: addDays(q.from, q.length), computedOn: q.computedOn };
          for (const hubCode of [null, 'prop-a', 'prop-b']) {
            const sqlFigures = await computePlanPauvreteIndicators(app.ctx.db, {
              departmentCode: '13',
              ...query,
              hubId: hubCode === null ? null : (hubIds[hubCode] as string),
            });
            expect(sqlFigures, `pôle ${hubCode}`).toEqual(
              modelIndicators(persons, pairs, { ...query, hub: hubCode }),
            );
            for (const [key, value] of Object.entries(sqlFigures)) {
              if (value) exercised.set(key, (exercised.get(key) ?? 0) + 1);
            }
          }
        },
      ),
      { numRuns: 40, examples: [everyFigure] },
    );
    console.info(`indicators exercised: ${JSON.stringify(Object.fromEntries(exercised))}`);
    expect([...exercised.keys()].sort()).toEqual([...planPauvreteIndicatorKeys].sort());
  }, 300_000);
});
