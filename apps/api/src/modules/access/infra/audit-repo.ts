import { type AuditEvent, type AuditFilter, personNameOfRow } from '@parcours/contracts';
import { sql } from 'kysely';
import { personListLabel } from '../../../platform/audit/list-read';
import type { Db } from '../../../platform/db/database';

export interface AuditFilters extends AuditFilter {
  before?: string | undefined;
  limit: number;
}

/** The journal's days are the département's: Europe/Paris, whatever the server's zone. */
const dayStart = (day: string) => sql<Date>`(${day}::date)::timestamp AT TIME ZONE 'Europe/Paris'`;
const dayEnd = (day: string) => sql<Date>`(${day}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'`;

/** « Yann LE ROUX », as the web names a person: as given, never re-cased. */
export const personDisplayName = (p: { first_name: string; birth_name: string; usual_name: string | null }) =>
  personNameOfRow(p);

function filteredQuery(db: Db, departmentCode: string, filters: AuditFilters) {
  const { personId, actorAccountId, action, from, to, before } = filters;
  let q = db
    .selectFrom('audit_event as e')
    .leftJoin('account as a', 'a.id', 'e.actor_account_id')
    .leftJoin('person as p', (j) =>
      j.onRef('p.id', '=', 'e.person_id').onRef('p.department_code', '=', 'e.department_code'),
    )
    .select([
      'e.seq',
      'e.occurred_at',
      'e.actor_account_id',
      'a.display_name',
      'a.email',
      'e.actor_role',
      'e.action',
      'e.person_id',
      'e.target_type',
      'e.target_id',
      'e.reason',
      'e.ip',
      'e.request_id',
      'e.details',
      'p.first_name',
      'p.birth_name',
      'p.usual_name',
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
  if (from) q = q.where('e.occurred_at', '>=', dayStart(from));
  if (to) q = q.where('e.occurred_at', '<', dayEnd(to));
  if (before) q = q.where(sql<boolean>`e.seq < ${before}::bigint`);
  return q.orderBy('e.seq', 'desc');
}

type Row = Awaited<ReturnType<ReturnType<typeof filteredQuery>['execute']>>[number];

/** An event, with what only the export shows: the agent's e-mail and the list's kind. */
export type AuditExportEvent = AuditEvent & { actorEmail: string | null; listKind: string | null };

function toEvent(r: Row, personFilter: boolean): AuditExportEvent {
  const details = (r.details ?? {}) as { list?: unknown };
  return {
    seq: r.seq,
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorAccountId: r.actor_account_id,
    actorName: r.display_name,
    actorEmail: r.email,
    actorRole: r.actor_role,
    action: r.action,
    personId: r.person_id,
    targetType: r.target_type,
    targetId: r.target_id,
    reason: r.reason,
    ip: r.ip,
    requestId: r.request_id,
    listLabel: r.listed_count !== null && personFilter ? personListLabel(r.details) : null,
    listedCount: r.listed_count,
    listKind: r.listed_count !== null && typeof details.list === 'string' ? details.list : null,
    personName:
      r.first_name !== null && r.birth_name !== null
        ? personDisplayName({ first_name: r.first_name, birth_name: r.birth_name, usual_name: r.usual_name })
        : null,
  };
}

/** A page of a département's audit trail, newest first. */
export async function auditPage(db: Db, departmentCode: string, filters: AuditFilters) {
  const rows = await filteredQuery(db, departmentCode, filters)
    .limit(filters.limit + 1)
    .execute();
  const page = rows.slice(0, filters.limit);
  const items = page.map((r) => {
    const { actorEmail: _email, listKind: _list, ...event } = toEvent(r, Boolean(filters.personId));
    return event;
  });
  return { items, nextBefore: rows.length > filters.limit ? (page.at(-1)?.seq ?? null) : null };
}

/** The filtered journal for an export, newest first, at most `limit` rows (with the agent's e-mail). */
export async function auditRows(db: Db, departmentCode: string, filters: AuditFilters) {
  const rows = await filteredQuery(db, departmentCode, filters).limit(filters.limit).execute();
  return rows.map((r) => toEvent(r, Boolean(filters.personId)));
}

/** The person a journal is filtered on, named (null outside the département). */
export async function auditSubject(db: Db, departmentCode: string, personId: string) {
  const p = await db
    .selectFrom('person')
    .select(['id', 'first_name', 'birth_name', 'usual_name', 'birth_date', 'sex'])
    .where('id', '=', personId)
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();
  return p
    ? {
        id: p.id,
        name: personDisplayName(p),
        birthDate: p.birth_date,
        sex: p.sex === 'M' ? ('M' as const) : ('F' as const),
      }
    : null;
}
