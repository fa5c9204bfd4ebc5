import type { AuditAction } from '@parcours/contracts';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import { prepared } from '../db/prepared';
import type { Database } from '../db/schema';
import { type ChainedFields, chainMac, GENESIS, stableJson } from './chain';
import { type AuditCheckpoint, appendCheckpoints, signCheckpoint } from './checkpoints';
import type { AuditKey } from './key';
import { verifyChain } from './verify';
import { ViewDedupe } from './view-dedupe';

export { type ChainedFields, chainedFieldsOf, chainMac, legacyChainHash } from './chain';

export interface AuditActor {
  accountId: string;
  role: string;
  departmentCode: string;
}

export interface AuditInput {
  actor: AuditActor | null;
  /** Needed when there is no actor (failed login of an unknown e-mail, system job). */
  departmentCode?: string;
  /** A code with its French label in contracts' `audit-actions.ts` (a new code gets one there). */
  action: AuditAction;
  personId?: string | null;
  /** Persons a bulk read returned (search, queue, export): "who saw this person in a list". */
  personIds?: string[] | null;
  targetType?: string | null;
  targetId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  /** `view`: the web client's page-view id (`x-parcours-view`), see ViewDedupe. */
  request?: { ip: string; id: string; view?: string } | null;
}

/** Traces per INSERT of the group commit. */
const MAX_BATCH = 500;
/** The columns a trace is written with, and their types as the batch's JSON rows carry them. */
const TYPED_COLUMNS = [
  ['department_code', 'text'],
  ['occurred_at', 'timestamptz'],
  ['actor_account_id', 'uuid'],
  ['actor_role', 'text'],
  ['action', 'text'],
  ['person_id', 'uuid'],
  ['target_type', 'text'],
  ['target_id', 'text'],
  ['reason', 'text'],
  ['ip', 'text'],
  ['request_id', 'text'],
  ['details', 'text'],
  ['person_ids', 'uuid[]'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
] as const;
const COLUMNS = TYPED_COLUMNS.map(([c]) => c).join(', ');
const RECORD = `${TYPED_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')}, ord int`;

// Use cases that only get a transaction write `new AuditTrail(trx)`: the key (and which chains
// moved since the last checkpoint) is found from the database handle the transaction comes from
// (a transaction shares its database's adapter).
interface ChainState {
  key: AuditKey;
  dirty: Set<string>;
}
const stateByAdapter = new WeakMap<object, ChainState>();
function adapterOf(db: Kysely<Database>): object {
  return db.getExecutor().adapter;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  /** First trace that does not verify, or the first missing seq when the tail was cut. */
  brokenAtSeq: string | null;
  reason: string | null;
  /** Traces named by a checkpoint that no longer exist (truncation): from … to, inclusive. */
  missingFrom: string | null;
  missingTo: string | null;
  /** Checkpoints (outside the database) checked against the chain. */
  checkpoints: number;
  lastCheckpointSeq: string | null;
}

interface Pending {
  fields: ChainedFields;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface AuditTrailOptions {
  key?: AuditKey;
  /** Append-only file of signed checkpoints; undefined: checkpoints go to the log only. */
  checkpointFile?: string;
  log?: Logger;
}

export class AuditTrail {
  private readonly key: AuditKey;
  private readonly state: ChainState;
  private readonly checkpointFile: string | undefined;
  private readonly log: Logger | undefined;
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private readonly lastCheckpoint = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  /** Group-commit counters (tests, benchmark): transactions opened and traces they wrote. */
  readonly stats = { batches: 0, rows: 0 };

  constructor(
    private readonly db: Db | Transaction<Database>,
    opts: AuditTrailOptions = {},
  ) {
    const adapter = adapterOf(db);
    let state = stateByAdapter.get(adapter);
    if (opts.key && state?.key !== opts.key) {
      state = { key: opts.key, dirty: new Set() };
      stateByAdapter.set(adapter, state);
    }
    if (!state) throw new Error("audit: aucune clé de journal d'audit pour cette base");
    this.state = state;
    this.key = state.key;
    this.checkpointFile = opts.checkpointFile;
    this.log = opts.log;
  }

  get keyId(): string {
    return this.key.id;
  }

  /**
   * Appends a trace. Inside `trx` when given, so the trace commits or rolls back with the fact.
   * Without it, concurrent calls are grouped: one transaction, one lock, one INSERT for all the
   * traces waiting, each promise resolved once they are committed (durable before the response).
   * A failed batch is retried trace by trace: only the trace that cannot be written is rejected.
   */
  async record(input: AuditInput, trx?: Transaction<Database>): Promise<void> {
    const fields = this.fieldsOf(input);
    if (trx) {
      await this.appendMany(trx, fields.department_code, [fields]);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.pending.push({ fields, resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  /** The one-liner later capabilities use: "this agent read this person's file". */
  personRead(actor: AuditActor, personId: string, request: AuditInput['request'], reason?: string) {
    // One row per reading of a file: the calls of one page view share the first call's trace.
    const view = request?.view;
    const write = () =>
      this.record({
        actor,
        action: 'person.read',
        personId,
        targetType: 'person',
        targetId: personId,
        reason,
        request,
        details: view ? { view } : undefined,
      });
    return view ? this.views.once(`${actor.accountId}:${personId}:${view}`, write) : write();
  }

  /** Page views already traced as reads (see ViewDedupe). */
  private readonly views = new ViewDedupe();

  /** Waits for the traces already handed to record(). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private fieldsOf(input: AuditInput): ChainedFields {
    const departmentCode = input.actor?.departmentCode ?? input.departmentCode;
    if (!departmentCode) throw new Error('audit: department code is required');
    return {
      department_code: departmentCode,
      occurred_at: new Date().toISOString(),
      actor_account_id: input.actor?.accountId ?? null,
      actor_role: input.actor?.role ?? null,
      action: input.action,
      person_id: input.personId ?? null,
      target_type: input.targetType ?? null,
      target_id: input.targetId ?? null,
      reason: input.reason ?? null,
      ip: input.request?.ip ?? null,
      request_id: input.request?.id ?? null,
      details: stableJson(input.details ?? {}),
      person_ids: input.personIds ? input.personIds.map((id) => id.toLowerCase()) : null,
    };
  }

  private async drain(): Promise<void> {
    // Let the calls of the same tick join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          await this.commit(batch);
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          // One bad trace (an id that is not a uuid…) must not fail the reads it was grouped with:
          // retry one by one; if the database itself is failing, each is rejected.
          for (const p of batch) await this.commit([p]).catch((e: unknown) => p.reject(e));
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    const byDepartment = new Map<string, ChainedFields[]>();
    for (const p of batch) {
      const list = byDepartment.get(p.fields.department_code) ?? [];
      list.push(p.fields);
      byDepartment.set(p.fields.department_code, list);
    }
    // Départements in a fixed order: two writers never take their locks crosswise.
    const departments = [...byDepartment.keys()].sort();
    await (this.db as Db).transaction().execute(async (trx) => {
      for (const dep of departments) await this.appendMany(trx, dep, byDepartment.get(dep)!);
    });
    this.stats.batches++;
    this.stats.rows += batch.length;
    for (const p of batch) p.resolve();
  }

  private async appendMany(trx: Transaction<Database>, departmentCode: string, rows: ChainedFields[]) {
    // One chain per département; the lock orders concurrent writers (and processes).
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${departmentCode}`}))`.execute(trx);
    const last = await trx
      .selectFrom('audit_event')
      .select('hash')
      .where('department_code', '=', departmentCode)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let prevHash = last?.hash ?? GENESIS;
    const values = rows.map((fields, ord) => {
      const hash = chainMac(this.key.key, prevHash, fields);
      const row = { ...fields, prev_hash: prevHash, hash, ord };
      prevHash = hash;
      return row;
    });
    // One parameter and one statement text whatever the batch's size: planned once per connection
    // (a VALUES list of n rows × 15 parameters was built, sent and planned anew for each batch).
    // Rows are numbered in chain order, and seq is drawn in that order.
    await sql`INSERT INTO audit_event (${sql.raw(COLUMNS)})
      SELECT ${sql.raw(COLUMNS.replace('details', 'details::jsonb'))}
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS r(${sql.raw(RECORD)})
      ORDER BY r.ord ${prepared}`.execute(trx);
    this.state.dirty.add(departmentCode);
  }

  /**
   * Writes a signed checkpoint of the chain head of each département appended to since the last
   * one (or of every département with `all`): one line in the checkpoints file, one in the log.
   */
  async checkpoint(reason: string, opts: { all?: boolean } = {}): Promise<AuditCheckpoint[]> {
    await this.flush();
    const db = this.db as Db;
    const departments = opts.all
      ? (await db.selectFrom('department').select('code').execute()).map((d) => d.code)
      : [...this.state.dirty];
    this.state.dirty.clear();
    try {
      return await this.writeCheckpoints(departments, reason, opts.all ?? false);
    } catch (err) {
      // Not written: the next attempt (timer, shutdown) must still cover these chains.
      for (const dep of departments) this.state.dirty.add(dep);
      throw err;
    }
  }

  private async writeCheckpoints(departments: string[], reason: string, all: boolean) {
    const db = this.db as Db;
    const written: AuditCheckpoint[] = [];
    for (const dep of departments.sort()) {
      const head = await db
        .selectFrom('audit_event')
        .select(['seq', 'hash'])
        .where('department_code', '=', dep)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!head) continue;
      if (!all && this.lastCheckpoint.get(dep) === head.seq) continue;
      const start = await db
        .selectFrom('audit_chain_start')
        .select('legacy_until_seq')
        .where('department_code', '=', dep)
        .executeTakeFirst();
      written.push(
        signCheckpoint(this.key, {
          departmentCode: dep,
          seq: head.seq,
          mac: head.hash,
          legacyUntilSeq: start?.legacy_until_seq ?? '0',
          at: new Date().toISOString(),
          reason,
        }),
      );
    }
    // In the JSON log whatever its level (the command line logs warnings only), unless silenced.
    const log = this.log?.isLevelEnabled('info')
      ? this.log
      : this.log && this.log.level !== 'silent'
        ? this.log.child({}, { level: 'info' })
        : undefined;
    for (const c of written) log?.info({ auditCheckpoint: c }, "audit: point de contrôle du journal d'audit");
    if (this.checkpointFile) await appendCheckpoints(this.checkpointFile, written);
    for (const c of written) this.lastCheckpoint.set(c.departmentCode, c.seq);
    return written;
  }

  /** A checkpoint every `minutes` (when something was appended); the timer never keeps the process alive. */
  startCheckpoints(minutes: number): void {
    this.stopCheckpoints();
    this.timer = setInterval(() => {
      this.checkpoint('periodic').catch((err) =>
        this.log?.error({ err }, 'audit: point de contrôle impossible'),
      );
    }, minutes * 60_000);
    this.timer.unref();
  }

  stopCheckpoints(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Walks the chain of a département and checks every MAC, then the checkpoints kept outside the
   * database (see verify.ts).
   */
  async verify(
    departmentCode: string,
    opts: { checkpointFiles?: string[] } = {},
  ): Promise<AuditVerifyResult> {
    await this.flush();
    const files = opts.checkpointFiles ?? (this.checkpointFile ? [this.checkpointFile] : []);
    return verifyChain(this.db as Db, this.key, departmentCode, files);
  }
}
