import { allRoutes, api, hasPermission, type RouteDef } from '@parcours/contracts';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { parisToday } from '../src/platform/time';
import { hubOfPerson, seedAidPerson } from './support/aid-fixtures';
import { Client, demoAccountOf, engines, loggedIn, startTestApp } from './support/harness';
import { type OpenDataFixture, PERSON_MARKERS, seedOpenDataFixture } from './support/open-data-fixtures';

/**
 * Privacy of the insertion offer's exports (issue 12, point 9): the open-data files, the annex
 * workbook and the aids payment order carry no personal marker they have no business carrying,
 * and the operator role reaches persons only through its referrals (no search, no person file).
 * Exports of other slices are tested when their route is declared (`api.offerBudget`, `api.aids`).
 */

const binaryOf = (def: RouteDef) =>
  Object.values(def.responses).find(
    (r): r is { kind: 'binary'; contentType: string } =>
      typeof r === 'object' && r !== null && 'kind' in r && r.kind === 'binary',
  );

/** Every text a reader could find in a file: JSON or CSV as is, every cell of a workbook. */
async function readable(type: string, bytes: Buffer): Promise<string> {
  if (!type.includes('spreadsheetml')) return bytes.toString('utf8').toLowerCase();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => {
    cells.push(sheet.name);
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell.text ?? String(cell.value ?? ''));
      });
    });
  });
  return cells.join('\n').toLowerCase();
}

