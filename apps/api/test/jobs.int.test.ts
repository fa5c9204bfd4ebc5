import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { engines, loggedIn, startTestApp } from './support/harness';

describe.each(engines)('jobs and outbox (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('runs an enqueued job once', async () => {
    const seen: unknown[] = [];
    app.ctx.jobs.register('test.echo', async (payload) => {
      seen.push(payload);
    });
    await app.ctx.jobs.enqueue(app.ctx.db, 'test.echo', { n: 1 });
    await app.ctx.jobs.drain();
    await app.ctx.jobs.drain();
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('retries a failing job, then shows it failed with its error to administrators, who can retry it', async () => {
    let calls = 0;
    let healthy = false;
    app.ctx.jobs.register(
      'test.flaky',
      async () => {
        calls++;
        if (!healthy) throw new Error('serveur SMTP injoignable');
      },
      { maxAttempts: 3 },
    );
    const id = await app.ctx.jobs.enqueue(app.ctx.db, 'test.flaky', {});
    for (let i = 0; i < 3; i++) {
      // Make the retry due now instead of waiting for the back-off.
      await app.ctx.db
        .updateTable('job')
        .set({ run_at: new Date(Date.now() - 1000) })
        .where('id', '=', id!)
        .execute();
      await app.ctx.jobs.tick();
    }
    expect(calls).toBe(3);
    const admin = await loggedIn(app, 'admin@parcours.test');
    const failed = await admin.get('/api/admin/jobs?status=failed');
    expect(failed.status).toBe(200);
    const job = failed.body.items.find((j: { id: string }) => j.id === id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, lastError: 'serveur SMTP injoignable' });
    expect(failed.body.counts.failed).toBeGreaterThanOrEqual(1);

    healthy = true;
    const retried = await admin.post(`/api/admin/jobs/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('pending');
    await app.ctx.jobs.drain();
    const done = await app.ctx.db
      .selectFrom('job')
      .select(['status'])
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
    expect((await admin.post(`/api/admin/jobs/${id}/retry`)).status).toBe(404);
  });

  it('backs off between tries', async () => {
    app.ctx.jobs.register('test.always-fails', async () => {
      throw new Error('non');
    });
    const id = await app.ctx.jobs.enqueue(app.ctx.db, 'test.always-fails', {});
    await app.ctx.jobs.tick();
    const job = await app.ctx.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    expect(job.attempts).toBe(1);
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now() + 5000);
  });

  it('delivers an outbox event only if its transaction commits', async () => {
    const got: unknown[] = [];
    app.ctx.jobs.subscribe('test.happened', 'test.listener', async (payload) => {
      got.push(payload);
    });
    await expect(
      app.ctx.db.transaction().execute(async (trx) => {
        await app.ctx.jobs.publish(trx, 'test.happened', { id: 'rolled-back' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await app.ctx.db.transaction().execute(async (trx) => {
      await app.ctx.jobs.publish(trx, 'test.happened', { id: 'committed' });
    });
    await app.ctx.jobs.drain();
    expect(got).toEqual([expect.objectContaining({ type: 'test.happened', payload: { id: 'committed' } })]);
  });

  it('keeps one pending job per singleton key', async () => {
    app.ctx.jobs.register('test.single', async () => {});
    const a = await app.ctx.jobs.enqueue(
      app.ctx.db,
      'test.single',
      {},
      { singletonKey: 'k', runAt: new Date(Date.now() + 60_000) },
    );
    const b = await app.ctx.jobs.enqueue(app.ctx.db, 'test.single', {}, { singletonKey: 'k' });
    expect(a).not.toBeNull();
    expect(b).toBeNull();
  });

  it('fires a scheduled job when due and plans the next run', async () => {
    let runs = 0;
    app.ctx.jobs.register('test.nightly', async () => {
      runs++;
    });
    await app.ctx.jobs.schedule('test-nightly', '0 3 * * *', 'test.nightly');
    await app.ctx.jobs.drain();
    expect(runs).toBe(0);
    await sql`UPDATE schedule SET next_run_at = now() - interval '1 minute' WHERE name = 'test-nightly'`.execute(
      app.ctx.db,
    );
    await app.ctx.jobs.drain();
    expect(runs).toBe(1);
    const s = await app.ctx.db
      .selectFrom('schedule')
      .selectAll()
      .where('name', '=', 'test-nightly')
      .executeTakeFirstOrThrow();
    expect(new Date(s.next_run_at).getTime()).toBeGreaterThan(Date.now());
  });

  it('never hands the same job to two workers at once', async () => {
    const runs = new Map<number, number>();
    app.ctx.jobs.register('test.parallel', async (payload) => {
      const n = (payload as { n: number }).n;
      runs.set(n, (runs.get(n) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 5));
    });
    for (let n = 0; n < 40; n++) await app.ctx.jobs.enqueue(app.ctx.db, 'test.parallel', { n });
    await Promise.all([app.ctx.jobs.drain(), app.ctx.jobs.drain(), app.ctx.jobs.drain()]);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((v) => v === 1)).toBe(true);
  });
});
