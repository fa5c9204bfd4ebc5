import { api, countIndicatorKeys } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { indicatorHistories, toNdjson } from './support/indicator-histories';
import { noFigures } from './support/indicator-model';
import { importLines } from './support/orientation-fixtures';

/**
 * The Plan Pauvreté indicators (INDICATORS.md) on small histories written by hand, one pôle per
 * edge (support/indicator-histories.ts), imported through the history import. Each test states the
 * figures computed by hand; every key not named is 0 (counts) or null (ratio, mean).
 */
const figures = noFigures;

describe.each(engines)('Plan Pauvreté indicators on hand-written histories (%s)', (engine) => {
  let app: RunningApp;
  let steering: Client;
  const indicators = async (from: string, to: string, hub?: string) => {
    const res = await steering.call(api.indicators.planPauvrete, { query: { from, to, hub } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ from, to, hub: hub ?? null });
    return res.body.indicators;
  };

  beforeAll(async () => {
    app = await startTestApp(engine);
    const lines = Object.values(indicatorHistories()).flat();
    await importLines(app, lines, 'indicators.ndjson');
    expect(toNdjson(lines).split('\n').length).toBeGreaterThan(100);
    steering = await loggedIn(app, 'pilotage@parcours.test');
  });

  it('counts 31 January + 1 month as 29 February in a leap year, 28 February otherwise', async () => {
    // January 2024: leap-a and leap-b enter on 31 Jan (2); both oriented (2); leap-a on 29 Feb is
    // within 1 month, leap-b on 1 March is not (1). No orientation in January: 3.1.2 and 3.1.3 are 0.
    expect(await indicators('2024-01-01', '2024-01-31', 'ind-leap')).toEqual(
      figures({ newEntrants: 2, newEntrantsOriented: 2, newEntrantsOrientedWithin1Month: 1 }),
    );
    // February 2024: leap-a's initial orientation on 29 Feb (social). First appointment on 14 March
    // = 29 Feb + 14 days: within 2 weeks (1, 1). Contract on 29 April = 29 Feb + 2 months (1, 1).
    expect(await indicators('2024-02-01', '2024-02-29', 'ind-leap')).toEqual(
      figures({
        firstAppointmentsSet: 1,
        firstAppointmentsWithin2Weeks: 1,
        firstContracts: 1,
        firstContractsWithin2Months: 1,
      }),
    );
    // January 2023: 31 Jan + 1 month = 28 Feb: leap-c (28 Feb) within, leap-d (1 March) not.
    expect(await indicators('2023-01-01', '2023-01-31', 'ind-leap')).toEqual(
      figures({ newEntrants: 2, newEntrantsOriented: 2, newEntrantsOrientedWithin1Month: 1 }),
    );
  });

  it('counts entries on the first and the last day of the period, not the days around it', async () => {
    // March 2024: bounds-d (1 March) and bounds-e (31 March) enter; bounds-f (29 Feb) and bounds-g
    // (1 April) do not (2). Both oriented (2). bounds-d on 2 April > 1 April: not within; bounds-e on
    // 30 April = 31 March + 1 month: within (1). bounds-f's initial orientation is on 31 March, the
    // last day: first appointment 14 April = +14 days (1, 1), contract 31 May = +2 months (1, 1).
    expect(await indicators('2024-03-01', '2024-03-31', 'ind-bounds')).toEqual(
      figures({
        newEntrants: 2,
        newEntrantsOriented: 2,
        newEntrantsOrientedWithin1Month: 1,
        firstAppointmentsSet: 1,
        firstAppointmentsWithin2Weeks: 1,
        firstContracts: 1,
        firstContractsWithin2Months: 1,
      }),
    );
    // A one-day period, 29 Feb: bounds-f enters (1), oriented on 31 March (1) > 29 March (0).
    expect(await indicators('2024-02-29', '2024-02-29', 'ind-bounds')).toEqual(
      figures({ newEntrants: 1, newEntrantsOriented: 1 }),
    );
  });

  it('counts a closed-then-reopened person at each entry, each with its own initial orientation', async () => {
    // Q1 2024: reopen-h enters on 10 Jan and 5 March, reopen-i on 10 Jan and 1 March, reopen-j on
    // 10 Feb (open on 5 Jan but not subject to duties): 5 entries. Initial orientations: h 20 Jan,
    // h 20 March, i 15 Jan (i's second entry has none: its 15 Jan orientation is the first entry's):
    // 3, all within 1 month (3). 3.1.2: h's 20 Jan and i's 15 Jan (social) have no accompaniment
    // appointment before the next entry (h's on 25 March belongs to the second entry, professional):
    // 0. 3.1.3: h's second entry has its first contract on 28 March, 8 days after (1, 1).
    expect(await indicators('2024-01-01', '2024-03-31', 'ind-reopen')).toEqual(
      figures({
        newEntrants: 5,
        newEntrantsOriented: 3,
        newEntrantsOrientedWithin1Month: 3,
        firstContracts: 1,
        firstContractsWithin2Months: 1,
      }),
    );
    // March only: the two re-entries (2), h's oriented 20 March (1, 1); h's first contract (1, 1).
    expect(await indicators('2024-03-01', '2024-03-31', 'ind-reopen')).toEqual(
      figures({
        newEntrants: 2,
        newEntrantsOriented: 1,
        newEntrantsOrientedWithin1Month: 1,
        firstContracts: 1,
        firstContractsWithin2Months: 1,
      }),
    );
  });

  it('ignores an orientation before the entry', async () => {
    // February 2024: before-k and before-l enter on 1 Feb (2). k's only orientation (20 Jan) is
    // before: not oriented. l's 25 Jan too, its 20 Feb one is initial (1), within 1 month (1).
    // 3.1.2: l (socio-professional) has an appointment on 22 Feb (1, 1). 3.1.3: no contract.
    expect(await indicators('2024-02-01', '2024-02-29', 'ind-before')).toEqual(
      figures({
        newEntrants: 2,
        newEntrantsOriented: 1,
        newEntrantsOrientedWithin1Month: 1,
        firstAppointmentsSet: 1,
        firstAppointmentsWithin2Weeks: 1,
      }),
    );
    // January 2024: the orientations of 20 and 25 Jan are nobody's initial orientation, and k's
    // appointment on 22 Jan is no first appointment: everything is 0.
    expect(await indicators('2024-01-01', '2024-01-31', 'ind-before')).toEqual(figures({}));
  });

  it('skips a cancelled first appointment and counts the next one whatever its outcome', async () => {
    // January 2024: m, n, o enter on 2 Jan (3), oriented on 10 Jan (3, 3). m: cancelled 15 Jan, then
    // no-show 30 Jan: fixed, 20 days > 14. n: an orientation appointment (not accompaniment) on 12
    // Jan, then planned on 20 Jan: fixed, within 2 weeks. o: only a cancelled one. Set 2, within 1.
    expect(await indicators('2024-01-01', '2024-01-31', 'ind-cancel')).toEqual(
      figures({
        newEntrants: 3,
        newEntrantsOriented: 3,
        newEntrantsOrientedWithin1Month: 3,
        firstAppointmentsSet: 2,
        firstAppointmentsWithin2Weeks: 1,
      }),
    );
  });

  it('does not mistake a renewal for a first contract', async () => {
    // January 2024: q enters on 5 Jan, r re-enters on 10 Jan (2), oriented 8 and 12 Jan (2, 2).
    // 3.1.2: r (social) has no appointment (0). 3.1.3: q's contract of 3 Jan is before its
    // orientation, its first is 20 March > 8 March (not within), 25 March is a renewal; r's second
    // entry's first contract is 1 Feb (within); p's contract of 15 Jan is a renewal of a 2023
    // orientation, not counted: 2 first contracts, 1 within 2 months.
    expect(await indicators('2024-01-01', '2024-01-31', 'ind-renewal')).toEqual(
      figures({
        newEntrants: 2,
        newEntrantsOriented: 2,
        newEntrantsOrientedWithin1Month: 2,
        firstContracts: 2,
        firstContractsWithin2Months: 1,
      }),
    );
    // June 2023: p enters 1 June, oriented 10 June (1, 1, 1); first contract 1 July (1, 1).
    expect(await indicators('2023-06-01', '2023-06-30', 'ind-renewal')).toEqual(
      figures({
        newEntrants: 1,
        newEntrantsOriented: 1,
        newEntrantsOrientedWithin1Month: 1,
        firstContracts: 1,
        firstContractsWithin2Months: 1,
      }),
    );
  });

  it('leaves the professional pathway (France Travail) out of 3.1.2 but not out of 3.1.3', async () => {
    // January 2024: s and t enter on 2 Jan, oriented 5 Jan (2, 2, 2). Both have an accompaniment
    // appointment on 10 Jan, only t (social) counts in 3.1.2 (1, 1). s signs on 1 Feb (1, 1).
    expect(await indicators('2024-01-01', '2024-01-31', 'ind-ft')).toEqual(
      figures({
        newEntrants: 2,
        newEntrantsOriented: 2,
        newEntrantsOrientedWithin1Month: 2,
        firstAppointmentsSet: 1,
        firstAppointmentsWithin2Weeks: 1,
        firstContracts: 1,
        firstContractsWithin2Months: 1,
      }),
    );
  });

  it('counts garantie d’activité flows and stock, persons per active pair and the start delay', async () => {
    // H1 2024 (last day 30 June). Entries u, v, x 10 Jan, w 5 Jan, y 15 June, aa 10 May, z 20 June
    // (7), all oriented at some date (7); within 1 month: u, w, y, aa, z (5; v 1 March and x 1 April
    // are late). 3.1.2: the only social/socio-professional initial orientation is x's, no
    // appointment (0). No contract (0). Programme orientations in the period: u, v, w, x, y, aa (6).
    // Stock on 30 June: u, x, y, aa (v's rights closed on 1 June, w reoriented without programme,
    // z oriented on 1 July): 4. Accompagnement global that day: u, y, aa = 3; pairs active: r1, r2
    // (r2 until 30 June included; r3 ended 29 June, r4 is no pair, r5 starts 1 July) = 2 → 1.5.
    // Start delay: u 1 Feb → 11 Feb (5 Feb cancelled) 10 days, v 1 → 4 March 3, aa 15 → 21 May 6
    // (w's only appointment is before, y has none): 19 / 3 = 6.33 → 6.3.
    expect(await indicators('2024-01-01', '2024-06-30', 'ind-pairs')).toEqual(
      figures({
        newEntrants: 7,
        newEntrantsOriented: 7,
        newEntrantsOrientedWithin1Month: 5,
        activityGuaranteeOriented: 6,
        activityGuaranteeInProgress: 4,
        globalSupportPerAdvisor: 1.5,
        globalSupportStartDelayDays: 6.3,
      }),
    );
    // Last day 29 June: same entries (7, 7, 5); y's orientation (30 June) is out: 5 programme
    // orientations; stock u, x, aa (3); global u, aa = 2 over r1, r2, r3 = 3 → 0.67 → 0.7; delay
    // (10 + 3 + 6) / 3 → 6.3.
    expect(await indicators('2024-01-01', '2024-06-29', 'ind-pairs')).toEqual(
      figures({
        newEntrants: 7,
        newEntrantsOriented: 7,
        newEntrantsOrientedWithin1Month: 5,
        activityGuaranteeOriented: 5,
        activityGuaranteeInProgress: 3,
        globalSupportPerAdvisor: 0.7,
        globalSupportStartDelayDays: 6.3,
      }),
    );
    // 2022: no pair active yet (ratio null), no orientation (mean null).
    expect(await indicators('2022-01-01', '2022-12-31', 'ind-pairs')).toEqual(figures({}));
  });

  it('filters a pôle by its code or its uuid; the département is the sum of its pôles', async () => {
    // January 2024. Pôle A: huba-1 enters (1); no pair (null). Pôle B: hubb-1 and hubb-2 enter (2),
    // hubb-1 oriented 20 Jan (1, 1), social without appointment; one active pair, nobody in
    // accompagnement global: 0 / 1 = 0.
    expect(await indicators('2024-01-01', '2024-01-31', 'ind-hub-a')).toEqual(figures({ newEntrants: 1 }));
    const b = figures({
      newEntrants: 2,
      newEntrantsOriented: 1,
      newEntrantsOrientedWithin1Month: 1,
      globalSupportPerAdvisor: 0,
    });
    expect(await indicators('2024-01-01', '2024-01-31', 'ind-hub-b')).toEqual(b);
    const hubB = await app.ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('code', '=', 'ind-hub-b')
      .executeTakeFirstOrThrow();
    expect(await indicators('2024-01-01', '2024-01-31', hubB.id)).toEqual(b);

    // Every person of these histories lives in one of their pôles: each count of the département is
    // the sum of the pôles' (2023–2024).
    const codes = Object.keys(indicatorHistories());
    const perHub = await Promise.all(codes.map((code) => indicators('2023-01-01', '2024-12-31', code)));
    const whole = await indicators('2023-01-01', '2024-12-31');
    for (const key of countIndicatorKeys) {
      expect(whole[key], key).toBe(perHub.reduce((sum, f) => sum + f[key], 0));
    }
    expect(whole.newEntrants).toBeGreaterThan(30);
  });

  it('follows a person who moves to another pôle, a commune given to another pôle, and orientations recorded late or removed', async () => {
    const db = app.ctx.db;
    const personId = async (firstName: string) =>
      (
        await db
          .selectFrom('person')
          .select('id')
          .where('first_name', '=', firstName)
          .executeTakeFirstOrThrow()
      ).id;
    const communeOf = async (hubCode: string) =>
      await db
        .selectFrom('commune')
        .innerJoin('insertion_hub', 'insertion_hub.id', 'commune.hub_id')
        .select(['commune.insee_code', 'commune.hub_id'])
        .where('insertion_hub.code', '=', hubCode)
        .executeTakeFirstOrThrow();
    const householdOf = async (id: string) =>
      (await db.selectFrom('person').select('household_id').where('id', '=', id).executeTakeFirstOrThrow())
        .household_id as string;
    const a = await communeOf('ind-hub-a');
    const b = await communeOf('ind-hub-b');
    const entrantsIn = async (hub: string) => (await indicators('2024-01-01', '2024-01-31', hub)).newEntrants;

    // January 2024: A has huba-1 (1), B hubb-1 and hubb-2 (2). huba-1's household moves to B's
    // commune: A 0, B 3; back: 1 and 2.
    const huba1Household = await householdOf(await personId('huba-1'));
    await db
      .updateTable('household')
      .set({ commune_code: b.insee_code })
      .where('id', '=', huba1Household)
      .execute();
    expect([await entrantsIn('ind-hub-a'), await entrantsIn('ind-hub-b')]).toEqual([0, 3]);
    await db
      .updateTable('household')
      .set({ commune_code: a.insee_code })
      .where('id', '=', huba1Household)
      .execute();
    expect([await entrantsIn('ind-hub-a'), await entrantsIn('ind-hub-b')]).toEqual([1, 2]);

    // B's commune given to pôle A: A 3, B 0; given back.
    await db
      .updateTable('commune')
      .set({ hub_id: a.hub_id })
      .where('insee_code', '=', b.insee_code)
      .execute();
    expect([await entrantsIn('ind-hub-a'), await entrantsIn('ind-hub-b')]).toEqual([3, 0]);
    await db
      .updateTable('commune')
      .set({ hub_id: b.hub_id })
      .where('insee_code', '=', b.insee_code)
      .execute();
    expect([await entrantsIn('ind-hub-a'), await entrantsIn('ind-hub-b')]).toEqual([1, 2]);

    // A person who changes household (hubb-2 joins huba-1's): counted in A.
    const hubb2 = await personId('hubb-2');
    const hubb2Household = await householdOf(hubb2);
    await db.updateTable('person').set({ household_id: huba1Household }).where('id', '=', hubb2).execute();
    expect([await entrantsIn('ind-hub-a'), await entrantsIn('ind-hub-b')]).toEqual([2, 1]);
    await db.updateTable('person').set({ household_id: hubb2Household }).where('id', '=', hubb2).execute();

    // Stock on 30 June 2024 in ind-pairs: u, x, y, aa (4; first test). An orientation without
    // programme for u dated 15 June, recorded now: u leaves the stock (3), and comes back when it
    // is removed (4). Moved to 1 July (after the day): u stays in (4).
    const stock = async () =>
      (await indicators('2024-01-01', '2024-06-30', 'ind-pairs')).activityGuaranteeInProgress;
    const u = await personId('pairs-u');
    const latest = await db
      .selectFrom('orientation')
      .selectAll()
      .where('person_id', '=', u)
      .orderBy('notified_on', 'desc')
      .executeTakeFirstOrThrow();
    const late = await db
      .insertInto('orientation')
      .values({
        department_code: latest.department_code,
        person_id: u,
        notified_on: '2024-06-15',
        pathway: 'social',
        structure_id: latest.structure_id,
        programme: null,
        source: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await stock()).toBe(3);
    await db
      .updateTable('orientation')
      .set({ notified_on: '2024-07-01' })
      .where('id', '=', late.id)
      .execute();
    expect(await stock()).toBe(4);
    await db
      .updateTable('orientation')
      .set({ notified_on: '2024-06-15' })
      .where('id', '=', late.id)
      .execute();
    expect(await stock()).toBe(3);
    await db.deleteFrom('orientation').where('id', '=', late.id).execute();
    expect(await stock()).toBe(4);
  });
});