describe.each(engines)('privacy of the offer’s exports (%s)', (engine) => {
  let app: RunningApp;
  let fx: OpenDataFixture;
  /** Personal values present in the database: persons' identity and NIR, agents' names and e-mails. */
  let markers: { what: string; value: string }[];

  beforeAll(async () => {
    app = await startTestApp(engine);
    fx = await seedOpenDataFixture(app.ctx);
    const persons = await app.ctx.db.selectFrom('person').selectAll().execute();
    const accounts = await app.ctx.db.selectFrom('account').select(['email', 'display_name']).execute();
    markers = [
      ...Object.entries(PERSON_MARKERS).map(([what, value]) => ({ what, value })),
      ...persons.flatMap((p) => {
        const row = p as unknown as Record<string, unknown>;
        return ['id', 'birth_name', 'first_name', 'nir']
          .map((k) => row[k])
          .filter((v): v is string => typeof v === 'string' && v.length >= 5)
          .map((value) => ({ what: 'person', value }));
      }),
      ...accounts.flatMap((a) => [
        { what: 'agent e-mail', value: a.email },
        { what: 'agent name', value: a.display_name },
      ]),
    ].map((m) => ({ ...m, value: m.value.toLowerCase() }));
  }, 120_000);

  const leaksIn = (text: string, allowed: (m: { what: string }) => boolean = () => false) =>
    markers.filter((m) => !allowed(m) && text.includes(m.value)).map((m) => `${m.what}: ${m.value}`);

  it('the data·inclusion files carry no person, no agent, no referral', async () => {
    const anonymous = new Client(app.url);
    for (const def of [api.openData.dataInclusionStructures, api.openData.dataInclusionServices]) {
      const res = await anonymous.get(def.path);
      expect(res.status, def.path).toBe(200);
      expect(markers.length).toBeGreaterThan(10);
      expect(leaksIn(res.text.toLowerCase()), def.path).toEqual([]);
    }
    // The referred action is exported: the check above looked at the file that could have leaked.
    const services = (await anonymous.get(api.openData.dataInclusionServices.path)).body as { id: string }[];
    expect(services.map((s) => s.id)).toContain('cd13--OD-1');
    expect(fx.personId).toBeTruthy();
  });

  it('the annex workbook (when its route is registered) names no person and no agent', async () => {
    const routes = Object.values((api as Record<string, Record<string, RouteDef>>).offerBudget ?? {});
    const registered = new Set(app.routes.map((r) => `${r.method} ${r.url}`));
    const workbooks = routes.filter(
      (r) =>
        r.method === 'GET' &&
        registered.has(`GET ${r.path}`) &&
        binaryOf(r)?.contentType.includes('spreadsheetml'),
    );
    if (workbooks.length === 0) return;
    // The 2020 annex, the workbook's content (the demo may have loaded it already: idempotent).
    const { importAnnex } = await import('../src/modules/offer/application/import-annex');
    await importAnnex(app.ctx, app.ctx.config.departmentCode, { year: 2020 });
    const steering = await loggedIn(app, demoAccountOf.steering);
    for (const route of workbooks) {
      const path = `${route.path}?year=2020`;
      const res = await steering.bytes(path);
      expect(res.status, path).toBe(200);
      const text = await readable(res.headers.get('content-type') ?? '', res.body);
      expect(text.length).toBeGreaterThan(100);
      expect(leaksIn(text), path).toEqual([]);
    }
  });

  it('the aids payment order (when its routes are registered) carries the payee, nothing else of the person', async () => {
    const registered = new Set(app.routes.map((r) => `${r.method} ${r.url}`));
    const needed = [api.aids.request, api.aids.decide, api.aids.buildPaymentOrder, api.aids.paymentOrderCsv];
    if (!needed.every((r) => registered.has(`${r.method} ${r.path}`))) return;
    const nir = '1880413055321';
    const { personId, contractId } = await seedAidPerson(app, 'Privauxaides');
    await app.ctx.db.updateTable('person').set({ nir }).where('id', '=', personId).execute();
    const household = await app.ctx.db
      .selectFrom('person as p')
      .innerJoin('household as h', 'h.id', 'p.household_id')
      .select(['h.claim_number', 'h.street_name', 'p.birth_date'])
      .where('p.id', '=', personId)
      .executeTakeFirstOrThrow();
    const referent = await loggedIn(app, demoAccountOf.referent);
    const manager = await loggedIn(app, demoAccountOf.aids_manager);
    const hubId = await hubOfPerson(app, personId);
    const year = Number(parisToday().slice(0, 4));
    const envelopes = await manager.call(api.aids.envelopes, { query: { year } });
    const current = envelopes.body.items.find((e) => e.kind === 'travel' && e.hubId === hubId);
    const opened = await manager.call(api.aids.setEnvelope, {
      body: {
        year,
        kind: 'travel',
        hubId,
        amountCents: 1_000_000,
        reason: 'Budget voté',
        version: current?.version ?? null,
      },
    });
    expect(opened.status, opened.text).toBe(200);
    const aid = await referent.call(api.aids.request, {
      params: { id: personId },
      body: {
        contractId,
        kind: 'travel',
        amountCents: 4_500,
        purpose: 'Trajets vers la formation',
        planStepId: null,
        payeeKind: 'person',
        payeeLabel: null,
        payeeReference: null,
      },
    });
    expect(aid.status, aid.text).toBe(201);
    expect(
      (
        await manager.call(api.aids.decide, {
          params: { id: aid.body.id },
          body: { to: 'validated', version: 1 },
        })
      ).status,
    ).toBe(200);
    const order = await manager.call(api.aids.buildPaymentOrder, { body: { hubId, aidIds: [aid.body.id] } });
    expect(order.status, order.text).toBe(201);
    const csv = await manager.bytes(api.aids.paymentOrderCsv.path.replace(':id', order.body.id));
    expect(csv.status).toBe(200);
    const text = csv.body.toString('utf8').toLowerCase();
    // The line is there, and its payee is the person (a payment needs it)…
    expect(text).toContain(aid.body.id);
    expect(text).toContain('privauxaides');
    // …but nothing else of the person's file nor of the agents.
    const [y, m, d] = String(household.birth_date).slice(0, 10).split('-');
    const forbidden = [
      nir,
      personId,
      household.claim_number,
      household.street_name,
      `${y}-${m}-${d}`,
      `${d}/${m}/${y}`,
    ].filter((v): v is string => typeof v === 'string' && v.length > 0);
    for (const value of forbidden) expect(text, value).not.toContain(value.toLowerCase());
    expect(leaksIn(text)).toEqual([]);
  });

  it('the operator reaches no person file and no search (403), whatever the person', async () => {
    const operator = await loggedIn(app, demoAccountOf.operator);
    expect(hasPermission('operator', 'person.search')).toBe(false);
    expect(hasPermission('operator', 'person.read')).toBe(false);
    const search = await operator.get(
      `${api.persons.search.path}?q=${encodeURIComponent(PERSON_MARKERS.birthName)}`,
    );
    expect(search.status).toBe(403);
    expect(search.text.toLowerCase()).not.toContain(PERSON_MARKERS.birthName.toLowerCase());
    const file = await operator.get(api.persons.getFile.path.replace(':id', fx.personId));
    expect(file.status).toBe(403);
    expect(file.text.toLowerCase()).not.toContain(PERSON_MARKERS.firstName.toLowerCase());
    // Every person route whose permission the operator lacks refuses it, before any handler.
    const personRoutes = allRoutes.filter(
      (r) =>
        r.method === 'GET' &&
        'permission' in r.access &&
        r.access.scope === 'person' &&
        !hasPermission('operator', r.access.permission),
    );
    expect(personRoutes.length).toBeGreaterThan(5);
    for (const route of personRoutes) {
      const res = await operator.get(route.path.replace(':id', fx.personId).replace(/:\w+/g, fx.personId));
      expect(res.status, route.path).toBe(403);
      expect(res.text.toLowerCase(), route.path).not.toContain(PERSON_MARKERS.birthName.toLowerCase());
    }
  });
});
