import { api } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { importLines, personIdOf, structureIdOf } from './support/orientation-fixtures';

/**
 * The steering dashboard (issue 13, point 5) on a small history written by hand, period
 * 2024-01-01 → 2024-03-31 (a leap year), stocks read on 2024-03-31. Pôles: Marseille 2/3 (commune
 * 13202, « M ») and Aix-Gardanne (13001, « A »).
 *
 * p1 M entry 01-31, oriented social MDS 02-29 (29 d, = entry + 1 month), appt 03-08 (+8 d), contract 04-15 (1–2 months)
 * p2 M entry 01-02, oriented socio-pro PLIE 01-10 (8 d), appt 01-12 cancelled then 02-20 (+41 d), no contract
 * p3 A entry 02-01, oriented professional FT 03-10 (38 d: past 1 month, within 6 weeks), contract 03-15 (≤ 1 month)
 * p4 A entry 03-01, not oriented: waits 30 days on 03-31
 * p5 M entry 2023-10-01, not oriented: waits 182 days on 03-31 (not an entrant of the period)
 * p6 M entry 02-10, rights closed 03-20, not oriented: not waiting on 03-31
 * p7 M entry 03-31 (last day), not oriented: waits 0 days
 * p8 M entry 2023-12-01, oriented social MDS 2024-01-15, appt 01-20 (+5 d), contract 2024-08-01 (> 6 months)
 * p9 M first spell 2023-06-01 (closed 09-01), reopened 2024-01-05, oriented social MDS 03-20 (75 d), nothing after
 */
const P = 'tdb-';
const line = (o: Record<string, unknown>) => o;
const person = (id: string, commune: string, birthDate = '1985-01-01') =>
  line({
    kind: 'person',
    id: `${P}${id}`,
    householdNumber: `${P}h-${id}`,
    role: 'DEM',
    nir: null,
    birthName: 'Tableau',
    lastName: null,
    firstName: id,
    birthDate,
    sex: 'F',
    commune,
  });
const rights = (id: string, date: string, status: 'open' | 'closed' = 'open') =>
  line({ kind: 'rights', personId: `${P}${id}`, date, status, subjectToDuties: true });
const orientation = (id: string, date: string, pathway: string, body: string) =>
  line({ kind: 'orientation', personId: `${P}${id}`, date, pathway, bodyId: `${P}${body}`, programme: null });
const appointment = (id: string, date: string, status: string, body = 'mds') =>
  line({
    kind: 'appointment',
    personId: `${P}${id}`,
    date,
    bodyId: `${P}${body}`,
    purpose: 'accompaniment',
    status,
  });
const contract = (id: string, signedOn: string) =>
  line({
    kind: 'contract',
    personId: `${P}${id}`,
    signedOn,
    start: signedOn,
    end: '2024-12-31',
    weeklyHours: 15,
    hoursRegime: 'standard',
  });
const referent = (id: string, body: string, pair: boolean, activeTo: string | null = null) =>
  line({
    kind: 'referent',
    id: `${P}${id}`,
    bodyId: `${P}${body}`,
    lastName: 'Référent',
    firstName: id,
    globalSupportPair: pair,
    activeFrom: '2020-01-01',
    activeTo,
  });
const assign = (id: string, ref: string, from: string, to: string | null = null) =>
  line({ kind: 'referentAssignment', personId: `${P}${id}`, referentId: `${P}${ref}`, from, to });

