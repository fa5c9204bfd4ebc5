import { type AlertKind, type AlertsResult, api } from '@parcours/contracts';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AlertWorld, buildAlertWorld } from './support/alerts-fixtures';
import { engines, loggedIn, startTestApp } from './support/harness';

const counts = (r: AlertsResult) =>
  Object.fromEntries(r.groups.filter((g) => g.count > 0).map((g) => [g.kind, g.count])) as Partial<
    Record<AlertKind, number>
  >;
const namesOf = (r: AlertsResult, kind: AlertKind) =>
  r.groups
    .find((g) => g.kind === kind)
    ?.items.map((i) => i.personName)
    .sort();

describe.each(engines)('accompaniment alerts and portfolios (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let w: AlertWorld;

  beforeAll(async () => {
    app = await startTestApp(engine);
    w = await buildAlertWorld(app);
    // A NIR on a person of the portfolio: never in the portfolio nor its export.
    await app.ctx.db
      .updateTable('person')
      .set({ nir: '2880413203123' })
      .where('id', '=', w.persons.alice!)
      .execute();
  });

  it('derives every kind of alert of the référent’s persons from the facts', async () => {
    const referent = await loggedIn(app, 'referent@parcours.test');
    const res = await referent.call(api.portfolio.alerts);
    expect(res.status).toBe(200);
    expect(counts(res.body)).toEqual({
      no_first_appointment: 1,
      no_contract_legal: 1,
      no_contract_convention: 1,
      contract_ending: 1,
      contract_expired: 2,
      social_review: 1,
      legacy_no_contract: 1,
    });
    expect(res.body.total).toBe(8);
    expect(namesOf(res.body, 'no_first_appointment')).toEqual(['Alice ALERTE']);
    expect(namesOf(res.body, 'no_contract_legal')).toEqual(['Bruno SANSCONTRAT']);
    expect(namesOf(res.body, 'contract_ending')).toEqual(['Chloé FINPROCHE']);
    expect(namesOf(res.body, 'contract_expired')).toEqual(['Denis EXPIRE', 'Fanny ANCIENNE']);
    expect(namesOf(res.body, 'social_review')).toEqual(['Emma SOCIALE']);
    const legacy = res.body.groups.find((g) => g.kind === 'legacy_no_contract')?.items[0];
    expect(legacy).toMatchObject({ personName: 'Fanny ANCIENNE', dueDate: '2027-01-01' });
    expect(legacy?.label).toContain('01/01/2027');
    const first = res.body.groups.find((g) => g.kind === 'no_first_appointment')?.items[0];
    expect(first).toMatchObject({ daysLate: 6, referentName: w.r1Name });
    // The referent does not choose another référent.
    expect((await referent.call(api.portfolio.alerts, { query: { referentId: w.r2 } })).status).toBe(403);
    // The list is audited with the persons shown.
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'details'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', 'alerts')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(trace.person_ids).toEqual(expect.arrayContaining([w.persons.alice, w.persons.fanny]));
    expect(trace.person_ids).not.toContain(w.persons.gilles);
  });

  it('counts the alerts on the home worklist of the référent and the manager, linking to the alerts screen', async () => {
    for (const [email, count] of [
      ['referent@parcours.test', 8],
      ['responsable@parcours.test', 11],
    ] as const) {
      const home = await (await loggedIn(app, email)).call(api.worklist.home);
      const item = home.body.items.find((i) => i.key === 'accompaniment_alerts');
      expect(item).toMatchObject({ count, group: 'late', target: { path: '/alertes', query: {} } });
      expect(home.text).not.toContain('ALERTE');
    }
  });

  it('gives the manager the structure’s alerts (with the persons not yet assigned), by référent on demand', async () => {
    const manager = await loggedIn(app, 'responsable@parcours.test');
    const all = await manager.call(api.portfolio.alerts);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(11);
    expect(namesOf(all.body, 'no_first_appointment')).toEqual(['Alice ALERTE', 'Gilles NONAFFECTE']);
    expect(all.body.referents.map((r) => r.name)).toEqual(expect.arrayContaining([w.r1Name, 'Paul SECOND']));
    const second = await manager.call(api.portfolio.alerts, { query: { referentId: w.r2 } });
    expect(counts(second.body)).toEqual({ no_contract_legal: 1, no_contract_convention: 1 });
    const onlyEnding = await manager.call(api.portfolio.alerts, { query: { kind: 'contract_ending' } });
    expect(onlyEnding.body.total).toBe(1);
    expect((await manager.call(api.portfolio.alerts, { query: { structureId: w.lieu } })).status).toBe(403);
    // Closed rights: never alerted.
    expect(all.body.groups.flatMap((g) => g.items).some((i) => i.personName === 'Ivan FERME')).toBe(false);
  });

  it('lets the administrator pick a structure, and shows other structures’ agents nothing of the MDS', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const none = await admin.call(api.portfolio.alerts);
    expect(none.body).toMatchObject({ structure: null, total: 0 });
    const mds = await admin.call(api.portfolio.alerts, { query: { structureId: w.mds } });
    expect(mds.body.total).toBe(11);
    for (const email of ['referent.autre@parcours.test', 'responsable.autre@parcours.test']) {
      const other = await loggedIn(app, email);
      const alerts = await other.call(api.portfolio.alerts);
      const names = alerts.body.groups.flatMap((g) => g.items.map((i) => i.personName));
      expect(names.filter((n) => n !== 'Léa AILLEURS')).toEqual([]);
      const portfolio = await other.call(api.portfolio.get);
      expect(portfolio.status, portfolio.text).toBe(200);
      expect(portfolio.body.entries.map((e) => e.personName).filter((n) => n !== 'Léa AILLEURS')).toEqual([]);
      expect((await other.call(api.portfolio.get, { query: { structureId: w.mds } })).status).toBe(403);
      expect((await other.call(api.portfolio.alerts, { query: { structureId: w.mds } })).status).toBe(403);
      const xlsx = await other.bytes(`/api/portfolio.xlsx?structureId=${w.mds}`);
      expect(xlsx.status).toBe(403);
    }
    const manager = await loggedIn(app, 'responsable.autre@parcours.test');
    expect((await manager.call(api.portfolio.alerts)).body.total).toBe(3);
  });

  it('lists the référent’s portfolio with next appointment, contract, hours of the week and alerts', async () => {
    const referent = await loggedIn(app, 'referent@parcours.test');
    const res = await referent.call(api.portfolio.get);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(7);
    expect(res.body.entries.map((e) => e.personName)).toEqual([
      'Alice ALERTE',
      'Bruno SANSCONTRAT',
      'Chloé FINPROCHE',
      'Denis EXPIRE',
      'Emma SOCIALE',
      'Fanny ANCIENNE',
      'Ivan FERME',
    ]);
    expect(res.text).not.toContain('2880413203123');
    const chloe = res.body.entries.find((e) => e.personName === 'Chloé FINPROCHE');
    expect(chloe).toMatchObject({
      hoursThisWeek: 18,
      contract: { status: 'in_force' },
      referentName: w.r1Name,
    });
    expect(chloe?.alerts.map((a) => a.kind)).toEqual(['contract_ending']);
    const bruno = res.body.entries.find((e) => e.personName === 'Bruno SANSCONTRAT');
    expect(bruno?.nextAppointment).not.toBeNull();
    expect(bruno?.contract).toBeNull();
    expect(bruno?.hoursThisWeek).toBeNull();

    const byEnd = await referent.call(api.portfolio.get, { query: { sort: 'contract_end' } });
    expect(byEnd.body.entries.slice(0, 4).map((e) => e.personName)).toEqual([
      'Fanny ANCIENNE',
      'Denis EXPIRE',
      'Chloé FINPROCHE',
      'Emma SOCIALE',
    ]);
    const byAlerts = await referent.call(api.portfolio.get, { query: { sort: 'alerts', order: 'desc' } });
    expect(byAlerts.body.entries.slice(0, 2).map((e) => e.personName)).toEqual([
      'Bruno SANSCONTRAT',
      'Fanny ANCIENNE',
    ]);
    const noContract = await referent.call(api.portfolio.get, { query: { contract: 'none' } });
    expect(noContract.body.entries.map((e) => e.personName)).toEqual([
      'Alice ALERTE',
      'Bruno SANSCONTRAT',
      'Ivan FERME',
    ]);
    const quiet = await referent.call(api.portfolio.get, { query: { withAlerts: 'no' } });
    expect(quiet.body.entries.map((e) => e.personName)).toEqual(['Ivan FERME']);
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', 'portfolio')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(trace.person_ids).toEqual([w.persons.ivan]);
  });

  it('gives the manager the structure’s portfolio, one référent on demand; refuses bad filters in French', async () => {
    const manager = await loggedIn(app, 'responsable@parcours.test');
    const all = await manager.call(api.portfolio.get);
    expect(all.body.total).toBe(8);
    const second = await manager.call(api.portfolio.get, { query: { referentId: w.r2 } });
    expect(second.body.entries.map((e) => e.personName)).toEqual(['Hélène DESECOND']);
    const bad = await manager.request('GET', '/api/portfolio?sort=nir&contract=perdu');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/Tri inconnu|Statut de contrat inconnu/);
    const foreign = await manager.call(api.portfolio.get, {
      query: { referentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('n’appartient pas à la structure');
  });

  it('exports the portfolio as XLSX without the NIR, audited as a list read', async () => {
    const referent = await loggedIn(app, 'referent@parcours.test');
    const res = await referent.bytes('/api/portfolio.xlsx?sort=name');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Portefeuille');
    const rows: string[] = [];
    sheet?.eachRow((row) => {
      rows.push(
        (row.values as unknown[])
          .map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))
          .join(';'),
      );
    });
    expect(rows[0]).toContain('Personne;Référent;Suivie depuis');
    expect(rows).toHaveLength(8);
    expect(rows.join('\n')).not.toContain('2880413203123');
    expect(rows.find((r) => r.includes('Chloé FINPROCHE'))).toContain(';18;');
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', 'portfolio.export')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(trace.person_ids).toHaveLength(7);
  });
});
