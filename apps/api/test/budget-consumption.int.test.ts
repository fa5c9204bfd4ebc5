import { api } from '@parcours/contracts';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hubOfPerson, seedAidPerson } from './support/aid-fixtures';
import { createAction } from './support/catalogue-fixtures';
import { engines, loggedIn, startTestApp } from './support/harness';

const euros = (n: number) => n * 100;

/**
 * Budget consumption (issue 13, docs/budgets.md) on a hand-made set in 2031–2032, years the demo
 * never touches. Expected figures are computed by hand in the comments.
 */
describe.each(engines)('offer: budget consumption, planned vs committed (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let personIds: string[] = [];

  beforeAll(async () => {
    app = await startTestApp(engine);
    const db = app.ctx.db;
    const admin = await loggedIn(app, 'admin@parcours.test');
    // BC-1 axis 3, 1 500 € a referral, 20 planned; BC-2 axis 1 without unit cost; BC-3 axis 3, 800 €, no budget.
    const bc1 = await createAction(admin, 'BC-1', {
      axis: 3,
      unitCostCents: euros(1_500),
      plannedBeneficiaries: 20,
    });
    const bc2 = await createAction(admin, 'BC-2', { axis: 1 });
    const bc3 = await createAction(admin, 'BC-3', { axis: 3, unitCostCents: euros(800) });
    const budget = (actionId: string, year: number, source: string, amount: number, shares: boolean) =>
      db
        .insertInto('insertion_action_budget')
        .values({
          department_code: '13',
          action_id: actionId,
          year,
          source,
          amount_cents: euros(amount),
          state_share_cents: shares ? euros(amount / 2) : null,
          department_share_cents: shares ? euros(amount / 2) : null,
        })
        .execute();
    // BC-1 2031: the annex says 30 000 €, Parcours 40 000 € (typed in wins); 2032: its sheet, 25 000 €.
    await budget(bc1.id, 2031, 'annex_table', 30_000, true);
    await budget(bc1.id, 2031, 'manual', 40_000, true);
    await budget(bc1.id, 2032, 'action_sheet', 25_000, false);
    await budget(bc2.id, 2031, 'annex_table', 10_000, true);

    const a = await seedAidPerson(app, 'Consommation');
    const b = await seedAidPerson(app, 'Engagement');
    personIds = [a.personId, b.personId];
    let i = 0;
    const referral = (
      actionId: string,
      status: string,
      sent: string,
      entered: string | null = null,
      exit: [string, string, string] | null = null,
    ) =>
      db
        .insertInto('referral')
        .values({
          department_code: '13',
          person_id: personIds[i++ % 2]!,
          action_id: actionId,
          status,
          sent_on: sent,
          entered_on: entered,
          exited_on: exit?.[0] ?? null,
          exit_category: exit?.[1] ?? null,
          exit_type: exit?.[2] ?? null,
        })
        .execute();
    await referral(bc1.id, 'accepted', '2031-03-01'); // r1: commits 2031 (sent)
    await referral(bc1.id, 'entered', '2030-12-20', '2031-01-10'); // r2: commits 2031 (entry), referred 2030
    await referral(bc1.id, 'exited', '2031-02-01', '2031-02-15', ['2031-06-30', 'positive', 'cdi']); // r3
    await referral(bc1.id, 'exited', '2031-11-01', '2032-01-05', [
      '2032-03-01',
      'abandonment',
      'abandonment',
    ]); // r4: 2032
    await referral(bc1.id, 'refused', '2031-04-01'); // r5: commits nothing
    await referral(bc1.id, 'cancelled', '2031-05-01'); // r6: commits nothing
    await referral(bc1.id, 'sent', '2031-12-01'); // r7: unanswered, commits nothing
    await referral(bc1.id, 'exited', '2031-01-05', '2031-01-20', ['2031-09-30', 'positive', 'cdi']); // r8
    await referral(bc2.id, 'entered', '2031-02-01', '2031-03-01'); // r9: no unit cost
    await referral(bc3.id, 'accepted', '2031-07-01'); // r10: 800 €

    const hubId = await hubOfPerson(app, a.personId);
    const envelope = (year: number, kind: string, amount: number) =>
      db
        .insertInto('aid_envelope')
        .values({ department_code: '13', year, kind, hub_id: hubId, amount_cents: euros(amount) })
        .execute();
    await envelope(2031, 'travel', 5_000);
    await envelope(2031, 'driving_licence', 10_000);
    await envelope(2032, 'travel', 2_000);
    const aid = (kind: string, status: string, amount: number, on: string) =>
      db
        .insertInto('individual_aid')
        .values({
          department_code: '13',
          person_id: a.personId,
          contract_id: a.contractId,
          hub_id: hubId,
          kind,
          amount_cents: euros(amount),
          purpose: 'Essai',
          payee_kind: 'person',
          payee_label: 'CONSOMMATION Inès',
          requested_on: on,
          status,
        })
        .execute();
    await aid('travel', 'validated', 300, '2031-02-01');
    await aid('travel', 'ordered', 200, '2031-03-01');
    await aid('driving_licence', 'paid', 1_200, '2031-04-01');
    await aid('travel', 'rejected', 999, '2031-05-01');
    await aid('driving_licence', 'requested', 500, '2031-06-01');
    await aid('travel', 'cancelled', 700, '2031-07-01');
    await aid('travel', 'withdrawn', 50, '2031-08-01');
    await aid('travel', 'paid', 150, '2032-01-10');
  }, 120_000);

  it('computes planned, committed and gap per action, axis and in total, year by year', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const res = await steering.call(api.offerBudget.consumption, { query: { from: 2031, to: 2032 } });
    expect(res.status).toBe(200);
    expect(res.body.years.map((y) => y.year)).toEqual([2031, 2032]);
    const [y31, y32] = res.body.years;
    const axis = (y: typeof y31, n: number) => y!.axes.find((x) => x.axis === n)!;
    const action = (y: typeof y31, code: string) =>
      y!.axes.flatMap((x) => x.actions).find((x) => x.code === code)!;

    // BC-1 2031: r1, r2, r3, r8 commit = 4 × 1 500 € = 6 000 €; planned 40 000 € typed in; gap 34 000 €.
    // Referred in 2031: r1, r3, r4, r5, r6, r7, r8 = 7; entered in 2031: r2, r3, r8 = 3; exits: 2 CDI.
    expect(action(y31, 'BC-1')).toMatchObject({
      plannedSource: 'manual',
      plannedCents: euros(40_000),
      plannedStateShareCents: euros(20_000),
      plannedDepartmentShareCents: euros(20_000),
      committingReferrals: 4,
      committedCents: euros(6_000),
      gapCents: euros(34_000),
      beneficiaries: {
        planned: 20,
        referred: 7,
        entered: 3,
        exits: [{ category: 'positive', type: 'cdi', count: 2 }],
      },
    });
    // BC-2: one entry, no unit cost: committed unknown, not 0; its axis flags the incomplete sum.
    expect(action(y31, 'BC-2')).toMatchObject({
      committingReferrals: 1,
      committedCents: null,
      gapCents: null,
    });
    expect(axis(y31, 1)).toMatchObject({
      plannedCents: euros(10_000),
      committedCents: null,
      gapCents: null,
      actionsWithoutUnitCost: 1,
    });
    // BC-3: no budget, one accepted referral: 800 € committed, gap −800 €.
    expect(action(y31, 'BC-3')).toMatchObject({
      plannedCents: null,
      committedCents: euros(800),
      gapCents: euros(-800),
    });
    // Aids 2031: envelopes 5 000 + 10 000 = 15 000 €; validated 300 + ordered 200 + paid 1 200 = 1 700 €
    // (rejected, requested, cancelled, withdrawn commit nothing); gap 13 300 €. On axis 3, no shares.
    expect(axis(y31, 3).aids).toMatchObject({
      plannedCents: euros(15_000),
      plannedStateShareCents: null,
      committedCents: euros(1_700),
      gapCents: euros(13_300),
    });
    expect(axis(y31, 3).aids?.kinds).toEqual([
      { kind: 'travel', plannedCents: euros(5_000), committedCents: euros(500) },
      { kind: 'driving_licence', plannedCents: euros(10_000), committedCents: euros(1_200) },
    ]);
    // Axis 3 2031: planned 40 000 + 15 000 = 55 000 € (State 20 000 €); committed 6 000 + 800 + 1 700 = 8 500 €.
    expect(axis(y31, 3)).toMatchObject({
      plannedCents: euros(55_000),
      plannedStateShareCents: euros(20_000),
      committedCents: euros(8_500),
      gapCents: euros(46_500),
      actionsWithoutUnitCost: 0,
    });
    // Total 2031: planned 65 000 € (State 25 000 €), committed 8 500 € (axis 1 unknown), gap 56 500 €.
    expect(y31).toMatchObject({
      plannedCents: euros(65_000),
      plannedStateShareCents: euros(25_000),
      plannedDepartmentShareCents: euros(25_000),
      committedCents: euros(8_500),
      gapCents: euros(56_500),
      actionsWithoutUnitCost: 1,
    });

    // 2032: BC-1 planned from its sheet (25 000 €, no shares), r4 commits 1 500 € (entered 2032-01-05);
    // aids: envelope 2 000 €, paid 150 €. Total: 27 000 € planned, 1 650 € committed, gap 25 350 €.
    expect(action(y32, 'BC-1')).toMatchObject({
      plannedSource: 'action_sheet',
      plannedCents: euros(25_000),
      plannedStateShareCents: null,
      committedCents: euros(1_500),
      beneficiaries: {
        referred: 0,
        entered: 1,
        exits: [{ category: 'abandonment', type: 'abandonment', count: 1 }],
      },
    });
    expect(y32).toMatchObject({
      plannedCents: euros(27_000),
      committedCents: euros(1_650),
      gapCents: euros(25_350),
    });
    // Aggregates only: no person's id anywhere.
    for (const id of personIds) expect(res.text).not.toContain(id);
  });

  it('fills the budgets page’s committed for its year, and covers the years of the facts by default', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const page = await steering.call(api.offerBudget.budgets, { query: { year: 2031 } });
    expect(page.status).toBe(200);
    expect(page.body.committed).toMatchObject({
      year: 2031,
      committedCents: euros(8_500),
      gapCents: euros(56_500),
    });
    // The annex workbook of 2020 (loaded by the demo) carries the year's consumption on its own sheet.
    const y20 = (await steering.call(api.offerBudget.budgets, { query: { year: 2020 } })).body.committed;
    const xlsx = await steering.bytes('/api/offer/annex.xlsx?year=2020');
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Consommation 2020')!;
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['Engagé', 'Écart (prévu − engagé)']));
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((r) => rows.push(r));
    const general = rows.find((r) => String(r.getCell(1).value) === 'TOTAL GENERAL 2020')!;
    expect(y20.plannedCents).toBeGreaterThan(0);
    expect(general.getCell(4).value).toBe(y20.plannedCents! / 100);
    const all = await steering.call(api.offerBudget.consumption, {});
    expect(all.status).toBe(200);
    expect(all.body.to).toBe(2032);
    expect(all.body.from).toBe(2023);
    expect(all.body.years).toHaveLength(10);
  });

  it('refuses bad periods in French and other roles', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const reversed = await steering.request('GET', '/api/offer/budgets/consumption?from=2032&to=2031');
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('La dernière année doit être postérieure ou égale à la première.');
    const long = await steering.request('GET', '/api/offer/budgets/consumption?from=2020&to=2035');
    expect(long.status).toBe(400);
    expect(long.text).toContain('ne peut pas dépasser 10 ans');
    const malformed = await steering.request('GET', '/api/offer/budgets/consumption?from=deux-mille');
    expect(malformed.status).toBe(400);
    const referent = await loggedIn(app, 'referent@parcours.test');
    expect(
      (await referent.call(api.offerBudget.consumption, { query: { from: 2031, to: 2031 } })).status,
    ).toBe(403);
  });
});
