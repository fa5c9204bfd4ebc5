import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, type ConventionTable } from '@parcours/contracts';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computedHeader } from '../src/modules/steering/application/convention-export';
import {
  defaultConventionFile,
  importConventionTable,
} from '../src/modules/steering/application/import-convention';
import { computePlanPauvreteIndicators } from '../src/modules/steering/application/indicators';
import { engines, loggedIn, startTestApp } from './support/harness';

const UNKNOWN = '00000000-0000-4000-8000-0000000000cc';

describe.each(engines)('the convention table (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let dep: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    dep = app.ctx.config.departmentCode;
  });

  const row = (t: ConventionTable, key: string) => t.rows.find((r) => r.key === key)!;
  const cell = (t: ConventionTable, key: string, kind: 'situation' | 'objective', year: number) =>
    row(t, key).cells.find((c) => c.kind === kind && c.year === year)!;

  async function snapshot() {
    const rows = await app.ctx.db.selectFrom('convention_indicator').selectAll().orderBy('key').execute();
    const values = await app.ctx.db.selectFrom('convention_value').selectAll().orderBy('id').execute();
    const changes = await app.ctx.db
      .selectFrom('convention_value_change')
      .select('id')
      .orderBy('id')
      .execute();
    return JSON.stringify({ rows, values, changes });
  }

  it('is loaded by the demo with every row and value of the seed; a second import changes nothing', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const res = await steering.call(api.convention.table, { query: { year: 2020 } });
    expect(res.status).toBe(200);
    const t = res.body;
    expect(t.year).toBe(2020);
    expect(t.rows).toHaveLength(26);
    expect(t.columns.map((c) => c.label)).toEqual([
      'Situation au 31 déc. 2018',
      'Objectif 2019',
      'Situation au 31 déc. 2019',
      'Objectif 2020',
      'Objectif 2021',
    ]);
    expect(cell(t, '3.1.1-1', 'situation', 2018)).toMatchObject({
      printed: '32519',
      valueKind: 'number',
      number: 32519,
    });
    expect(cell(t, '2.2-2', 'objective', 2020)).toMatchObject({
      printed: 'Cible à définir',
      valueKind: 'text',
    });
    expect(cell(t, '2.1.1-1', 'objective', 2021)).toMatchObject({
      printed: '95%',
      valueKind: 'percent',
      number: 95,
    });
    expect(cell(t, '1.1.2-1', 'situation', 2019).valueKind).toBe('nd');
    expect(cell(t, '3.1.1-1', 'situation', 2018).lastComment).toMatch(/tableau importé/);
    expect(row(t, '3.1.1-1')).toMatchObject({
      axis: 3,
      axisLabel: 'Insertion des allocataires du RSA',
      sectionLabel: 'Insertion et parcours des allocataires',
      objectiveRef: '3.1.1',
      indicatorKey: 'newEntrants',
    });
    const before = await snapshot();
    const again = await importConventionTable(app.ctx, dep);
    expect(again.changed).toBe(false);
    expect(await snapshot()).toBe(before);
  });

  it('fills the computed rows from the Plan Pauvreté indicators of the chosen year, and no other row', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const t = (await steering.call(api.convention.table, { query: { year: 2021 } })).body;
    const figures = await computePlanPauvreteIndicators(app.ctx.db, {
      departmentCode: dep,
      from: '2021-01-01',
      to: '2021-12-31',
      hubId: null,
    });
    const computed = t.rows.filter((r) => r.computed !== null);
    expect(computed).toHaveLength(10);
    for (const r of computed) expect(r.computed!.value, r.key).toBe(figures[r.indicatorKey!]);
    expect(row(t, '2.2-1').computed).toBeNull();
  });

  it('lets the steering role change a value with a comment: history, audit, version conflict (409)', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const t = (await steering.call(api.convention.table, { query: { year: 2020 } })).body;
    const target = cell(t, '2.2-1', 'objective', 2021);
    expect(target.printed).toBe('500');
    const saved = await steering.call(api.convention.setValue, {
      params: { id: target.id },
      body: { value: '450', comment: 'Objectif revu en comité de pilotage', version: target.version },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      printed: '450',
      valueKind: 'number',
      number: 450,
      edited: true,
      version: target.version + 1,
      updatedBy: 'Inès Pilotage',
      lastComment: 'Objectif revu en comité de pilotage',
    });
    // The same version a second time: someone else saved meanwhile.
    const stale = await steering.call(api.convention.setValue, {
      params: { id: target.id },
      body: { value: '400', comment: 'Autre avis', version: target.version },
    });
    expect(stale.status).toBe(409);
    // « ND » with its comment.
    const nd = await steering.call(api.convention.setValue, {
      params: { id: target.id },
      body: {
        notAvailable: true,
        value: '999',
        comment: 'Donnée non disponible',
        version: target.version + 1,
      },
    });
    expect(nd.body).toMatchObject({ printed: 'ND', valueKind: 'nd', number: null });

    const history = await steering.call(api.convention.history, { params: { id: target.id } });
    expect(history.status).toBe(200);
    expect(history.body.rowLabel).toMatch(/^Nombre d'intervenants sociaux formés/);
    expect(
      history.body.changes.map((c) => [c.source, c.printedBefore, c.printed, c.comment, c.author]),
    ).toEqual([
      ['edit', '450', 'ND', 'Donnée non disponible', 'Inès Pilotage'],
      ['edit', '500', '450', 'Objectif revu en comité de pilotage', 'Inès Pilotage'],
      ['import', null, '500', 'Valeur de la convention (tableau importé)', null],
    ]);
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'convention.value_set')
      .where('target_id', '=', target.id)
      .execute();
    expect(audit).toHaveLength(2);
    // The history cannot be rewritten.
    await expect(
      app.ctx.db
        .updateTable('convention_value_change')
        .set({ comment: 'x' })
        .where('value_id', '=', target.id)
        .execute(),
    ).rejects.toThrow(/append-only/);

    // A later import keeps the value edited in Parcours, and updates the others that changed in the file.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'convention-')), 'table.tsv');
    const text = fs
      .readFileSync(defaultConventionFile, 'utf8')
      .replace('\t0\t15\t15\t200\t500', '\t0\t15\t15\t250\t600')
      .replace('\t32519\t', '\t32520\t');
    fs.writeFileSync(file, text);
    const r = await importConventionTable(app.ctx, dep, { file });
    expect(r.values).toMatchObject({ updated: 2, keptEdited: 1 });
    const after = (await steering.call(api.convention.table, { query: { year: 2020 } })).body;
    expect(cell(after, '2.2-1', 'objective', 2021).printed).toBe('ND');
    expect(cell(after, '2.2-1', 'objective', 2020).printed).toBe('250');
    expect(cell(after, '3.1.1-1', 'situation', 2018)).toMatchObject({ printed: '32520', version: 2 });
    await importConventionTable(app.ctx, dep);
  });

  it('refuses bad input with a French 400 and unknown values with 404', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const t = (await steering.call(api.convention.table, { query: { year: 2020 } })).body;
    const target = cell(t, '2.1.2-1', 'situation', 2019);
    const noComment = await steering.call(api.convention.setValue, {
      params: { id: target.id },
      body: { value: '63', comment: '  ', version: target.version },
    });
    expect(noComment.status).toBe(400);
    expect(JSON.stringify(noComment.error)).toContain('Commentaire : obligatoire.');
    const noValue = await steering.call(api.convention.setValue, {
      params: { id: target.id },
      body: { value: '', comment: 'Rien', version: target.version },
    });
    expect(noValue.status).toBe(400);
    expect(JSON.stringify(noValue.error)).toContain('Valeur : obligatoire');
    expect((await steering.get('/api/convention/table?year=20x0')).status).toBe(400);
    expect((await steering.get('/api/convention/table?year=1999')).status).toBe(400);
    expect((await steering.get('/api/convention/values/pas-un-id/history')).status).toBe(400);
    expect((await steering.get(`/api/convention/values/${UNKNOWN}/history`)).status).toBe(404);
    const unknown = await steering.put(`/api/convention/values/${UNKNOWN}`, {
      value: '1',
      comment: 'x',
      version: 1,
    });
    expect(unknown.status).toBe(404);
    // Nothing was written by the refusals.
    const same = (await steering.call(api.convention.table, { query: { year: 2020 } })).body;
    expect(cell(same, '2.1.2-1', 'situation', 2019)).toEqual(target);
  });

  it('refuses the table to roles without the steering right (403), and the edit to them too', async () => {
    const t = (await (await loggedIn(app, 'admin@parcours.test')).call(api.convention.table)).body;
    const id = t.rows[0]!.cells[0]!.id;
    for (const email of ['referent@parcours.test', 'orientation@parcours.test']) {
      const other = await loggedIn(app, email);
      expect((await other.get('/api/convention/table')).status, email).toBe(403);
      expect((await other.bytes('/api/convention/table.xlsx')).status, email).toBe(403);
      expect((await other.get(`/api/convention/values/${id}/history`)).status, email).toBe(403);
      const put = await other.put(`/api/convention/values/${id}`, { value: '1', comment: 'x', version: 1 });
      expect(put.status, email).toBe(403);
    }
  });

  it('exports the table as XLSX laid out like the convention, with the computed column of the year', async () => {
    const steering = await loggedIn(app, 'pilotage@parcours.test');
    const res = await steering.bytes('/api/convention/table.xlsx?year=2020');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('convention-indicateurs-2020.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((r) => rows.push(r));
    const values = (r: ExcelJS.Row) => (r.values as ExcelJS.CellValue[]).slice(1);
    expect(values(rows[0]!)).toEqual([
      'Objectifs',
      'Indicateurs',
      'Commentaires et éléments de définition',
      'Commentaires et éléments de définition CD13',
      'Situation au 31 déc. 2018',
      "Rappel de l'objectif fixé pour le 31 décembre 2019",
      'Situation au 31 déc. 2019',
      "Rappel de l'objectif fixé pour 2020",
      "Rappel de l'objectif fixé pour 2021",
      computedHeader(2020),
      'Part calculée 2020',
    ]);
    // 26 rows, 3 axis lines and 6 section lines under the header, in the seed's order.
    expect(rows).toHaveLength(1 + 26 + 3 + 6);
    expect(rows[1]!.getCell(1).value).toBe('1. Enfants et jeunes');
    expect(rows[2]!.getCell(1).value).toBe("1.1. Prévention sortie sèche de l'ASE");
    const byLabel = (label: string) => rows.find((r) => r.getCell(2).value === label)!;
    const entrants = byLabel('Nombre de nouveaux entrants');
    expect(entrants.getCell(1).value).toBe(
      '3.1.1. Instruire et orienter rapidement vers un organisme accompagnateur',
    );
    expect([5, 6, 7, 8, 9].map((c) => entrants.getCell(c).value)).toEqual([
      32519,
      '27358*',
      41394,
      'Non définissable',
      'Non définissable',
    ]);
    const figures = await computePlanPauvreteIndicators(app.ctx.db, {
      departmentCode: dep,
      from: '2020-01-01',
      to: '2020-12-31',
      hubId: null,
    });
    expect(entrants.getCell(10).value).toBe(figures.newEntrants);
    const coverage = byLabel(
      'Taux de couverture de premier accueil social inconditionnel par département accessible à moins de 30 minutes',
    );
    expect(coverage.getCell(5).value).toBe(0.95);
    expect(coverage.getCell(5).numFmt).toBe('0%');
    expect(coverage.getCell(10).value).toBeNull();
    // What was edited in Parcours is exported as it is now (the ND typed above).
    expect(
      byLabel(
        "Nombre d'intervenants sociaux formés ou sensibilisés à la démarche du référent de parcours",
      ).getCell(9).value,
    ).toBe('ND');
  });
});
