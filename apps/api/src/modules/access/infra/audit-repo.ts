import type { AuditEvent } from '@parcours/contracts';
import { sql } from 'kysely';
import { personListLabel } from '../../../platform/audit/list-read';
import type { Db } from '../../../platform/db/database';

export interface AuditFilters {
  personId?: string | undefined;
  actorAccountId?: string | undefined;
  action?: string | undefined;
  before?: string | undefined;
  limit: number;
}

/** A page of a département's audit trail, newest first. */
export async function auditPage(db: Db, departmentCode: string, filters: AuditFilters) {
  const { personId, actorAccountId, action, before, limit } = filters;
  let q = db
    .selectFrom('audit_event as e')
    .leftJoin('account as a', 'a.id', 'e.actor_account_id')
    .select([
      'e.seq',
      'e.occurred_at',
      'e.actor_account_id',
      'a.display_name',
      'e.actor_role',
      'e.action',
      'e.person_id',
      'e.target_type',
      'e.target_id',
      'e.reason',
      'e.ip',
      'e.request_id',
      'e.details',
      sql<number | null>`cardinality(e.person_ids)`.as('listed_count'),
    ])
    .where('e.department_code', '=', departmentCode);
  // Who accessed a file: its own reads and the lists (search, queue, exports) it appeared in.
  if (personId)
    q = q.where((eb) =>
      eb.or([eb('e.person_id', '=', personId), sql<boolean>`e.person_ids @> ARRAY[${personId}]::uuid[]`]),
    );
  if (actorAccountId) q = q.where('e.actor_account_id', '=', actorAccountId);
  if (action) q = q.where('e.action', '=', action);
  if (before) q = q.where(sql<boolean>`e.seq < ${before}::bigint`);
  const rows = await q
    .orderBy('e.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const items: AuditEvent[] = page.map((r) => ({
    seq: r.seq,
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorAccountId: r.actor_account_id,
    actorName: r.display_name,
    actorRole: r.actor_role,
    action: r.action,
    personId: r.person_id,
    targetType: r.target_type,
    targetId: r.target_id,
    reason: r.reason,
    ip: r.ip,
    requestId: r.request_id,
    listLabel: r.listed_count !== null && personId ? personListLabel(r.details) : null,
    listedCount: r.listed_count,
  }));
  return { items, nextBefore: rows.length > limit ? (page.at(-1)?.seq ?? null) : null };
}
