import { personNameOfRow } from '@parcours/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Db } from '../../../platform/db/database';
import { forbidden, invalid } from '../../../platform/errors';

/**
 * Whose persons a portfolio or an alert list covers: a référent's own (the référent rows bound to
 * their account), a structure's for its manager (optionally one référent), any structure's for the
 * administrator, who picks it. Refusals are domain errors (403 on another structure).
 */
export interface FollowScope {
  structure: { id: string; name: string } | null;
  /** The référents the reader may filter on (manager, administrator). */
  referents: { id: string; name: string }[];
  /** Only persons assigned to these référents; null: the whole structure. */
  referentIds: string[] | null;
  /** The whole structure also covers persons oriented to it and not yet assigned. */
  includeUnassigned: boolean;
}

const EMPTY: FollowScope = { structure: null, referents: [], referentIds: [], includeUnassigned: false };

export async function resolveFollowScope(
  db: Db,
  actor: Pick<RequestActor, 'role' | 'departmentCode' | 'structureId' | 'accountId'>,
  query: { structureId?: string | undefined; referentId?: string | undefined },
): Promise<FollowScope> {
  const admin = actor.role === 'administrator';
  if (!admin && query.structureId && query.structureId !== actor.structureId)
    throw forbidden('Vous ne voyez que les personnes suivies par votre structure.');
  const structureId = admin ? (query.structureId ?? null) : actor.structureId;
  if (!structureId) return EMPTY;
  const structure = await db
    .selectFrom('structure')
    .select(['id', 'name'])
    .where('id', '=', structureId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!structure) {
    if (admin) throw invalid('structureId', 'Structure inconnue dans ce département.');
    return EMPTY;
  }
  const rows = await db
    .selectFrom('referent')
    .select(['id', 'first_name', 'last_name', 'account_id'])
    .where('structure_id', '=', structure.id)
    .where('department_code', '=', actor.departmentCode)
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  const name = (r: (typeof rows)[number]) =>
    personNameOfRow({ first_name: r.first_name, birth_name: r.last_name });
  if (actor.role === 'referent') {
    if (query.referentId) throw forbidden('Vous ne voyez que votre propre portefeuille.');
    const own = rows.filter((r) => r.account_id === actor.accountId).map((r) => r.id);
    return { structure, referents: [], referentIds: own, includeUnassigned: false };
  }
  const referents = rows.map((r) => ({ id: r.id, name: name(r) }));
  if (query.referentId) {
    if (!referents.some((r) => r.id === query.referentId))
      throw invalid('referentId', 'Ce référent n’appartient pas à la structure.');
    return { structure, referents, referentIds: [query.referentId], includeUnassigned: false };
  }
  return { structure, referents, referentIds: null, includeUnassigned: true };
}

/**
 * What a list of followed persons shows of a person (alias `p`) and of their current référent
 * (alias `r`, joined through the open `referent_assignment`).
 */
export const personAndReferentColumns = [
  'p.id',
  'p.first_name',
  'p.birth_name',
  'p.usual_name',
  'r.id as referent_id',
  'r.first_name as referent_first_name',
  'r.last_name as referent_last_name',
] as const;

/**
 * The persons a scope follows (alias `p`): a current assignment to one of its référents, or — the
 * whole structure — oriented to it (latest orientation) and not assigned to anyone yet.
 */
export function followedBy(scope: FollowScope): Expression<SqlBool> {
  if (!scope.structure || (scope.referentIds && scope.referentIds.length === 0)) return sql<SqlBool>`false`;
  const referents = scope.referentIds
    ? sql<SqlBool>`fr.id IN (${sql.join(scope.referentIds)})`
    : sql<SqlBool>`fr.structure_id = ${scope.structure.id}`;
  const assigned = sql<SqlBool>`EXISTS (SELECT 1 FROM referent_assignment fa JOIN referent fr ON fr.id = fa.referent_id
    WHERE fa.person_id = p.id AND fa.to_date IS NULL AND ${referents})`;
  if (!scope.includeUnassigned) return assigned;
  return sql<SqlBool>`(${assigned} OR (
    NOT EXISTS (SELECT 1 FROM referent_assignment ua WHERE ua.person_id = p.id AND ua.to_date IS NULL)
    AND (SELECT uo.structure_id FROM orientation uo WHERE uo.person_id = p.id
         ORDER BY uo.notified_on DESC, uo.recorded_at DESC LIMIT 1) = ${scope.structure.id}))`;
}
