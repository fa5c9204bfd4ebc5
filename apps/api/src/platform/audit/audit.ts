import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

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
  targetType?: string | null;
  targetId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  request?: { ip: string; id: string } | null;
}

const GENESIS = '0'.repeat(64);

interface ChainedFields {
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
}

/** Hash of a trace: its own fields plus the previous trace's hash, so any edit breaks the chain. */
export function chainHash(prevHash: string, f: ChainedFields): string {
  const canonical = JSON.stringify([
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
  ]);
  return createHash('sha256').update(canonical).digest('hex');
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

export class AuditTrail {
  constructor(private readonly db: Db) {}

  /** Appends a trace. Inside `trx` when given, so the trace commits or rolls back with the fact. */
  async record(input: AuditInput, trx?: Transaction<Database>): Promise<void> {
    if (trx) return this.append(trx, input);
    await this.db.transaction().execute((t) => this.append(t, input));
  }

  /** The one-liner later capabilities use: "this agent read this person's file". */
  personRead(actor: AuditActor, personId: string, request: AuditInput['request'], reason?: string) {
    return this.record({
      actor,
      action: 'person.read',
      personId,
      targetType: 'person',
      targetId: personId,
      reason,
      request,
    });
  }

  private async append(trx: Transaction<Database>, input: AuditInput): Promise<void> {
    const departmentCode = input.actor?.departmentCode ?? input.departmentCode;
    if (!departmentCode) throw new Error('audit: department code is required');
    // One chain per département; the lock orders concurrent writers.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${departmentCode}`}))`.execute(trx);
    const last = await trx
      .selectFrom('audit_event')
      .select('hash')
      .where('department_code', '=', departmentCode)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const fields: ChainedFields = {
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
    };
    const prevHash = last?.hash ?? GENESIS;
    await trx
      .insertInto('audit_event')
      .values({ ...fields, prev_hash: prevHash, hash: chainHash(prevHash, fields) })
      .execute();
  }

  /** Walks the chain of a département in pages; reports the first trace that does not match. */
  async verify(departmentCode: string): Promise<{
    ok: boolean;
    checked: number;
    brokenAtSeq: string | null;
    reason: string | null;
  }> {
    let prevHash = GENESIS;
    let afterSeq = '0';
    let checked = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_event')
        .selectAll()
        .where('department_code', '=', departmentCode)
        .where(sql<boolean>`seq > ${afterSeq}::bigint`)
        .orderBy('seq')
        .limit(5000)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        checked++;
        if (row.prev_hash !== prevHash) {
          return {
            ok: false,
            checked,
            brokenAtSeq: row.seq,
            reason: 'chaînage rompu (trace supprimée ou insérée)',
          };
        }
        const expected = chainHash(prevHash, {
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
        });
        if (expected !== row.hash) {
          return { ok: false, checked, brokenAtSeq: row.seq, reason: 'contenu modifié' };
        }
        prevHash = row.hash;
        afterSeq = row.seq;
      }
    }
    return { ok: true, checked, brokenAtSeq: null, reason: null };
  }
}
