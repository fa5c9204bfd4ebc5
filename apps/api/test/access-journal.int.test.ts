import { api, auditActionLabel, isAuditAction } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAuditCsv } from '../src/modules/access/application/audit-export';
import { actorOf, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';

/** Today in Paris, as the journal's period filter counts days. */
const parisDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

describe.each(engines)('access journal (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof loggedIn>>;
  let advisor: Awaited<ReturnType<typeof loggedIn>>;
  let advisorId: string;
  let fleury: string;
  let other: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    fleury = await createTestPerson(app, { firstName: 'Josiane', lastName: 'FLEURY' });
    other = await createTestPerson(app, { firstName: 'Marcel', lastName: 'AUTRE' });
    admin = await loggedIn(app, 'admin@parcours.test');
    advisor = await loggedIn(app, 'orientation@parcours.test');
    advisorId = (
      await app.ctx.db
        .selectFrom('account')
        .select('id')
        .where('email', '=', 'orientation@parcours.test')
        .executeTakeFirstOrThrow()
    ).id;
    // The advisor finds Fleury by name (a list read), opens her file, and opens another one.
    expect((await advisor.call(api.persons.search, { query: { q: 'fleury' } })).status).toBe(200);
    expect((await advisor.call(api.persons.getFile, { params: { id: fleury } })).status).toBe(200);
    expect((await advisor.call(api.persons.getFile, { params: { id: other } })).status).toBe(200);
  });

  it('filters by person, with the person named and the lists she appeared in', async () => {
    const res = await admin.call(api.access.listAudit, { query: { personId: fleury, limit: 100 } });
    expect(res.status).toBe(200);
    expect(res.body.subject).toMatchObject({ id: fleury, name: 'Josiane FLEURY', birthDate: '1988-04-12' });
    const read = res.body.items.find((e) => e.action === 'person.read');
    expect(read).toMatchObject({ actorName: 'Karim Orientation', personName: 'Josiane FLEURY' });
    const listed = res.body.items.find((e) => e.action === 'person.list_read');
    expect(listed?.listLabel).toBe('apparu dans une liste : recherche « fleury »');
    // Nothing about the other person.
    expect(res.body.items.some((e) => e.personId === other)).toBe(false);
  });

  it('filters by agent, action and period (Paris days, both included)', async () => {
    const byAgent = await admin.call(api.access.listAudit, {
      query: { actorAccountId: advisorId, action: 'person.read', limit: 100 },
    });
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.items.map((e) => e.personId).sort()).toEqual([fleury, other].sort());
    expect(byAgent.body.items.every((e) => e.actorAccountId === advisorId)).toBe(true);

    const today = await admin.call(api.access.listAudit, {
      query: { action: 'person.read', from: parisDay(), to: parisDay(), limit: 100 },
    });
    expect(today.body.items.length).toBeGreaterThanOrEqual(2);
    const tomorrow = await admin.call(api.access.listAudit, {
      query: { action: 'person.read', from: parisDay(1), limit: 100 },
    });
    expect(tomorrow.body.items).toEqual([]);
    const yesterday = await admin.call(api.access.listAudit, {
      query: { action: 'person.read', to: parisDay(-1), limit: 100 },
    });
    expect(yesterday.body.items).toEqual([]);
  });

  it('refuses a raw text as action, a reversed period and a name as person', async () => {
    const action = await admin.get('/api/admin/audit?action=Fleury');
    expect(action.status).toBe(400);
    const period = await admin.get(`/api/admin/audit?from=${parisDay()}&to=${parisDay(-3)}`);
    expect(period.status).toBe(400);
    expect(period.body.error.fields[0]).toMatchObject({
      path: 'to',
      message: 'La fin de la période précède son début.',
    });
    expect((await admin.get('/api/admin/audit?personId=Fleury')).status).toBe(400);
  });

  it('pages newest first without repeating an event', async () => {
    const first = await admin.call(api.access.listAudit, { query: { limit: 3 } });
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextBefore).toBe(first.body.items[2]?.seq);
    const second = await admin.call(api.access.listAudit, {
      query: { limit: 3, before: first.body.nextBefore ?? undefined },
    });
    const seqs = [...first.body.items, ...second.body.items].map((e) => BigInt(e.seq));
    expect(new Set(seqs).size).toBe(6);
    expect([...seqs].sort((a, b) => (a > b ? -1 : 1))).toEqual(seqs);
  });

  it('traces the reading of the journal, with the persons it names', async () => {
    const res = await admin.call(api.access.listAudit, { query: { action: 'person.read', limit: 100 } });
    expect(res.body.items.some((e) => e.personName === 'Marcel AUTRE')).toBe(true);
    const [trace] = await app.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'person_ids', 'details'])
      .where('action', '=', 'audit.read')
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    expect(trace?.person_ids).toEqual(expect.arrayContaining([fleury, other]));
    expect(trace?.details).toMatchObject({ list: 'audit.journal', query: { action: 'person.read' } });
    // So the persons' own journal tells they were seen there.
    const mine = await admin.call(api.access.personAudit, { params: { id: other } });
    expect(
      mine.body.items.some((e) => e.listLabel?.startsWith('apparu dans une liste : journal des accès')),
    ).toBe(true);
  });

  it('exports the filtered journal as CSV with a BOM, and traces the export', async () => {
    const res = await admin.bytes(
      `/api/admin/audit/export.csv?actorAccountId=${advisorId}&action=person.read`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="journal-des-acces-/);
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('Date et heure (Paris);Agent;E-mail de l’agent;Rôle;Action;Code de l’action');
    expect(lines).toHaveLength(3);
    for (const line of lines.slice(1)) {
      expect(line).toContain(';Karim Orientation;orientation@parcours.test;');
      expect(line).toContain(';Consultation du dossier;person.read;');
    }
    expect(lines.some((l) => l.includes('Josiane FLEURY'))).toBe(true);
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'details'])
      .where('action', '=', 'audit.exported')
      .executeTakeFirstOrThrow();
    expect(trace.person_ids?.sort()).toEqual([fleury, other].sort());
    expect(trace.details).toMatchObject({ list: 'audit.export', rows: 2 });
  });

  it('says in the file when the export is cut at its row limit', async () => {
    const actor = await actorOf(app, 'admin@parcours.test');
    const request = { ip: '127.0.0.1', id: 'export-cut' };
    const filters = { actorAccountId: advisorId, action: 'person.read' as const, limit: 50 };
    const whole = await exportAuditCsv(app.ctx, actor, filters, request, 2);
    expect(whole.content).not.toContain('Export limité');
    const cut = await exportAuditCsv(app.ctx, actor, filters, request, 1);
    const lines = cut.content.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^Export limité aux 1 événements les plus récents/);
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'audit.exported')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(trace.details).toMatchObject({ rows: 1, truncated: true });
  });

  it('answers « qui a consulté ce dossier » for this person only, through the gate, and traces it', async () => {
    const res = await admin.call(api.access.personAudit, { params: { id: fleury } });
    expect(res.status).toBe(200);
    expect(res.body.subject?.name).toBe('Josiane FLEURY');
    expect(
      res.body.items.some((e) => e.action === 'person.read' && e.actorRole === 'orientation_advisor'),
    ).toBe(true);
    expect(res.body.items.every((e) => e.personId === fleury || e.listLabel !== null)).toBe(true);
    const traced = await app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'audit.person_trail_read')
      .where('person_id', '=', fleury)
      .execute();
    expect(traced.length).toBeGreaterThan(0);

    // Not for the other roles; an unknown person is not found.
    expect((await advisor.call(api.access.personAudit, { params: { id: fleury } })).status).toBe(403);
    const missing = await admin.call(api.access.personAudit, {
      params: { id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.status).toBe(404);
  });

  it('has a French label for every action the trail holds', async () => {
    const actions = await app.ctx.db.selectFrom('audit_event').select('action').distinct().execute();
    expect(actions.length).toBeGreaterThan(5);
    for (const { action } of actions) {
      expect(isAuditAction(action), action).toBe(true);
      expect(auditActionLabel(action)).not.toBe(action);
    }
  });
});
