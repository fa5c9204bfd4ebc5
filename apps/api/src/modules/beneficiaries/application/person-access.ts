import { sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { forbidden, notFound } from '../../../platform/http/errors';
import { personScope } from '../infra/person-scope';

/**
 * The gate of every read of a person's data by another module: 404 outside the département,
 * 403 outside the actor's scope — the refusal is audited.
 */
export async function requirePersonInScope(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: { ip: string; id: string },
): Promise<void> {
  const p = await ctx.db
    .selectFrom('person as p')
    .select(['p.id', sql<boolean>`coalesce(${personScope(actor)}, false)`.as('in_scope')])
    .where('p.id', '=', personId)
    .where('p.department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!p) throw notFound('Personne');
  if (!p.in_scope) {
    await ctx.audit.record({
      actor,
      action: 'person.read_denied',
      personId,
      targetType: 'person',
      targetId: personId,
      request,
    });
    throw forbidden('Cette personne ne relève pas de votre périmètre.');
  }
}
