import { roleScopeKind } from '@parcours/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';

/**
 * Which persons an actor may see, as a SQL condition on `person p`:
 * the département for département-wide roles, the pôle of the household's commune for pôle roles,
 * the persons oriented to or followed by the structure for structure roles, oneself for a beneficiary.
 */
export function personScope(
  actor: Pick<RequestActor, 'role' | 'departmentCode' | 'hubId' | 'structureId' | 'personId'>,
): Expression<SqlBool> {
  const dep = sql<SqlBool>`p.department_code = ${actor.departmentCode}`;
  switch (roleScopeKind[actor.role]) {
    case 'department':
      return actor.role === 'steering' ? sql<SqlBool>`false` : dep;
    case 'hub':
      return sql<SqlBool>`${dep} AND EXISTS (
        SELECT 1 FROM household sh JOIN commune sc ON sc.insee_code = sh.commune_code
        WHERE sh.id = p.household_id AND sc.hub_id = ${actor.hubId})`;
    case 'structure':
      return sql<SqlBool>`${dep} AND (
        EXISTS (SELECT 1 FROM referent_assignment sa JOIN referent sr ON sr.id = sa.referent_id
                WHERE sa.person_id = p.id AND sa.to_date IS NULL AND sr.structure_id = ${actor.structureId})
        OR (SELECT so.structure_id FROM orientation so WHERE so.person_id = p.id
            ORDER BY so.notified_on DESC, so.recorded_at DESC LIMIT 1) = ${actor.structureId})`;
    case 'person':
      return sql<SqlBool>`p.id = ${actor.personId}`;
  }
}
