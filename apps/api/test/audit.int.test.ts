import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { engines, loggedIn, startTestApp } from './support/harness';

const PERSON = '11111111-1111-4111-8111-111111111111';

describe.each(engines)('audit trail (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('records a read of a person’s file in one line, and answers "who accessed this file"', async () => {
    const advisor = await app.ctx.db
      .selectFrom('account')
      .selectAll()
      .where('email', '=', 'orientation@parcours.test')
      .executeTakeFirstOrThrow();
    const actor = { accountId: advisor.id, role: advisor.role, departmentCode: advisor.department_code };
    await app.ctx.audit.personRead(actor, PERSON, { ip: '10.0.0.7', id: 'req-1' }, 'convocation');

    const admin = await loggedIn(app, 'admin@parcours.test');
    const res = await admin.get(`/api/admin/audit?personId=${PERSON}`);
    expect(res.status).toBe(200);
    const read = res.body.items.find((e: { action: string }) => e.action === 'person.read');
    expect(read).toMatchObject({
      actorName: 'Karim Orientation',
      actorRole: 'orientation_advisor',
      reason: 'convocation',
      ip: '10.0.0.7',
    });

    const bad = await admin.get('/api/admin/audit?personId=pas-un-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].message).toBe('Identifiant de personne invalide.');
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the trail', async () => {
    await expect(sql`UPDATE audit_event SET action = 'x'`.execute(app.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_event`.execute(app.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_event`.execute(app.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the chain, then detects a trace altered behind the triggers', async () => {
    const admin = await loggedIn(app, 'admin@parcours.test');
    const ok = await admin.post('/api/admin/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.checked).toBeGreaterThan(5);

    const target = await app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'person.read')
      .executeTakeFirstOrThrow();
    // A superuser can bypass triggers; the hash chain is what still tells.
    await app.ctx.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`.execute(trx);
      await sql`UPDATE audit_event SET reason = 'autre motif' WHERE seq = ${target.seq}::bigint`.execute(trx);
      await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`.execute(trx);
    });
    const broken = await app.ctx.audit.verify('13');
    expect(broken).toMatchObject({ ok: false, brokenAtSeq: target.seq, reason: 'contenu modifié' });
  });
});

describe('audit trail: a deleted trace breaks the chain', () => {
  it('is detected by verify', async () => {
    const app = await startTestApp('pglite');
    const { seq } = await app.ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .orderBy('seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await app.ctx.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`.execute(trx);
      await sql`DELETE FROM audit_event WHERE seq = ${seq}::bigint`.execute(trx);
      await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`.execute(trx);
    });
    const result = await app.ctx.audit.verify('13');
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/chaînage rompu/);
  });
});
