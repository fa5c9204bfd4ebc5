import { Readable } from 'node:stream';
import { api, type DreesTable } from '@parcours/contracts';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { importHistory } from '../src/modules/history/application/import-history';
import { computeDreesCounts } from '../src/modules/steering/application/drees-statistics';
import { demoAccountOf, engines, loggedIn, startTestApp } from './support/harness';

type Line = Record<string, unknown>;
const ndjson = (lines: Line[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;

const person = (id: string, household: string, role: string, birthDate: string, sex: string): Line => ({
  kind: 'person',
  id,
  householdNumber: household,
  role,
  nir: null,
  birthName: `Stat${id.toUpperCase()}`,
  lastName: null,
  firstName: `Prenom${id}`,
  birthDate,
  sex,
  commune: '13202',
});
const rights = (personId: string, date: string, status = 'open', subjectToDuties = true): Line => ({
  kind: 'rights',
  personId,
  date,
  status,
  subjectToDuties,
});
const orientation = (personId: string, date: string, bodyId: string, pathway = 'social'): Line => ({
  kind: 'orientation',
  personId,
  date,
  pathway,
  bodyId,
  programme: null,
});
const contract = (personId: string, signedOn: string, end: string): Line => ({
  kind: 'contract',
  personId,
  signedOn,
  start: signedOn,
  end,
  weeklyHours: 15,
  hoursRegime: 'standard',
});
const body = (id: string, type: string): Line => ({
  kind: 'body',
  id,
  name: `Stat ${id}`,
  type,
  hub: 'stat-hub',
});

/**
 * A hand history observed on D = 31/12/2026 (flows: 1/1/2026 – 31/12/2026).
 * In the population (open and subject to duties on D): s1, s2, s3, s6, s9, s10 = 6.
 * - s1 F 1990 (36: 30–39), alone, entry 1/3/2026 (6–12 months), oriented France Travail 20/3
 *   (≤ 1 month), registered with France Travail.
 * - s2 M 2003 (23: < 25), couple with a child (s3 CJT, s4 ENF), entry 15/6/2025 (1–2 years),
 *   oriented Cap emploi 1/7/2025 then MDS 10/5/2026 (reorientation employment → outside), first
 *   contract 1/6/2026 (> 6 months after the orientation), a second one 1/12/2026–30/11/2027 in
 *   force on D (6–12 months).
 * - s3 F 1980 (46: 40–49), CJT of s2, entry 1/11/2026 (< 6 months), not oriented.
 * - s5 M 1960: entry 10/1/2026, oriented CCAS 20/2 (1–2 months), rights closed 1/8: out of the
 *   population, but his initial orientation is in the year's delays.
 * - s6 F 1995-12-31 (31 on D: 30–39), alone with a child (s7), entry 1/1/2019 (5–10 years),
 *   oriented mission locale 1/3/2019, first contract 1/10/2026–31/1/2027 in force (3–6 months).
 * - s8 M 1970: no longer subject to duties from 1/9/2026: out.
 * - s9 F 1985 (41: 40–49), alone, entry 1/4/2026 (6–12 months), oriented MDS 15/4 (≤ 1 month),
 *   reoriented France Travail 1/9 (outside → employment), not registered.
 * - s10 M 1988 (38: 30–39), alone, oriented France Travail in 2024, rights closed 1/1/2025 and
 *   reopened 1/6/2026 (6–12 months): the old orientation is before the entry, so not oriented.
 */
function history(): Line[] {
  return [
    { kind: 'hub', id: 'stat-hub', name: 'Pôle statistiques', communes: ['13202'] },
    body('ft', 'france-travail'),
    body('cap', 'cap-emploi'),
    body('mds', 'mds'),
    body('ml', 'mission-locale'),
    body('ccas', 'ccas'),
    person('s1', 'H1', 'DEM', '1990-05-01', 'F'),
    rights('s1', '2026-03-01'),
    orientation('s1', '2026-03-20', 'ft', 'professional'),
    person('s2', 'H2', 'DEM', '2003-02-01', 'M'),
    rights('s2', '2025-06-15'),
    orientation('s2', '2025-07-01', 'cap', 'professional'),
    orientation('s2', '2026-05-10', 'mds'),
    contract('s2', '2026-06-01', '2026-11-30'),
    contract('s2', '2026-12-01', '2027-11-30'),
    person('s3', 'H2', 'CJT', '1980-01-10', 'F'),
    rights('s3', '2026-11-01'),
    person('s4', 'H2', 'ENF', '2015-04-04', 'M'),
    rights('s4', '2025-06-15', 'open', false),
    person('s5', 'H3', 'DEM', '1960-03-03', 'M'),
    rights('s5', '2026-01-10'),
    rights('s5', '2026-08-01', 'closed', true),
    orientation('s5', '2026-02-20', 'ccas'),
    person('s6', 'H4', 'DEM', '1995-12-31', 'F'),
    rights('s6', '2019-01-01'),
    orientation('s6', '2019-03-01', 'ml', 'socio-professional'),
    contract('s6', '2026-10-01', '2027-01-31'),
    person('s7', 'H4', 'ENF', '2020-02-02', 'F'),
    rights('s7', '2019-01-01', 'open', false),
    person('s8', 'H5', 'DEM', '1970-07-07', 'M'),
    rights('s8', '2026-02-01'),
    rights('s8', '2026-09-01', 'open', false),
    person('s9', 'H6', 'DEM', '1985-06-13', 'F'),
    rights('s9', '2026-04-01'),
    orientation('s9', '2026-04-15', 'mds'),
    orientation('s9', '2026-09-01', 'ft', 'professional'),
    person('s10', 'H7', 'DEM', '1988-01-01', 'M'),
    rights('s10', '2024-01-01'),
    orientation('s10', '2024-02-01', 'ft', 'professional'),
    rights('s10', '2025-01-01', 'closed', true),
    rights('s10', '2026-06-01'),
  ];
}

const asObject = (counts: Map<string, number>) => Object.fromEntries([...counts].sort());
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(engines)('DREES statistics (%s)', (engine) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(engine);
    const report = await importHistory(app.ctx, Readable.from([ndjson(history())]), {
      fileName: 'statistiques.ndjson',
      actor: null,
    });
    expect(report.status).toBe('applied');
    // s1's entry is registered with France Travail (the registration flow is not in history files).
    await sql`INSERT INTO ft_registration (department_code, person_id, entry_spell_id, state)
      SELECT p.department_code, p.id, s.id, 'registered' FROM person p JOIN entry_spell s ON s.person_id = p.id
      WHERE p.external_id = 's1'`.execute(app.ctx.db);
  });

  it('counts the population on 31 December by orientation, band and household, as computed by hand', async () => {
    const c = await computeDreesCounts(app.ctx.db, app.ctx.config.departmentCode, '2026-12-31');
    // Not oriented: s3, s10; France Travail: s1, s9; outside the network: s2 (MDS), s6 (mission locale).
    expect(asObject(c.orientation)).toEqual({
      'france_travail|all': 2,
      'non_employment|all': 2,
      'not_oriented|all': 2,
    });
    expect(asObject(c.age)).toEqual({
      '30_39|france_travail': 1, // s1
      '30_39|non_employment': 1, // s6, 31 on the day
      '30_39|not_oriented': 1, // s10
      '40_49|france_travail': 1, // s9
      '40_49|not_oriented': 1, // s3
      'lt25|non_employment': 1, // s2
    });
    expect(asObject(c.sex)).toEqual({
      'F|france_travail': 2,
      'F|non_employment': 1,
      'F|not_oriented': 1,
      'M|non_employment': 1,
      'M|not_oriented': 1,
    });
    expect(asObject(c.household)).toEqual({
      'couple_children|non_employment': 1, // s2
      'couple_children|not_oriented': 1, // s3
      'single_children|non_employment': 1, // s6
      'single_no_child|france_travail': 2, // s1, s9
      'single_no_child|not_oriented': 1, // s10
    });
    expect(asObject(c.seniority)).toEqual({
      '1to2y|non_employment': 1,
      '5to10y|non_employment': 1,
      '6to12m|france_travail': 2,
      '6to12m|not_oriented': 1,
      'lt6m|not_oriented': 1,
    });
    expect(asObject(c.franceTravailRegistration)).toEqual({ 'not_registered|all': 1, 'registered|all': 1 });
    // Both outside the network have a contract in force on D: s2 (12 months), s6 (4 months).
    expect(asObject(c.contractInForce)).toEqual({ 'with_contract|non_employment': 2 });
    expect(asObject(c.contractDuration)).toEqual({ 'le12m|non_employment': 1, 'le6m|non_employment': 1 });
    // Initial orientations of 2026: s1 and s9 within a month, s5 in the second month.
    expect(asObject(c.entryToOrientation)).toEqual({ 'le1m|all': 2, 'le2m|all': 1 });
    // First contracts signed in 2026: s2 (11 months after), s6 (7 years after).
    expect(asObject(c.orientationToContract)).toEqual({ 'gt6m|all': 2 });
    expect(asObject(c.reorientations)).toEqual({ 'to_employment|all': 1, 'to_non_employment|all': 1 });
  });

  it('takes the state of another date: on 1 June 2026 (s2 already reoriented, s3 not yet entered)', async () => {
    const c = await computeDreesCounts(app.ctx.db, app.ctx.config.departmentCode, '2026-06-01');
    // Population on 1/6/2026: s1, s2, s5, s6, s8, s9, s10 (s3 enters in November).
    expect(asObject(c.orientation)).toEqual({
      'france_travail|all': 1, // s1
      'non_employment|all': 4, // s2 (MDS since 10/5), s5 (CCAS), s6, s9 (MDS)
      'not_oriented|all': 2, // s8, s10 (entered that very day)
    });
    // s2's first contract is signed that very day: in force.
    expect(asObject(c.contractInForce)).toEqual({
      'with_contract|non_employment': 1,
      'without_contract|non_employment': 3,
    });
  });

  it('publishes masked tables to the steering role, and the XLSX shows the masking and no identity', async () => {
    const steering = await loggedIn(app, demoAccountOf.steering);
    const res = await steering.call(api.statistics.drees, { query: { on: '2026-12-31' } });
    expect(res.status).toBe(200);
    const table = (key: string) => res.body.tables.find((t: DreesTable) => t.key === key) as DreesTable;
    // 2, 0, 2, 2 (not oriented, FT, other network, outside): every non-zero count masked, 0 shown,
    // the total 6 published (three masked cells in its column: none can be recomputed).
    expect(table('orientation').cells).toEqual([[null], [null], [0], [null]]);
    expect(table('orientation').total).toBe(6);
    expect(res.body.tables).toHaveLength(11);

    const file = await steering.bytes('/api/statistics/drees.xlsx?on=2026-12-31');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(12);
    const about = book.worksheets[0]!;
    const aboutText = about.getSheetValues().flat().join(' ');
    expect(aboutText).toContain('31/12/2026');
    expect(aboutText).toContain('Secret statistique');
    const first = book.worksheets[1]!;
    const values = first.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values).toContainEqual(['Non orientées', '< 5']);
    expect(values).toContainEqual(['Orientées vers un autre organisme du réseau pour l’emploi', 0]);
    expect(values).toContainEqual(['Total', 6]);
    const everything = book.worksheets.flatMap((s) => s.getSheetValues().flat()).join(' ');
    for (const identity of ['Prenoms1', 'StatS1', 'Stat ft', '13202', 'H1', '1990'])
      expect(everything).not.toContain(identity);
  });

  it('answers 400 to a malformed or impossible date, and 403 to a role without statistics.read', async () => {
    const steering = await loggedIn(app, demoAccountOf.steering);
    for (const on of ['2026-02-30', '31/12/2026', 'x']) {
      const res = await steering.get(`/api/statistics/drees?on=${encodeURIComponent(on)}`);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/date/i);
      expect((await steering.bytes(`/api/statistics/drees.xlsx?on=${encodeURIComponent(on)}`)).status).toBe(
        400,
      );
    }
    const referent = await loggedIn(app, demoAccountOf.referent);
    expect((await referent.call(api.statistics.drees, { query: { on: '2026-12-31' } })).status).toBe(403);
    expect((await referent.bytes('/api/statistics/drees.xlsx?on=2026-12-31')).status).toBe(403);
  });

  it('defaults to the last 31 December', async () => {
    const steering = await loggedIn(app, demoAccountOf.steering);
    const res = await steering.call(api.statistics.drees);
    expect(res.status).toBe(200);
    expect(res.body.on).toMatch(/^\d{4}-12-31$/);
  });
});
