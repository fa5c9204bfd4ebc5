import { roleScopeKind } from '@parcours/contracts';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Database } from '../../../platform/db/schema';
import { slotQuery } from './agenda-repo';

type ScopeActor = Pick<RequestActor, 'role' | 'departmentCode' | 'hubId' | 'structureId'>;

/**
 * Which agendas an actor works with, as a SQL condition on `agenda_slot s`: the pôle's slots for
 * pôle roles, the structure's for structure roles, the whole département for département roles.
 */
export function slotScope(actor: ScopeActor): Expression<SqlBool> {
  const dep = sql<SqlBool>`s.department_code = ${actor.departmentCode}`;
  switch (roleScopeKind[actor.role]) {
    case 'department':
      return actor.role === 'steering' ? sql<SqlBool>`false` : dep;
    case 'hub':
      return actor.hubId ? sql<SqlBool>`${dep} AND s.hub_id = ${actor.hubId}` : sql<SqlBool>`false`;
    case 'structure':
      return actor.structureId
        ? sql<SqlBool>`${dep} AND s.structure_id = ${actor.structureId}`
        : sql<SqlBool>`false`;
    case 'person':
      return sql<SqlBool>`false`;
  }
}

/** The same rule on a loaded row (slot or appointment: both carry hub and structure). */
export function inAgendaScope(
  actor: ScopeActor,
  row: { department_code: string; hub_id: string | null; structure_id: string | null },
): boolean {
  if (row.department_code !== actor.departmentCode) return false;
  switch (roleScopeKind[actor.role]) {
    case 'department':
      return actor.role !== 'steering';
    case 'hub':
      return !!actor.hubId && row.hub_id === actor.hubId;
    case 'structure':
      return !!actor.structureId && row.structure_id === actor.structureId;
    case 'person':
      return false;
  }
}

/** Where the slots an agent creates belong: their pôle or their structure. */
export function slotOwner(actor: ScopeActor): { hubId: string | null; structureId: string | null } | null {
  switch (roleScopeKind[actor.role]) {
    case 'hub':
      return actor.hubId ? { hubId: actor.hubId, structureId: null } : null;
    case 'structure':
      return actor.structureId ? { hubId: null, structureId: actor.structureId } : null;
    default:
      return null;
  }
}

/**
 * The slots an actor works with that start in [start, end), optionally of one pôle: only
 * département-wide roles choose a pôle; the others always see their own agenda.
 */
export function scopedSlotsBetween(
  db: Kysely<Database>,
  actor: ScopeActor,
  period: { start: Date; end: Date; hubId?: string | undefined },
) {
  let q = slotQuery(db)
    .where(slotScope(actor))
    .where('s.starts_at', '>=', period.start)
    .where('s.starts_at', '<', period.end);
  const hubId = period.hubId;
  if (hubId && roleScopeKind[actor.role] === 'department')
    q = q.where((eb) => eb.or([eb('s.hub_id', '=', hubId), eb('st.hub_id', '=', hubId)]));
  return q;
}
