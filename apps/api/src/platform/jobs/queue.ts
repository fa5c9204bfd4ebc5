import { CronExpressionParser } from 'cron-parser';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

type Executor = Kysely<Database>;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** At most one pending/running job per (queue, key). */
  singletonKey?: string;
}

export type JobHandler = (
  payload: unknown,
  job: { id: string; attempts: number; departmentCode: string },
) => Promise<void>;

interface HandlerEntry {
  handler: JobHandler;
  maxAttempts: number;
}

/** Delay before the next try: 10 s, 40 s, 90 s… capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 10_000 * attempts * attempts);
}

/**
 * PostgreSQL-backed queue: jobs are rows, claimed with FOR UPDATE SKIP LOCKED so several workers
 * never take the same one. Enqueue inside a business transaction to get a transactional outbox.
 */
export class JobQueue {
  private readonly handlers = new Map<string, HandlerEntry>();
  private readonly subscribers = new Map<string, string[]>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly workerId = `w-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly departmentCode: string,
  ) {}

  register(queue: string, handler: JobHandler, opts: { maxAttempts?: number } = {}) {
    this.handlers.set(queue, { handler, maxAttempts: opts.maxAttempts ?? 5 });
  }

  /** The queues this process has a handler for (the jobs screen names each in French). */
  queues(): string[] {
    return [...this.handlers.keys()];
  }

  /** A subscriber of a domain event gets its own job per event, retried independently. */
  subscribe(eventType: string, subscriber: string, handler: JobHandler, opts: { maxAttempts?: number } = {}) {
    const queue = `event:${subscriber}`;
    this.register(queue, handler, opts);
    this.subscribers.set(eventType, [...(this.subscribers.get(eventType) ?? []), queue]);
  }

  async enqueue(
    exec: Executor,
    queue: string,
    payload: unknown,
    opts: EnqueueOptions = {},
  ): Promise<string | null> {
    const row = await exec
      .insertInto('job')
      .values({
        department_code: this.departmentCode,
        queue,
        payload: JSON.stringify(payload ?? {}),
        run_at: opts.runAt ?? new Date(),
        max_attempts: opts.maxAttempts ?? this.handlers.get(queue)?.maxAttempts ?? 5,
        singleton_key: opts.singletonKey ?? null,
      })
      .onConflict((oc) =>
        oc
          .columns(['queue', 'singleton_key'])
          .where('singleton_key', 'is not', null)
          .where('status', 'in', ['pending', 'running'])
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Records a domain event in the caller's transaction; subscribers run after commit. */
  async publish(exec: Executor, type: string, payload: unknown) {
    await exec
      .insertInto('outbox_event')
      .values({ department_code: this.departmentCode, type, payload: JSON.stringify(payload ?? {}) })
      .execute();
  }

  async schedule(name: string, cron: string, queue: string, payload: unknown = {}) {
    const next = CronExpressionParser.parse(cron, { tz: 'Europe/Paris' }).next().toDate();
    await this.db
      .insertInto('schedule')
      .values({
        name,
        department_code: this.departmentCode,
        cron,
        queue,
        payload: JSON.stringify(payload),
        next_run_at: next,
      })
      .onConflict((oc) => oc.column('name').doUpdateSet({ cron, queue, payload: JSON.stringify(payload) }))
      .execute();
  }

  start(pollMs: number) {
    const loop = async () => {
      this.running = this.tick().then(
        () => undefined,
        (err) => this.log.error({ err }, 'job worker tick failed'),
      );
      await this.running;
      this.timer = setTimeout(loop, pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass: fire due schedules, dispatch the outbox, run due jobs. Returns jobs run. */
  async tick(): Promise<number> {
    await this.fireSchedules();
    await this.dispatchOutbox();
    await this.releaseStale();
    let total = 0;
    for (;;) {
      const n = await this.runDue(10);
      total += n;
      if (n === 0) return total;
    }
  }

  /** Runs the queue until nothing is due (tests, CLI). */
  async drain(): Promise<number> {
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const n = await this.tick();
      total += n;
      if (n === 0) return total;
    }
    return total;
  }

  private async fireSchedules() {
    await this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('schedule')
        .selectAll()
        .where('enabled', '=', true)
        .where('next_run_at', '<=', new Date())
        .forUpdate()
        .skipLocked()
        .execute();
      for (const s of due) {
        const next = CronExpressionParser.parse(s.cron, { tz: 'Europe/Paris' }).next().toDate();
        await trx.updateTable('schedule').set({ next_run_at: next }).where('name', '=', s.name).execute();
        await this.enqueue(trx, s.queue, s.payload, { singletonKey: `schedule:${s.name}` });
      }
    });
  }

  private async dispatchOutbox() {
    await this.db.transaction().execute(async (trx) => {
      const events = await trx
        .selectFrom('outbox_event')
        .selectAll()
        .where('dispatched_at', 'is', null)
        .orderBy('id')
        .limit(200)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const event of events) {
        for (const queue of this.subscribers.get(event.type) ?? []) {
          await this.enqueue(trx, queue, { eventId: event.id, type: event.type, payload: event.payload });
        }
      }
      if (events.length > 0) {
        await trx
          .updateTable('outbox_event')
          .set({ dispatched_at: new Date() })
          .where(
            'id',
            'in',
            events.map((e) => e.id),
          )
          .execute();
      }
    });
  }

  /** A worker that died mid-job leaves it "running"; after 15 minutes it is tried again. */
  private async releaseStale() {
    await this.db
      .updateTable('job')
      .set({
        status: 'pending',
        locked_by: null,
        locked_at: null,
        last_error: 'interrompue (arrêt du serveur)',
      })
      .where('status', '=', 'running')
      .where('locked_at', '<', sql<Date>`now() - interval '15 minutes'`)
      .execute();
  }

  private async runDue(limit: number): Promise<number> {
    const known = [...this.handlers.keys()];
    if (known.length === 0) return 0;
    const claimed = await this.db.transaction().execute(async (trx) => {
      const ids = await trx
        .selectFrom('job')
        .select('id')
        .where('status', '=', 'pending')
        .where('run_at', '<=', new Date())
        .where('queue', 'in', known)
        .orderBy('run_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (ids.length === 0) return [];
      return trx
        .updateTable('job')
        .set({
          status: 'running',
          locked_by: this.workerId,
          locked_at: new Date(),
          attempts: sql`attempts + 1`,
        })
        .where(
          'id',
          'in',
          ids.map((r) => r.id),
        )
        .returningAll()
        .execute();
    });
    for (const job of claimed) {
      const entry = this.handlers.get(job.queue);
      try {
        if (!entry) throw new Error(`aucun traitement n’est déclaré pour la file ${job.queue}`);
        await entry.handler(job.payload, {
          id: job.id,
          attempts: job.attempts,
          departmentCode: job.department_code,
        });
        await this.db
          .updateTable('job')
          .set({ status: 'done', finished_at: new Date(), locked_by: null, locked_at: null })
          .where('id', '=', job.id)
          .execute();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const final = job.attempts >= job.max_attempts;
        this.log.warn(
          { jobId: job.id, queue: job.queue, attempts: job.attempts, final, err: message },
          'job failed',
        );
        await this.db
          .updateTable('job')
          .set({
            status: final ? 'failed' : 'pending',
            last_error: message.slice(0, 2000),
            run_at: final ? job.run_at : new Date(Date.now() + retryDelayMs(job.attempts)),
            finished_at: final ? new Date() : null,
            locked_by: null,
            locked_at: null,
          })
          .where('id', '=', job.id)
          .execute();
      }
    }
    return claimed.length;
  }

  /** An administrator's "retry": the job gets its full number of attempts again. */
  async retry(id: string, departmentCode: string) {
    return this.db
      .updateTable('job')
      .set({ status: 'pending', attempts: 0, run_at: new Date(), finished_at: null })
      .where('id', '=', id)
      .where('department_code', '=', departmentCode)
      .where('status', '=', 'failed')
      .returningAll()
      .executeTakeFirst();
  }
}