const history = [
  line({ kind: 'hub', id: 'marseille-2-3', name: 'Marseille 2/3', communes: ['13202', '13203'] }),
  line({ kind: 'hub', id: 'aix-gardanne', name: 'Aix-Gardanne', communes: ['13001'] }),
  line({ kind: 'body', id: `${P}mds`, name: 'TDB MDS Belle de Mai', type: 'mds', hub: 'marseille-2-3' }),
  line({ kind: 'body', id: `${P}plie`, name: 'TDB PLIE Marseille', type: 'plie', hub: 'marseille-2-3' }),
  line({
    kind: 'body',
    id: `${P}ft`,
    name: 'TDB France Travail Aix',
    type: 'france-travail',
    hub: 'aix-gardanne',
  }),
  referent('r1', 'mds', false),
  referent('r2', 'mds', true),
  referent('r3', 'plie', false),
  referent('r4', 'mds', false, '2024-03-30'),
  person('p1', '13202'),
  rights('p1', '2024-01-31'),
  orientation('p1', '2024-02-29', 'social', 'mds'),
  appointment('p1', '2024-03-08', 'seen'),
  contract('p1', '2024-04-15'),
  person('p2', '13202'),
  rights('p2', '2024-01-02'),
  orientation('p2', '2024-01-10', 'socio-professional', 'plie'),
  appointment('p2', '2024-01-12', 'cancelled', 'plie'),
  appointment('p2', '2024-02-20', 'planned', 'plie'),
  person('p3', '13001'),
  rights('p3', '2024-02-01'),
  orientation('p3', '2024-03-10', 'professional', 'ft'),
  contract('p3', '2024-03-15'),
  person('p4', '13001'),
  rights('p4', '2024-03-01'),
  person('p5', '13202'),
  rights('p5', '2023-10-01'),
  person('p6', '13202'),
  rights('p6', '2024-02-10'),
  rights('p6', '2024-03-20', 'closed'),
  person('p7', '13202'),
  rights('p7', '2024-03-31'),
  person('p8', '13202'),
  rights('p8', '2023-12-01'),
  orientation('p8', '2024-01-15', 'social', 'mds'),
  appointment('p8', '2024-01-20', 'seen'),
  contract('p8', '2024-08-01'),
  person('p9', '13202'),
  rights('p9', '2023-06-01'),
  orientation('p9', '2023-07-01', 'social', 'mds'),
  rights('p9', '2023-09-01', 'closed'),
  rights('p9', '2024-01-05'),
  orientation('p9', '2024-03-20', 'social', 'mds'),
  // Portfolios on 03-31: MDS follows p1 (r1 and r2: once), p8 (ends that day, inclusive), p9;
  // p3's ended 03-30 and r4 left 03-30. PLIE follows p2.
  assign('p1', 'r1', '2024-02-29'),
  assign('p1', 'r2', '2024-03-01'),
  assign('p8', 'r1', '2024-01-15', '2024-03-31'),
  assign('p9', 'r1', '2024-03-20'),
  assign('p3', 'r1', '2024-03-10', '2024-03-30'),
  assign('p6', 'r4', '2024-02-10', '2024-03-20'),
  assign('p2', 'r3', '2024-01-10'),
];

const period = { from: '2024-01-01', to: '2024-03-31' };
const countsOf = (bands: { key: string; count: number }[]) =>
  Object.fromEntries(bands.filter((b) => b.count > 0).map((b) => [b.key, b.count]));

