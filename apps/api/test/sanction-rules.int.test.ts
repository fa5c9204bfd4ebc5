import { api, type SanctionRegimeInput } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { sanctionBoundsFor } from '../src/modules/sanctions';
import { parisToday } from '../src/platform/time';
import { type Client, demoAccountOf, engines, loggedIn, startTestApp } from './support/harness';

/*
 * Issue 14, point 3: the sanction rules are dated rule sets. The built-in regimes (earlier one,
 * suspension-remobilisation from 1 June 2025) and the département's practice (sheet 3-9) are read
 * with the département's own sets; an administrator adds a set from a date, and a fact is judged by
 * the set of its day.
 */
describe.each(engines)('sanction rule sets (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Client;
  let referent: Client;
  const today = parisToday();
  const day = (n: number) => addCalendarDays(today, n);
  const regime = (over: Partial<SanctionRegimeInput> = {}): SanctionRegimeInput => ({
    effectiveFrom: day(30),
    regime: 'essai_departement',
    label: 'Régime d’essai',
    firstMinPercent: 40,
    firstMaxPercent: 90,
    firstMinMonths: 1,
    firstMaxMonths: 3,
    repeatedMinPercent: 40,
    repeatedMaxPercent: 100,
    repeatedMinMonths: 2,
    repeatedMaxMonths: 6,
    householdCapPercent: 60,
    capForSingleParentIncrease: false,
    repeatWindowMonths: 18,
    epOpinionRequiredForSanction: false,
    epOpinionRequiredForRemoval: true,
    removalAtEndOfSuspension: false,
    source: 'Délibération de test',
    ...over,
  });

  beforeAll(async () => {
    app = await startTestApp(engine);
    admin = await loggedIn(app, demoAccountOf.administrator);
    referent = await loggedIn(app, demoAccountOf.referent);
  });
  afterAll(() => app?.close());

  it('shows the built-in sets, the 2025 regime and the practice of sheet 3-9 in force today', async () => {
    const res = await referent.call(api.sanctions.rules);
    expect(res.status, res.text).toBe(200);
    expect(res.body.regime.rules.map((r) => [r.effectiveFrom, r.regime, r.builtIn])).toEqual([
      ['2025-06-01', 'suspension_remobilisation_2025', true],
      ['2009-06-01', 'earlier', true],
    ]);
    expect(res.body.regime.current).toMatchObject({
      regime: 'suspension_remobilisation_2025',
      first: { minPercent: 30, maxPercent: 100, minMonths: 1, maxMonths: 2 },
      householdCapPercent: 50,
    });
    expect(res.body.practice.current).toMatchObject({
      applies: true,
      firstSuspensionMonths: 2,
      secondSuspensionMonths: 3,
    });
  });

  it('an administrator adds a regime from a date; facts from that date are judged by it', async () => {
    const added = await admin.call(api.sanctions.addRegime, { body: regime() });
    expect(added.status, added.text).toBe(201);
    expect(added.body.regime.rules[0]).toMatchObject({
      effectiveFrom: day(30),
      regime: 'essai_departement',
      builtIn: false,
      source: 'Délibération de test',
    });
    expect(added.body.regime.current.regime).toBe('suspension_remobilisation_2025');

    const single = { householdPersons: 1, singleParentIncrease: false, repeat: 1 as const };
    expect((await sanctionBoundsFor(app.ctx.db, '13', day(29), single)).regime).toBe(
      'suspension_remobilisation_2025',
    );
    expect(await sanctionBoundsFor(app.ctx.db, '13', day(30), { ...single, householdPersons: 3 })).toEqual({
      regime: 'essai_departement',
      minPercent: 40,
      maxPercent: 60,
      minMonths: 1,
      maxMonths: 3,
      epOpinionRequiredForRemoval: true,
    });
    expect((await sanctionBoundsFor(app.ctx.db, '13', '2025-05-31', single)).regime).toBe('earlier');

    const taken = await admin.call(api.sanctions.addRegime, { body: regime() });
    expect(taken.status).toBe(409);
    expect(taken.error?.fields?.[0]?.message).toMatch(/déjà fixé/);
  });

  it('refuses a date in the past, bounds out of order, a referent: in French, nothing recorded', async () => {
    const past = await admin.call(api.sanctions.addRegime, { body: regime({ effectiveFrom: day(-1) }) });
    expect(past.status).toBe(400);
    expect(past.error?.fields?.[0]).toMatchObject({ path: 'effectiveFrom' });
    expect(past.error?.fields?.[0]?.message).toMatch(/passé/);
    const order = await admin.call(api.sanctions.addRegime, {
      body: regime({ effectiveFrom: day(40), firstMinPercent: 95 }),
    });
    expect(order.status).toBe(400);
    expect(order.error?.fields?.map((f) => f.path)).toContain('firstMinPercent');
    const forbidden = await referent.call(api.sanctions.addRegime, {
      body: regime({ effectiveFrom: day(50) }),
    });
    expect(forbidden.status).toBe(403);
    const after = await admin.call(api.sanctions.rules);
    expect(after.body.regime.rules).toHaveLength(3);
  });

  it('an administrator changes the département’s practice from a date', async () => {
    const added = await admin.call(api.sanctions.addPractice, {
      body: {
        effectiveFrom: day(10),
        applies: false,
        firstSuspensionMonths: 2,
        automaticReinstatement: true,
        secondSuspensionMonths: 3,
        removalAfterSecondSuspension: true,
        sasWeeks: 4,
        sasHalfDaysPerWeek: 3,
        source: 'Délibération de test',
      },
    });
    expect(added.status, added.text).toBe(201);
    expect(added.body.practice.rules.map((r) => r.applies)).toEqual([false, true]);
    expect(added.body.practice.current.applies).toBe(true);
  });
});
