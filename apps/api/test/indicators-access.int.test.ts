import { api, countIndicatorKeys, type PlanPauvreteIndicatorKey } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { indicatorHistories } from './support/indicator-histories';
import { importLines } from './support/orientation-fixtures';

/**
 * The indicators' API beyond the figures: bad input (400, French messages), who may read them
 * (403 otherwise) and the drill-down to the persons behind a figure (same SQL, scope, audit).
 */
describe.each(engines)('Plan Pauvreté indicators: input, access, drill-down (%s)', (engine) => {
  let app: RunningApp;
  let steering: Client;
  let admin: Client;
  const persons = async (
    indicator: PlanPauvreteIndicatorKey,
    from: string,
    to: string,
    hub?: string,
    page = 1,
  ) => {
    const res = await admin.call(api.indicators.persons, { query: { indicator, from, to, hub, page } });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    app = await startTestApp(engine);
    const h = indicatorHistories();
    await importLines(
      app,
      [...h['ind-cancel']!, ...h['ind-reopen']!, ...h['ind-pairs']!],
      'indicators.ndjson',
    );
    steering = await loggedIn(app, 'pilotage@parcours.test');
    admin = await loggedIn(app, 'admin@parcours.test');
  });

  it('refuses bad input with a 400 and a French message', async () => {
    const ask = (query: Record<string, string>) =>
      steering.get(`/api/indicators/plan-pauvrete?${new URLSearchParams(query)}`);
    const cases: [Record<string, string>, RegExp][] = [
      [{ from: '2024-02-01', to: '2024-01-31' }, /fin de la période doit être postérieure/],
      [{ from: '2024-01-01', to: '2024-01-31', hub: 'pole-inconnu' }, /Pôle d’insertion inconnu/],
      [
        { from: '2024-01-01', to: '2024-01-31', hub: '0190d7a0-0000-7000-8000-000000000000' },
        /Pôle d’insertion inconnu/,
      ],
      [{ from: '2024-01-01', to: '2024-01-31', hub: 'pôle; drop' }, /Pôle d’insertion invalide/],
      [{ from: '2024-1-1', to: '2024-01-31' }, /AAAA-MM-JJ/],
      [{ from: '01/01/2024', to: '2024-01-31' }, /AAAA-MM-JJ/],
      [{ from: '2023-02-29', to: '2023-03-31' }, /n’existe pas/],
      [{ from: '2014-01-01', to: '2024-01-01' }, /ne peut pas dépasser 10 ans/],
      [{ to: '2024-01-31' }, /obligatoire/i],
    ];
    for (const [query, message] of cases) {
      const res = await ask(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.text, JSON.stringify(query)).toMatch(message);
    }
    // 10 years less a day is allowed.
    expect((await ask({ from: '2014-01-01', to: '2023-12-31' })).status).toBe(200);
    const drill = await admin.get(
      '/api/indicators/plan-pauvrete/persons?from=2024-01-01&to=2024-01-31&indicator=tauxInconnu',
    );
    expect(drill.status).toBe(400);
    expect(drill.text).toMatch(/Indicateur inconnu/);
  });

  it('answers the figures to the steering role and administrators only; persons to administrators only', async () => {
    const query = { from: '2024-01-01', to: '2024-01-31' };
    expect((await admin.call(api.indicators.planPauvrete, { query })).status).toBe(200);
    for (const email of ['referent@parcours.test', 'operateur@parcours.test', 'orientation@parcours.test']) {
      const other = await loggedIn(app, email);
      const res = await other.call(api.indicators.planPauvrete, { query });
      expect(res.status, email).toBe(403);
      expect(res.text).not.toMatch(/newEntrants/);
      const drill = await other.call(api.indicators.persons, {
        query: { ...query, indicator: 'newEntrants' },
      });
      expect(drill.status, email).toBe(403);
    }
    // Steering sees aggregates only, never a person.
    const drill = await steering.call(api.indicators.persons, {
      query: { ...query, indicator: 'newEntrants' },
    });
    expect(drill.status).toBe(403);
    expect(drill.text).not.toMatch(/Indicateur/);
  });

  it('lists the persons behind a figure, from the same rows as the figure, audited', async () => {
    // ind-cancel, January 2024: m (no-show 30 Jan after a cancelled one) and n (planned 20 Jan).
    const set = await persons('firstAppointmentsSet', '2024-01-01', '2024-01-31', 'ind-cancel');
    expect(set).toMatchObject({ indicator: 'firstAppointmentsSet', hub: 'ind-cancel', total: 2, page: 1 });
    expect(set.persons.map((p) => [p.firstName, p.entryDate, p.orientedOn, p.eventOn])).toEqual([
      ['cancel-m', '2024-01-02', '2024-01-10', '2024-01-30'],
      ['cancel-n', '2024-01-02', '2024-01-10', '2024-01-20'],
    ]);
    expect(set.persons[0]).toMatchObject({ lastName: 'Indicateur', birthDate: '1980-05-17' });

    // ind-reopen, Q1 2024: one line per entry, h and i twice.
    const entrants = await persons('newEntrants', '2024-01-01', '2024-03-31', 'ind-reopen');
    expect(entrants.persons.map((p) => `${p.firstName} ${p.entryDate} ${p.orientedOn}`)).toEqual([
      'reopen-h 2024-01-10 2024-01-20',
      'reopen-h 2024-03-05 2024-03-20',
      'reopen-i 2024-01-10 2024-01-15',
      'reopen-i 2024-03-01 null',
      'reopen-j 2024-02-10 null',
    ]);

    // The mean and the ratio: the orientations and persons they are computed from (ind-pairs, H1).
    const delay = await persons('globalSupportStartDelayDays', '2024-01-01', '2024-06-30', 'ind-pairs');
    expect(delay.persons.map((p) => [p.firstName, p.orientedOn, p.eventOn])).toEqual([
      ['pairs-aa', '2024-05-15', '2024-05-21'],
      ['pairs-u', '2024-02-01', '2024-02-11'],
      ['pairs-v', '2024-03-01', '2024-03-04'],
    ]);
    const perPair = await persons('globalSupportPerAdvisor', '2024-01-01', '2024-06-30', 'ind-pairs');
    expect(perPair.persons.map((p) => p.firstName)).toEqual(['pairs-aa', 'pairs-u', 'pairs-y']);

    // Every count of the département and its total of persons agree, period after period.
    for (const [from, to] of [
      ['2024-01-01', '2024-01-31'],
      ['2024-01-01', '2024-06-30'],
      ['2023-01-01', '2024-12-31'],
    ] as const) {
      const figures = (await steering.call(api.indicators.planPauvrete, { query: { from, to } })).body
        .indicators;
      for (const key of countIndicatorKeys) {
        expect((await persons(key, from, to)).total, `${key} ${from}`).toBe(figures[key]);
      }
    }

    // The page shown is an audited list read with the persons it carries.
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'details', 'target_id'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', 'indicators.persons')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(trace.details).toMatchObject({
      list: 'indicators.persons',
      query: { indicator: countIndicatorKeys.at(-1) },
    });
    const traced = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids'])
      .where('target_id', '=', 'indicators.persons')
      .execute();
    const shown = set.persons.map((p) => p.id);
    expect(traced.some((t) => shown.every((id) => (t.person_ids as string[]).includes(id)))).toBe(true);

    // Pages: 50 persons each; past the last, none but the same total.
    const past = await persons('newEntrants', '2024-01-01', '2024-03-31', 'ind-reopen', 2);
    expect(past).toMatchObject({ total: 5, page: 2, pageSize: 50, persons: [] });
  });
});
