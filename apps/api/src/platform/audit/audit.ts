import { createHash, createHmac } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { AuditEventTable, Database } from '../db/schema';
import {
  type AuditCheckpoint,
  appendCheckpoints,
  checkpointSignatureOk,
  readCheckpoints,
  signCheckpoint,
} from './checkpoints';
import type { AuditKey } from './key';
import { ViewDedupe } from './view-dedupe';

export interface AuditActor {
  accountId: string;
  role: string;
  departmentCode: string;
}

export interface AuditInput {
  actor: AuditActor | null;
  /** Needed when there is no actor (failed login of an unknown e-mail, system job). */
  departmentCode?: string;
  action: string;
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

const GENESIS = '0'.repeat(64);
/** Rows per multi-row INSERT of the group commit (15 parameters each, far below PostgreSQL's limit). */
const MAX_BATCH = 500;

export interface ChainedFields {
  department_code: string;
  occurred_at: string;
  actor_account_id: string | null;
  actor_role: string | null;
  action: string;
  person_id: string | null;
  target_type: string | null;
  target_id: string | null;
  reason: string | null;
  ip: string | null;
  request_id: string | null;
  details: string;
  person_ids: string[] | null;
}

function canonical(prevHash: string, f: ChainedFields, withPersonIds: boolean): string {
  const parts: unknown[] = [
    prevHash,
    f.department_code,
    f.occurred_at,
    f.actor_account_id,
    f.actor_role,
    f.action,
    f.person_id,
    f.target_type,
    f.target_id,
    f.reason,
    f.ip,
    f.request_id,
    f.details,
  ];
  if (withPersonIds) parts.push(f.person_ids);
  return JSON.stringify(parts);
}

/**
 * Chain value of a trace up to version 0.7 (before migration 0007): a plain SHA-256 anyone can
 * recompute. Kept only to verify the traces written before the switch-over.
 */
export function legacyChainHash(prevHash: string, f: Omit<ChainedFields, 'person_ids'>): string {
  return createHash('sha256')
    .update(canonical(prevHash, { ...f, person_ids: null }, false))
    .digest('hex');
}

/** Chain value of a trace: HMAC-SHA-256 of its fields and the previous value, keyed outside the database. */
export function chainMac(key: Buffer, prevHash: string, f: ChainedFields): string {
  return createHmac('sha256', key)
    .update(canonical(prevHash, f, true))
    .digest('hex');
}

/** Stable JSON (sorted keys) so the hash does not depend on how jsonb reorders keys. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The chained fields of a stored trace, as they were when it was sealed. */
export function chainedFieldsOf(row: Selectable<AuditEventTable>): ChainedFields {
  return {
    department_code: row.department_code,
    occurred_at: new Date(row.occurred_at).toISOString(),
    actor_account_id: row.actor_account_id,
    actor_role: row.actor_role,
    action: row.action,
    person_id: row.person_id,
    target_type: row.target_type,
    target_id: row.target_id,
    reason: row.reason,
    ip: row.ip,
    request_id: row.request_id,
    details: stableJson(row.details),
    person_ids: uuidArray(row.person_ids),
  };
}

/** uuid[] as read back: an array (node-postgres, PGlite) or, for an unknown parser, '{a,b}'. */
function uuidArray(value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String);
  const text = String(value);
  if (text === '{}') return [];
  return text.replace(/^\{|\}$/g, '').split(',');
}

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
    const values = rows.map((fields) => {
      const hash = chainMac(this.key.key, prevHash, fields);
      const row = { ...fields, prev_hash: prevHash, hash };
      prevHash = hash;
      return row;
    });
    // VALUES are numbered in order by the sequence: seq order is chain order.
    await trx.insertInto('audit_event').values(values).execute();
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
   * Walks the chain of a département in pages and checks every MAC, then the checkpoints kept
   * outside the database: a checkpoint naming a trace that is gone reveals a cut tail.
   */
  async verify(
    departmentCode: string,
    opts: { checkpointFiles?: string[] } = {},
  ): Promise<AuditVerifyResult> {
    await this.flush();
    const db = this.db as Db;
    const files = opts.checkpointFiles ?? (this.checkpointFile ? [this.checkpointFile] : []);
    const checkpoints = files
      .flatMap((f) => readCheckpoints(f))
      .filter((c) => c.checkpoint.departmentCode === departmentCode);
    const start = await db
      .selectFrom('audit_chain_start')
      .select('legacy_until_seq')
      .where('department_code', '=', departmentCode)
      .executeTakeFirst();
    const legacyUntil = BigInt(start?.legacy_until_seq ?? '0');
    const base = {
      missingFrom: null,
      missingTo: null,
      checkpoints: checkpoints.length,
      lastCheckpointSeq: null,
    };
    const fail = (
      checked: number,
      brokenAtSeq: string | null,
      reason: string,
      extra: Partial<AuditVerifyResult> = {},
    ) => ({ ...base, ok: false, checked, brokenAtSeq, reason, ...extra }) satisfies AuditVerifyResult;

    const expected = new Map<string, { mac: string; source: string }>();
    let lastCheckpointSeq: bigint | null = null;
    for (const { checkpoint: c, source } of checkpoints) {
      if (c.keyId !== this.key.id) {
        return fail(0, null, `point de contrôle scellé par une autre clé que AUDIT_KEY (${source})`);
      }
      if (!checkpointSignatureOk(this.key, c)) return fail(0, null, `point de contrôle falsifié (${source})`);
      if (BigInt(c.legacyUntilSeq) !== legacyUntil) {
        return fail(0, null, `début du chaînage par clé modifié (table audit_chain_start ; ${source})`);
      }
      expected.set(c.seq, { mac: c.mac, source });
      if (lastCheckpointSeq === null || BigInt(c.seq) > lastCheckpointSeq) lastCheckpointSeq = BigInt(c.seq);
    }

    let prevHash = GENESIS;
    let checked = 0;
    const key = this.key.key;
    // Pages of the chain in seq order; the next page is fetched while this one is checked.
    const page = (afterSeq: string) =>
      db
        .selectFrom('audit_event')
        .select([
          'seq',
          'department_code',
          // The instant as it was sealed (ISO, milliseconds, UTC), without building a Date per row.
          sql<string>`to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(
            'occurred_at',
          ),
          'actor_account_id',
          'actor_role',
          'action',
          'person_id',
          'target_type',
          'target_id',
          'reason',
          'ip',
          'request_id',
          'details',
          'person_ids',
          'prev_hash',
          'hash',
        ])
        .where('department_code', '=', departmentCode)
        .where(sql<boolean>`seq > ${afterSeq}::bigint`)
        .orderBy('seq')
        .limit(10_000)
        .execute();
    let next = page('0');
    for (;;) {
      const rows = await next;
      if (rows.length === 0) break;
      next = page(rows.at(-1)!.seq);
      // An early return leaves it unawaited: its failure must not be unhandled.
      next.catch(() => {});
      for (const row of rows) {
        checked++;
        if (row.prev_hash !== prevHash) {
          return fail(checked, row.seq, 'chaînage rompu (trace supprimée ou insérée)');
        }
        const fields: ChainedFields = {
          department_code: row.department_code,
          occurred_at: row.occurred_at,
          actor_account_id: row.actor_account_id,
          actor_role: row.actor_role,
          action: row.action,
          person_id: row.person_id,
          target_type: row.target_type,
          target_id: row.target_id,
          reason: row.reason,
          ip: row.ip,
          request_id: row.request_id,
          details: stableJson(row.details),
          person_ids: uuidArray(row.person_ids),
        };
        const legacy = legacyUntil > 0n && BigInt(row.seq) <= legacyUntil;
        const value = legacy
          ? fields.person_ids === null
            ? legacyChainHash(prevHash, fields)
            : null
          : chainMac(key, prevHash, fields);
        if (value !== row.hash) return fail(checked, row.seq, 'contenu modifié');
        const cp = expected.get(row.seq);
        if (cp) {
          if (cp.mac !== row.hash) {
            return fail(checked, row.seq, `trace différente de celle du point de contrôle (${cp.source})`);
          }
          expected.delete(row.seq);
        }
        prevHash = row.hash;
      }
    }
    const last = lastCheckpointSeq === null ? null : lastCheckpointSeq.toString();
    if (expected.size > 0) {
      // Checkpointed traces that are gone: the tail (or a part of it) was cut.
      const seqs = [...expected.keys()].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const first = seqs[0]!;
      const before = await db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('department_code', '=', departmentCode)
        .where(sql<boolean>`seq < ${first.toString()}::bigint`)
        .executeTakeFirst();
      const from = (before?.seq ? BigInt(before.seq) + 1n : 1n).toString();
      const to = seqs.at(-1)!.toString();
      return fail(checked, from, `traces manquantes n° ${from} à ${to} (nommées par un point de contrôle)`, {
        missingFrom: from,
        missingTo: to,
        lastCheckpointSeq: last,
      });
    }
    return { ...base, ok: true, checked, brokenAtSeq: null, reason: null, lastCheckpointSeq: last };
  }
}
