import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, format } from 'date-fns';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { parisToday } from '../src/modules/orientation/application/queue';
import { vrsb } from './support/flux-xml';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-bulk-audit-test-'));
const today = parisToday();
const daysAgo = (d: number) => format(addDays(new Date(`${today}T12:00:00Z`), -d), 'yyyy-MM-dd');

/** Bulk reads (fault 2) and one file read per page view (fault 8). */
describe.each(engines)('bulk reads and page views in the audit trail (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Client;
  let advisor: Client;
  const listRows = async (list: string) =>
    app.ctx.db
      .selectFrom('audit_event')
      .select(['actor_account_id', 'person_ids', 'details', 'target_id'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', list)
      .orderBy('seq')
      .execute();
  const readRows = (personId: string) =>
    app.ctx.db
      .selectFrom('audit_event')
      .select(['seq', 'details'])
      .where('action', '=', 'person.read')
      .where('person_id', '=', personId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    app = await startTestApp(engine, { logLevel: 'error' });
    const file = path.join(dir, `${engine}.xml`);
    fs.writeFileSync(
      file,
      vrsb({
        date: daysAgo(10),
        households: [
          {
            claimNumber: '13200000021',
            status: '2',
            persons: [
              {
                nir: '1790113055001',
                birthName: 'LISTEAU',
                firstName: 'Paul',
                birthDate: '1979-01-13',
                sex: '1',
                role: 'DEM',
              },
            ],
          },
          {
            claimNumber: '13200000022',
            status: '2',
            persons: [{ birthName: 'LISTEAU', firstName: 'Inès', birthDate: '1990-02-13', role: 'DEM' }],
          },
        ],
      }),
    );
    await importFlux(app.ctx, { filePath: file, fileName: 'bulk.xml', format: 'xml', actor: null });
    admin = await loggedIn(app, 'admin@parcours.test');
    advisor = await loggedIn(app, 'orientation@parcours.test');
  });

  it('a search writes one trace with the actor, the query and the ids it returned', async () => {
    const res = await admin.get('/api/persons/search?q=LISTEAU');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((p: { id: string }) => p.id).sort();
    expect(ids).toHaveLength(2);
    const rows = await listRows('persons.search');
    expect(rows).toHaveLength(1);
    const adminId = (
      await app.ctx.db
        .selectFrom('account')
        .select('id')
        .where('email', '=', 'admin@parcours.test')
        .executeTakeFirstOrThrow()
    ).id;
    expect(rows[0]!.actor_account_id).toBe(adminId);
    expect([...rows[0]!.person_ids!].sort()).toEqual(ids);
    expect(rows[0]!.details).toMatchObject({ list: 'persons.search', query: { q: 'LISTEAU' }, count: 2 });
  });

  it('a NIR typed as a query is not written in clear', async () => {
    const res = await admin.get(`/api/persons/search?q=${encodeURIComponent('1 79 01 13 055 001')}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const rows = await listRows('persons.search');
    const last = rows.at(-1)!;
    expect(last.person_ids).toEqual([res.body.items[0].id]);
    expect(JSON.stringify(last.details)).not.toMatch(/055|1790113/);
    expect((last.details as { query: { q: string } }).query.q).toBe('[NIR masqué]');
  });

  it('the orientation queue writes one trace with the ids of the entries shown', async () => {
    const res = await advisor.get('/api/orientation/queue');
    expect(res.status).toBe(200);
    const ids = res.body.entries.map((e: { person: { id: string } }) => e.person.id).sort();
    expect(ids.length).toBeGreaterThan(0);
    const rows = await listRows('orientation.queue');
    expect(rows).toHaveLength(1);
    expect([...rows[0]!.person_ids!].sort()).toEqual(ids);
  });

  it('the queue export and a flux report are bulk reads of the persons they name', async () => {
    const xlsx = await advisor.bytes('/api/orientation/queue.xlsx');
    expect(xlsx.status).toBe(200);
    const exported = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'details'])
      .where('action', '=', 'orientation.queue_export')
      .executeTakeFirstOrThrow();
    expect(exported.person_ids!.length).toBeGreaterThan(0);
    expect(exported.details).toMatchObject({ list: 'orientation.queue_export' });

    const runs = await admin.get('/api/flux/runs');
    expect(runs.status).toBe(200);
    const named = runs.body.items.flatMap(
      (r: { report: { newEntrantSamples: { personId: string }[] } | null }) =>
        r.report?.newEntrantSamples.map((e) => e.personId) ?? [],
    );
    expect(named.length).toBeGreaterThan(0);
    const rows = await listRows('flux.report');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.person_ids).toEqual(expect.arrayContaining(named));
  });

  it('"who accessed this file" lists the appearances in lists, told apart from readings', async () => {
    const found = await admin.get('/api/persons/search?q=LISTEAU Inès');
    const ines = found.body.items[0].id as string;
    expect((await admin.get(`/api/persons/${ines}`)).status).toBe(200);
    const journal = await admin.get(`/api/admin/audit?personId=${ines}`);
    expect(journal.status).toBe(200);
    const labels = journal.body.items.map((e: { action: string; listLabel: string | null }) => [
      e.action,
      e.listLabel,
    ]);
    expect(labels).toContainEqual(['person.read', null]);
    expect(labels).toContainEqual(['person.list_read', 'apparu dans une liste : recherche « LISTEAU »']);
    expect(labels).toContainEqual(['person.list_read', 'apparu dans une liste : recherche « LISTEAU Inès »']);
    expect(labels).toContainEqual(['person.list_read', "apparu dans une liste : file d'orientation"]);
  });

  it('the calls of one page view make one file read; another view makes another', async () => {
    const found = await admin.get('/api/persons/search?q=LISTEAU Paul');
    const paul = found.body.items[0].id as string;
    const before = (await readRows(paul)).length;
    const view = (id: string) => ({ 'x-parcours-view': id });
    const page = [
      `/api/persons/${paul}`,
      `/api/persons/${paul}/orientation`,
      `/api/persons/${paul}/diagnoses`,
      `/api/persons/${paul}/messages`,
      `/api/persons/${paul}/appointments`,
    ];
    // Concurrently, as the page does.
    const first = await Promise.all(
      page.map((p) => admin.request('GET', p, undefined, view('view-aaaa-0001'))),
    );
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    let rows = await readRows(paul);
    expect(rows.length - before).toBe(1);
    expect(rows.at(-1)!.details).toMatchObject({ view: 'view-aaaa-0001' });
    // The same view again (a refresh of the page's data): still one.
    await admin.request('GET', page[0]!, undefined, view('view-aaaa-0001'));
    expect((await readRows(paul)).length - before).toBe(1);
    // Another page view: another reading.
    for (const p of page) await admin.request('GET', p, undefined, view('view-bbbb-0002'));
    rows = await readRows(paul);
    expect(rows.length - before).toBe(2);
    // Without the header (another client, a script): one trace per call, as before.
    await admin.get(`/api/persons/${paul}`);
    await admin.get(`/api/persons/${paul}`);
    expect((await readRows(paul)).length - before).toBe(4);
  });

  it('another agent reading in the same view id gets their own trace', async () => {
    const found = await admin.get('/api/persons/search?q=LISTEAU Paul');
    const paul = found.body.items[0].id as string;
    const before = (await readRows(paul)).length;
    await admin.request('GET', `/api/persons/${paul}`, undefined, { 'x-parcours-view': 'view-cccc-0003' });
    await advisor.request('GET', `/api/persons/${paul}`, undefined, { 'x-parcours-view': 'view-cccc-0003' });
    expect((await readRows(paul)).length - before).toBe(2);
  });
});
