import { createHash, createHmac } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditEventTable } from '../db/schema';

/** How a trace is sealed into its département's chain (ADR 0011). */
export const GENESIS = '0'.repeat(64);

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
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const SEALED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A stored trace; `occurred_at` may come already formatted (ISO, milliseconds, UTC) by SQL. */
export type StoredTrace = Omit<Selectable<AuditEventTable>, 'occurred_at' | 'seq' | 'prev_hash' | 'hash'> & {
  occurred_at: Date | string;
};

/** The chained fields of a stored trace, as they were when it was sealed. */
export function chainedFieldsOf(row: StoredTrace): ChainedFields {
  return {
    department_code: row.department_code,
    // SQL's to_char gives the sealed form directly: verification builds no Date per row.
    occurred_at:
      typeof row.occurred_at === 'string' && SEALED_INSTANT.test(row.occurred_at)
        ? row.occurred_at
        : new Date(row.occurred_at).toISOString(),
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