describe.each(engines)('steering dashboard (%s)', (engine) => {
  let app: RunningApp;
  let steering: Client;
  let mds: string;
  let plie: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    await importLines(app, history, 'tableau-de-bord.ndjson');
    mds = await structureIdOf(app, 'TDB MDS Belle de Mai');
    plie = await structureIdOf(app, 'TDB PLIE Marseille');
    // Referrals are not part of the history format: written in SQL (the workflow is tested in referrals.int).
    const db = app.ctx.db;
    const action = async (code: string) =>
      (
        await db
          .insertInto('insertion_action')
          .values({
            department_code: '13',
            code,
            title: `Action ${code}`,
            axis: 3,
            kind: 'socle',
            status: 'nouvelle',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const a = await action('TDB-A');
    const b = await action('TDB-B');
    const referral = async (
      key: string,
      actionId: string,
      sentOn: string,
      status: string,
      structureId: string,
      exit?: { on: string; category: string; type: string },
    ) =>
      db
        .insertInto('referral')
        .values({
          department_code: '13',
          person_id: await personIdOf(app, `${P}${key}`),
          action_id: actionId,
          status,
          referring_structure_id: structureId,
          sent_on: sentOn,
          exited_on: exit?.on ?? null,
          exit_category: exit?.category ?? null,
          exit_type: exit?.type ?? null,
        })
        .execute();
    await referral('p1', a, '2024-03-01', 'exited', mds, {
      on: '2024-03-25',
      category: 'positive',
      type: 'cdi',
    });
    await referral('p2', a, '2024-02-01', 'entered', plie);
    await referral('p8', a, '2024-01-20', 'refused', mds);
    // Sent before the period, exited in it: an exit of the period, not a referral of it.
    await referral('p3', a, '2023-12-15', 'exited', mds, {
      on: '2024-02-10',
      category: 'abandonment',
      type: 'abandonment',
    });
    await referral('p9', b, '2024-03-25', 'sent', mds);
    await referral('p5', b, '2024-04-02', 'sent', mds); // after the period
    steering = await loggedIn(app, 'pilotage@parcours.test');
  });

  it('computes every series for the département', async () => {
    const res = await steering.call(api.dashboards.steering, { query: period });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.on).toBe('2024-03-31');
    // January: p1, p2, p9 (reopened) enter, all oriented, p1 (29 Feb = 31 Jan + 1 month) and p2 in a month.
    // February: p3, p6; p3 oriented after a month. March: p4, p7 (the last day), none oriented.
    expect(d.newEntrants).toEqual([
      { month: '2024-01', entrants: 3, oriented: 3, orientedWithin1Month: 2 },
      { month: '2024-02', entrants: 2, oriented: 1, orientedWithin1Month: 0 },
      { month: '2024-03', entrants: 2, oriented: 0, orientedWithin1Month: 0 },
    ]);
    // 7 entrants: p2 8 d, p1 29 d (the month), p3 38 d (6 weeks), p9 75 d; p4, p6, p7 not oriented.
    expect(d.orientationDelays.entrants).toBe(7);
    expect(d.orientationDelays.within1Month).toBe(2);
    expect(d.orientationDelays.within6Weeks).toBe(3);
    expect(countsOf(d.orientationDelays.bands)).toEqual({
      d0_15: 1,
      d16_1m: 1,
      d1m_6w: 1,
      d6w_3m: 1,
      none: 3,
    });
    // Waiting on 31 March: p7 (0 d) and p5 (182 d) in Marseille 2/3, p4 (30 d) in Aix; p6's rights closed.
    const queue = Object.fromEntries(
      d.queue.map((q) => [q.hubName, { total: q.total, ...countsOf(q.bands) }]),
    );
    expect(queue['Marseille 2/3']).toEqual({ total: 2, d0_15: 1, over90: 1 });
    expect(queue['Aix-Gardanne']).toEqual({ total: 1, d16_30: 1 });
    expect(d.queue.reduce((a, q) => a + q.total, 0)).toBe(3);
    // Orientations of the period, social or socio-pro: p8 +5 d, p1 +8 d, p2 +41 d (the cancelled one
    // does not count), p9 none; p3 (France Travail) left out.
    expect(d.firstAppointmentDelays.oriented).toBe(4);
    expect(d.firstAppointmentDelays.within2Weeks).toBe(2);
    expect(countsOf(d.firstAppointmentDelays.bands)).toEqual({ d0_7: 1, d8_14: 1, d31_60: 1, none: 1 });
    // Contracts: p3 ≤ 1 month, p1 1–2 months, p8 > 6 months, p2 and p9 none.
    expect(d.contractDelays.oriented).toBe(5);
    expect(d.contractDelays.within2Months).toBe(2);
    expect(countsOf(d.contractDelays.bands)).toEqual({ m0_1: 1, m1_2: 1, over6m: 1, none: 2 });
    // MDS: r1 + r2 (pair) active, r4 gone → cap 150 + 70; p1, p8, p9 followed. PLIE: r3 → 80; p2.
    const loads = Object.fromEntries(d.portfolioLoads.map((l) => [l.structureName, l]));
    expect(loads['TDB MDS Belle de Mai']).toMatchObject({ referents: 2, persons: 3, cap: 220 });
    expect(loads['TDB PLIE Marseille']).toMatchObject({ referents: 1, persons: 1, cap: 80 });
    // Referrals sent in the period by status; exits dated in the period by category.
    expect(d.actions.map((x) => [x.code, x.referrals, x.exits])).toEqual([
      ['TDB-A', { exited: 1, entered: 1, refused: 1 }, { positive: 1, abandonment: 1 }],
      ['TDB-B', { sent: 1 }, {}],
    ]);
    expect(res.text).not.toMatch(/Tableau|p1|nir/);
  });

  it('filters one pôle, by code or uuid', async () => {
    const res = await steering.call(api.dashboards.steering, { query: { ...period, hub: 'aix-gardanne' } });
    expect(res.status).toBe(200);
    // Aix: p3 (February, oriented after a month) and p4 (March, waiting).
    expect(res.body.newEntrants.map((m) => m.entrants)).toEqual([0, 1, 1]);
    expect(res.body.queue).toHaveLength(1);
    expect(res.body.queue[0]).toMatchObject({ hubName: 'Aix-Gardanne', total: 1 });
    expect(countsOf(res.body.contractDelays.bands)).toEqual({ m0_1: 1 });
    expect(res.body.firstAppointmentDelays.oriented).toBe(0);
    expect(res.body.portfolioLoads.map((l) => l.structureName)).not.toContain('TDB MDS Belle de Mai');
    expect(res.body.actions.map((x) => [x.code, x.referrals, x.exits])).toEqual([
      ['TDB-A', {}, { abandonment: 1 }],
    ]);
    const hubId = (
      await app.ctx.db
        .selectFrom('insertion_hub')
        .select('id')
        .where('code', '=', 'marseille-2-3')
        .executeTakeFirstOrThrow()
    ).id;
    const m = await steering.call(api.dashboards.steering, { query: { ...period, hub: hubId } });
    expect(m.status).toBe(200);
    // Marseille 2/3: p1, p2, p9 in January, p6 in February, p7 in March.
    expect(m.body.newEntrants.map((x) => x.entrants)).toEqual([3, 1, 1]);
    expect(m.body.queue.map((q) => [q.hubName, q.total])).toEqual([['Marseille 2/3', 2]]);
  });

  it('filters one structure', async () => {
    const res = await steering.call(api.dashboards.steering, { query: { ...period, structure: mds } });
    expect(res.status).toBe(200);
    // Oriented to the MDS: p1 and p9 entered in January (p1 within the month); p8 entered before.
    expect(res.body.newEntrants.map((m) => [m.entrants, m.orientedWithin1Month])).toEqual([
      [2, 1],
      [0, 0],
      [0, 0],
    ]);
    expect(countsOf(res.body.contractDelays.bands)).toEqual({ m1_2: 1, over6m: 1, none: 1 });
    expect(res.body.portfolioLoads.map((l) => [l.structureName, l.persons, l.cap])).toEqual([
      ['TDB MDS Belle de Mai', 3, 220],
    ]);
    const p = await steering.call(api.dashboards.steering, { query: { ...period, structure: plie } });
    expect(p.body.actions.map((x) => [x.code, x.referrals])).toEqual([['TDB-A', { entered: 1 }]]);
  });

  it('refuses bad filters with a French 400', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ from: '2024-04-01', to: '2024-03-31' }, 'to', /postérieure/],
      [{ from: '2024-02-30', to: '2024-03-31' }, 'from', /./],
      [{ from: '2010-01-01', to: '2024-03-31' }, 'to', /10 ans/],
      [{ ...period, hub: 'nulle-part' }, 'hub', /Pôle d’insertion inconnu/],
      [{ ...period, structure: '00000000-0000-4000-8000-000000000000' }, 'structure', /Structure inconnue/],
      [{ ...period, structure: 'mds' }, 'structure', /Structure invalide/],
    ];
    for (const [query, field, message] of cases) {
      const res = await steering.get(`/api/dashboards/steering?${new URLSearchParams(query)}`);
      expect(res.status, JSON.stringify(query)).toBe(400);
      const fields = res.body.error.fields as { path: string; message: string }[] | undefined;
      const text = fields?.find((f) => f.path === field)?.message ?? res.body.error.message;
      expect(text, JSON.stringify(query)).toMatch(message);
    }
  });

  it('answers 403 to roles without the statistics right', async () => {
    for (const email of ['referent@parcours.test', 'orientation@parcours.test', 'operateur@parcours.test']) {
      const client = await loggedIn(app, email);
      const res = await client.call(api.dashboards.steering, { query: period });
      expect(res.status, email).toBe(403);
      expect(res.text).not.toMatch(/newEntrants/);
    }
    const admin = await loggedIn(app, 'admin@parcours.test');
    expect((await admin.call(api.dashboards.steering, { query: period })).status).toBe(200);
  });
});
