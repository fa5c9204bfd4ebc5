import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api } from '@parcours/contracts';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultAnnexFile, importAnnex } from '../src/modules/offer/application/import-annex';
import { engines, loggedIn, startTestApp } from './support/harness';

const euros = (n: number) => n * 100;

describe.each(engines)('offer: the 2020 annex, its budgets and inconsistencies (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let dep: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    dep = app.ctx.config.departmentCode;
  });

  /** Sums of the table's figures per axis, read back from the stored action rows. */
  async function storedAxisSums() {
    const rows = await app.ctx.db
      .selectFrom('insertion_action_budget as b')
      .innerJoin('insertion_action as a', 'a.id', 'b.action_id')
      .select(['a.axis', 'b.amount_cents', 'b.state_share_cents', 'b.department_share_cents'])
      .where('b.department_code', '=', dep)
      .where('b.year', '=', 2020)
      .where('b.source', '=', 'annex_table')
      .execute();
    const sums = new Map<number, { amount: number; state: number; department: number }>();
    for (const r of rows) {
      const s = sums.get(r.axis) ?? { amount: 0, state: 0, department: 0 };
      s.amount += Number(r.amount_cents);
      s.state += Number(r.state_share_cents ?? 0);
      s.department += Number(r.department_share_cents ?? 0);
      sums.set(r.axis, s);
    }
    return sums;
  }

  async function snapshot() {
    const actions = await app.ctx.db
      .selectFrom('insertion_action')
      .select(['code', 'version', 'updated_at'])
      .where('department_code', '=', dep)
      .orderBy('code')
      .execute();
    const budgets = await app.ctx.db
      .selectFrom('insertion_action_budget')
      .select(['id', 'amount_cents', 'note'])
      .where('department_code', '=', dep)
      .orderBy('id')
      .execute();
    const lines = await app.ctx.db
      .selectFrom('offer_annex_line')
      .select(['id', 'amount_cents'])
      .orderBy('id')
      .execute();
    const operators = await app.ctx.db.selectFrom('insertion_action_operator').selectAll().execute();
    const territories = await app.ctx.db
      .selectFrom('insertion_action_territory')
      .select('id')
      .orderBy('id')
      .execute();
    const imports = await app.ctx.db.selectFrom('offer_annex_import').selectAll().execute();
    return JSON.stringify({ actions, budgets, lines, operators: operators.length, territories, imports });
  }

  it('loads every action of the annex with the demo, and the totals reconcile from the action rows', async () => {
    const actions = await app.ctx.db
      .selectFrom('insertion_action')
      .select(['code', 'kind', 'status', 'source', 'thematiques'])
      .where('department_code', '=', dep)
      .where('source', '=', 'annex')
      .execute();
    expect(actions).toHaveLength(41);
    const byCode = new Map(actions.map((a) => [a.code, a]));
    expect(byCode.get('1-1')).toMatchObject({ kind: 'socle', status: 'poursuivie' });
    expect(byCode.get('1-8')).toMatchObject({ kind: 'initiative_departementale', status: 'nouvelle' });
    expect(byCode.get('3-10')).toMatchObject({ kind: 'socle', status: 'renforcee' });
    expect(byCode.get('Ex 3-7')).toMatchObject({ status: 'annulee' });
    expect(byCode.get('3-16')?.thematiques).toContain('mobilite--etre-accompagne-dans-son-parcours-mobilite');
    expect(byCode.get('3-25')?.thematiques).toContain('mobilite--preparer-un-permis');
    expect(byCode.get('3-20')?.thematiques).toEqual(['famille--garde-denfants']);

    const sums = await storedAxisSums();
    expect(sums.get(1)?.amount).toBe(euros(1_644_583));
    expect(sums.get(2)?.amount).toBe(euros(1_995_000));
    expect(sums.get(3)?.amount).toBe(euros(7_469_788));
    expect(sums.get(4)).toBeUndefined(); // 4.1 has no amount: axis 4 is 0 €
    const lines = await app.ctx.db
      .selectFrom('offer_annex_line')
      .selectAll()
      .where('department_code', '=', dep)
      .where('year', '=', 2020)
      .orderBy('position')
      .execute();
    const printed = (label: string) => lines.find((l) => l.label === label)!;
    for (const axis of [1, 2, 3, 4])
      expect(Number(printed(`TOTAL AXE ${axis}`).amount_cents)).toBe(sums.get(axis)?.amount ?? 0);
    const valuation = lines.find((l) => l.scope === 'valuation')!;
    expect(Number(valuation.amount_cents)).toBe(euros(99_871));
    const total = [...sums.values()].reduce(
      (s, a) => ({
        amount: s.amount + a.amount,
        state: s.state + a.state,
        department: s.department + a.department,
      }),
      {
        amount: Number(valuation.amount_cents),
        state: Number(valuation.state_share_cents),
        department: Number(valuation.department_share_cents),
      },
    );
    expect(total).toEqual({
      amount: euros(11_209_242),
      state: euros(5_604_620),
      department: euros(5_604_620),
    });
    const general = lines.find((l) => l.scope === 'general')!;
    expect([
      Number(general.amount_cents),
      Number(general.state_share_cents),
      Number(general.department_share_cents),
    ]).toEqual([total.amount, total.state, total.department]);
  });

  it('keeps the sheets: operators, pôles, multi-year budgets and the printed total', async () => {
    const operators = await app.ctx.db
      .selectFrom('insertion_action_operator as o')
      .innerJoin('insertion_action as a', 'a.id', 'o.action_id')
      .innerJoin('structure as s', 's.id', 'o.structure_id')
      .select(['a.code', 's.name', 's.kind'])
      .where('a.department_code', '=', dep)
      .execute();
    const of = (code: string) => operators.filter((o) => o.code === code).map((o) => o.name);
    expect(of('3-7')).toEqual(['ADJ Marceau']);
    expect(of('3-24')).toEqual(['ADJ Marceau']);
    expect(of('3-4')).toEqual(
      expect.arrayContaining([
        'ACOPAD',
        'Groupement Performance Méditerranée',
        'CIERES',
        'ARES',
        'Sud Formation',
        'Espace formation / Sigma',
      ]),
    );
    expect(operators.every((o) => o.kind === 'operator')).toBe(true);
    const hubs = await app.ctx.db
      .selectFrom('insertion_action_territory as t')
      .innerJoin('insertion_action as a', 'a.id', 't.action_id')
      .innerJoin('insertion_hub as h', 'h.id', 't.hub_id')
      .select(['a.code', 'h.code as hub', 't.lot'])
      .where('a.department_code', '=', dep)
      .execute();
    expect(hubs.filter((h) => h.code === '3-7').map((h) => h.hub)).toEqual(['marseille-2-3']);
    expect(hubs.filter((h) => h.code === '3-18').map((h) => h.hub)).toEqual(['marseille-4-8-9-10-11-12']);
    expect(
      hubs
        .filter((h) => h.code === '3-4' && h.lot?.startsWith('Lot 1'))
        .map((h) => h.hub)
        .sort(),
    ).toEqual(['marseille-1-5-6-7', 'marseille-2-3']);
    const sheet = await app.ctx.db
      .selectFrom('offer_annex_sheet as s')
      .innerJoin('insertion_action as a', 'a.id', 's.action_id')
      .select(['s.total_cents', 's.sheet_kind', 'a.id'])
      .where('a.code', '=', '1-8')
      .where('a.department_code', '=', dep)
      .executeTakeFirstOrThrow();
    expect(Number(sheet.total_cents)).toBe(euros(409_740));
    const budgets = await app.ctx.db
      .selectFrom('insertion_action_budget')
      .select(['year', 'source', 'amount_cents'])
      .where('action_id', '=', sheet.id)
      .orderBy('source')
      .orderBy('year')
      .execute();
    expect(budgets.map((b) => [b.source, b.year, Number(b.amount_cents)])).toEqual([
      ['action_sheet', 2020, euros(204_870)],
      ['action_sheet', 2021, euros(204_870)],
      ['annex_table', 2020, euros(99_871)],
    ]);
  });

  it('a second import changes nothing; an edited file updates the annex facts', async () => {
    const before = await snapshot();
    const again = await importAnnex(app.ctx, dep);
    expect(again).toMatchObject({
      changed: false,
      budgets: 0,
      sheets: 0,
      lines: 0,
      territories: 0,
      operators: { created: 0, linked: 0 },
    });
    expect(again.actions).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshot()).toBe(before);

    const edited = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'annex-')), 'annex.txt');
    const text = fs.readFileSync(defaultAnnexFile, 'utf8');
    fs.writeFileSync(edited, text.replace('6 postes\t235 000 €', '6 postes\t240 000 €'));
    const changed = await importAnnex(app.ctx, dep, { file: edited });
    expect(changed.changed).toBe(true);
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const found = await steering.call(api.offerBudget.inconsistencies, { query: { year: 2020 } });
    expect(found.body.items.find((i) => i.actionCode === '3-3' && i.kind === 'shares_sum')?.facts).toEqual([
      expect.objectContaining({ amountCents: euros(240_000) }),
      expect.objectContaining({ amountCents: euros(235_000) }),
    ]);
    await importAnnex(app.ctx, dep);
    const restored = await steering.call(api.offerBudget.inconsistencies, { query: { year: 2020 } });
    expect(restored.body.items.some((i) => i.actionCode === '3-3')).toBe(false);
  });

  it('shows the budgets per axis and the inconsistencies, each with both facts, to the steering role', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const res = await steering.call(api.offerBudget.budgets, { query: { year: 2020 } });
    expect(res.status).toBe(200);
    expect(res.body.computedGeneral).toEqual({
      amountCents: euros(11_209_242),
      stateShareCents: euros(5_604_620),
      departmentShareCents: euros(5_604_620),
    });
    expect(res.body.axes.map((a) => a.totals.table.amountCents ?? 0)).toEqual([
      euros(1_644_583),
      euros(1_995_000),
      euros(7_469_788),
      0,
    ]);
    expect(res.body.axes.map((a) => a.printedTotal?.amountCents)).toEqual(
      res.body.axes.map((a) => a.printedTotal?.computed.amountCents ?? 0),
    );
    expect(res.body.header?.amountCents).toBe(1_120_924_246);
    expect(res.body.committed.year).toBe(2020);

    const inc = await steering.call(api.offerBudget.inconsistencies, { query: { year: 2020 } });
    expect(inc.status).toBe(200);
    const sheet18 = inc.body.items.find((i) => i.kind === 'sheet_differs' && i.actionCode === '1-8')!;
    expect(sheet18.facts.map((f) => f.amountCents)).toEqual([euros(99_871), euros(204_870)]);
    expect(sheet18.message).toContain('204');
    expect(inc.body.items.filter((i) => i.kind === 'no_amount').map((i) => i.actionCode)).toEqual([
      '1-6',
      '2-3',
      '3-1',
      '4.1',
    ]);
    expect(
      inc.body.items.filter((i) => i.kind === 'shares_sum' && i.actionCode).map((i) => i.actionCode),
    ).toEqual(['3-2', '3-12']);
    expect(inc.body.items.some((i) => i.kind === 'share_not_half' && i.actionCode === '1-8')).toBe(true);
    expect(inc.body.items.some((i) => i.kind === 'header_differs')).toBe(true);
    expect(inc.body.items.filter((i) => i.kind === 'total_mismatch')).toEqual([]);

    const referent = await loggedIn(app, 'referent@parcours.test');
    expect((await referent.call(api.offerBudget.budgets)).status).toBe(403);
    expect((await referent.bytes('/api/offer/annex.xlsx?year=2020')).status).toBe(403);
  });

  it('exports the annex as XLSX with numbers for amounts and totals', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const res = await steering.bytes('/api/offer/annex.xlsx?year=2020');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((r) => rows.push(r));
    const byLabel = (label: string) => rows.find((r) => String(r.getCell(1).value ?? '').startsWith(label))!;
    expect(String(rows[1]!.getCell(1).value)).toMatch(/^Commission permanente du 25 sept 2020/);
    expect(byLabel('INTITULE ACTION').getCell(5).value).toBe('MONTANT ACTION 2020');
    const general = byLabel('TOTAL GENERAL');
    expect([general.getCell(5).value, general.getCell(6).value, general.getCell(7).value]).toEqual([
      11_209_242, 5_604_620, 5_604_620,
    ]);
    expect(byLabel('TOTAL AXE 3').getCell(5).value).toBe(7_469_788);
    expect(typeof byLabel('3-2 ').getCell(5).value).toBe('number');
    expect(byLabel('3-2 ').getCell(5).numFmt).toContain('€');
    const actionAmounts = rows
      .filter((r) => /^(Ex )?\d[-.]\d+ /.test(String(r.getCell(1).value ?? '')))
      .map((r) => r.getCell(5).value)
      .filter((v): v is number => typeof v === 'number');
    const valuation = byLabel('AUTRES ACTIONS').getCell(5).value as number;
    expect(actionAmounts.reduce((s, v) => s + v, 0) + valuation).toBe(11_209_242);
    expect(
      rows
        .filter((r) => r.getCell(1).value === 'Total bénéficiaires/financement')
        .every((r) => typeof r.getCell(5).value === 'number'),
    ).toBe(true);
  });

  it('lets an administrator type a budget, refusing shares that do not make the amount', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const action = await app.ctx.db
      .selectFrom('insertion_action')
      .select('id')
      .where('code', '=', '3-4')
      .where('department_code', '=', dep)
      .executeTakeFirstOrThrow();
    const params = { id: action.id, year: 2021 };
    const countManual = async () =>
      (
        await app.ctx.db
          .selectFrom('insertion_action_budget')
          .select('id')
          .where('source', '=', 'manual')
          .execute()
      ).length;
    const bad = await admin.call(api.offerBudget.setManualBudget, {
      params,
      body: { amountCents: 100_000, stateShareCents: 50_000, departmentShareCents: 40_000 },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.error)).toContain('part État + part département doivent faire le montant');
    const negative = await admin.call(api.offerBudget.setManualBudget, {
      params,
      body: { amountCents: -100, stateShareCents: -50, departmentShareCents: -50 },
    });
    expect(negative.status).toBe(400);
    expect(await countManual()).toBe(0);
    const ok = await admin.call(api.offerBudget.setManualBudget, {
      params,
      body: {
        amountCents: euros(380_000),
        stateShareCents: euros(190_000),
        departmentShareCents: euros(190_000),
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.budget).toMatchObject({ year: 2021, source: 'manual', amountCents: euros(380_000) });
    expect(await countManual()).toBe(1);
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const refused = await steering.call(api.offerBudget.setManualBudget, {
      params,
      body: { amountCents: 0, stateShareCents: 0, departmentShareCents: 0 },
    });
    expect(refused.status).toBe(403);
    const view = await steering.call(api.offerBudget.budgets, { query: { year: 2021 } });
    const a34 = view.body.axes.flatMap((a) => a.actions).find((a) => a.code === '3-4')!;
    expect(a34.manual?.amountCents).toBe(euros(380_000));
    expect(a34.sheet?.amountCents).toBe(euros(380_000));
    // The annex's own facts are untouched by a manual budget, and a re-import keeps the manual one.
    await importAnnex(app.ctx, dep);
    expect(await countManual()).toBe(1);
  });
});
