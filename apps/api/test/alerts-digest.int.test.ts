import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { api } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app';
import {
  ALERT_DIGEST_MAIL_QUEUE,
  ALERT_DIGEST_QUEUE,
  sendAlertDigests,
} from '../src/modules/accompaniment/application/digest';
import { buildAlertWorld } from './support/alerts-fixtures';
import { engines, loggedIn, startTestApp } from './support/harness';
import { mailText, startControllableSmtp } from './support/messaging-fixtures';
import { migratedPgliteSnapshot } from './support/pglite-snapshot';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

describe.each(engines)('daily digest of the alerts (%s)', (engine) => {
  let smtp: Awaited<ReturnType<typeof startControllableSmtp>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    smtp = await startControllableSmtp();
    app = await startTestApp(engine, { smtpUrl: smtp.url });
    const w = await buildAlertWorld(app);
    await app.ctx.db
      .updateTable('person')
      .set({ nir: '2880413203123' })
      .where('id', '=', w.persons.alice!)
      .execute();
  });
  afterAll(() => smtp.close());

  const mailTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

  it('lets an agent read and change their own choice, audited; bad input refused in French', async () => {
    const manager = await loggedIn(app, 'responsable@parcours.test');
    expect((await manager.call(api.portfolio.digestPreference)).body).toEqual({ enabled: true });
    const off = await manager.call(api.portfolio.setDigestPreference, { body: { enabled: false } });
    expect(off.body).toEqual({ enabled: false });
    expect((await manager.call(api.portfolio.digestPreference)).body).toEqual({ enabled: false });
    const bad = await manager.request('PUT', '/api/me/alert-digest', { enabled: 'peut-être' });
    expect(bad.status).toBe(400);
    expect((await manager.call(api.portfolio.digestPreference)).body).toEqual({ enabled: false });
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'account.alert_digest_changed')
      .executeTakeFirstOrThrow();
    expect(trace.details).toMatchObject({ enabled: false });
  });

  it('e-mails each agent with alerts their counts per kind and the list, without NIR; opt-out respected', async () => {
    const before = smtp.received.length;
    const result = await sendAlertDigests(app.ctx, '13');
    expect(result.sent.map((s) => s.email).sort()).toEqual([
      'referent@parcours.test',
      'responsable.autre@parcours.test',
    ]);
    expect(result.optedOut).toBe(1);
    expect(smtp.received.length - before).toBe(2);
    expect(mailTo('responsable@parcours.test')).toHaveLength(0);
    expect(mailTo('referent.autre@parcours.test')).toHaveLength(0);
    const mail = mailTo('referent@parcours.test').at(-1);
    const text = mailText(mail?.raw ?? '');
    expect(text).toMatch(/8 alertes d’accompagnement concernent/);
    expect(text).toContain(
      'Pas de contrat d’engagement signé un mois après la notification (délai légal) : 1',
    );
    expect(text).toContain('Contrat d’engagement expiré sans renouvellement : 2');
    for (const name of ['Alice ALERTE', 'Bruno SANSCONTRAT', 'Chloé FINPROCHE', 'Fanny ANCIENNE'])
      expect(text).toContain(name);
    expect(text).toContain('01/01/2027');
    expect(text).toContain(`${app.url}/alertes`);
    expect(text).not.toContain('Gilles NONAFFECTE');
    expect(text).not.toContain('Léa AILLEURS');
    expect(text).not.toContain('2880413203123');
    const other = mailText(mailTo('responsable.autre@parcours.test').at(-1)?.raw ?? '');
    expect(other).toContain('Léa AILLEURS');
    expect(other).not.toContain('Alice ALERTE');
    // Each e-mail is a list read by its recipient.
    const traces = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids'])
      .where('action', '=', 'person.list_read')
      .where('target_id', '=', 'alerts.digest')
      .execute();
    expect(traces).toHaveLength(2);
  });

  it('runs every morning as a scheduled job of its own queue', async () => {
    const schedule = await app.ctx.db
      .selectFrom('schedule')
      .select(['cron', 'queue'])
      .where('name', '=', 'alerts.digest:13')
      .executeTakeFirstOrThrow();
    expect(schedule).toEqual({ cron: '0 7 * * *', queue: ALERT_DIGEST_QUEUE });
    expect(app.ctx.jobs.queues()).toEqual(
      expect.arrayContaining([ALERT_DIGEST_QUEUE, ALERT_DIGEST_MAIL_QUEUE]),
    );
    const before = smtp.received.length;
    await app.ctx.jobs.enqueue(app.ctx.db, ALERT_DIGEST_QUEUE, {});
    await app.ctx.jobs.drain();
    // One e-mail job per agent who wants the digest (the manager opted out: none queued).
    const mailJobs = await app.ctx.db
      .selectFrom('job')
      .select(['payload', 'status'])
      .where('queue', '=', ALERT_DIGEST_MAIL_QUEUE)
      .execute();
    // referent, referent.autre (no alert: no e-mail) and responsable.autre.
    expect(mailJobs).toHaveLength(3);
    expect(mailJobs.every((j) => j.status === 'done')).toBe(true);
    const responsable = await app.ctx.db
      .selectFrom('account')
      .select('id')
      .where('email', '=', 'responsable@parcours.test')
      .executeTakeFirstOrThrow();
    expect(
      mailJobs.some(
        (j) =>
          (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload).accountId === responsable.id,
      ),
    ).toBe(false);
    expect(smtp.received.length - before).toBe(2);
    expect(
      smtp.received
        .slice(before)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(['referent@parcours.test', 'responsable.autre@parcours.test']);
  });
});

describe('alerts digest from the command line', () => {
  it('sends the digest of a given date through the configured SMTP server', async () => {
    const smtp = await startControllableSmtp();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-digest-'));
    const pgliteSnapshot = await migratedPgliteSnapshot();
    const env = {
      ...process.env,
      DATABASE_URL: '',
      PARCOURS_DATA_DIR: dataDir,
      PARCOURS_TEST_PGLITE_SNAPSHOT: pgliteSnapshot,
      LOG_LEVEL: 'silent',
    };
    const app = await startApp(
      {
        port: 0,
        host: '127.0.0.1',
        dataDir,
        pgliteSnapshot,
        demo: true,
        demoPersons: 0,
        jobsEnabled: false,
        logLevel: 'silent',
      },
      env,
    );
    try {
      await buildAlertWorld(app);
    } finally {
      await app.close();
    }
    try {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'apps/api/src/cli.ts', 'alerts', 'digest', '--date', '2026-12-02'],
        { cwd: root, env: { ...env, SMTP_URL: smtp.url, PUBLIC_URL: 'https://parcours.exemple.test' } },
      );
      expect(stdout).toContain('Récapitulatif du 2026-12-02');
      expect(stdout).toContain('referent@parcours.test');
      const mail = smtp.received.find((m) => m.to.includes('referent@parcours.test'));
      expect(mailText(mail?.raw ?? '')).toContain('Au 02/12/2026');
      const bad = await run(
        process.execPath,
        ['--import', 'tsx', 'apps/api/src/cli.ts', 'alerts', 'digest', '--date', '2026-13-40'],
        {
          cwd: root,
          env,
        },
      ).catch((e: { code: number; stderr: string }) => e);
      expect('code' in bad ? bad.code : 0).toBe(1);
      expect('stderr' in bad ? bad.stderr : '').toContain('Date invalide');
    } finally {
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
