import type { AuditAction, PersonSummary } from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { forbidden, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { personScope } from '../infra/person-scope';
import { personSummaryQuery, toPersonSummary } from '../infra/person-summary';

/** Reading a person's data, or acting on it (booking, convening, deciding): refusals say which. */
export type PersonPurpose = 'read' | 'act';

const REFUSED = 'Cette personne ne relève pas de votre périmètre.';
const deniedAction: Record<PersonPurpose, AuditAction> = {
  read: 'person.read_denied',
  act: 'person.act_denied',
};

/** A person the actor may see, as the gate loaded them (once per request). */
export interface GatedPerson {
  id: string;
  summary: PersonSummary;
  birthDate: string;
  householdId: string | null;
  /** The pôle of the household's commune. */
  hubId: string | null;
}

/**
 * The one decision on a person: 404 when unknown in the actor's département, 403 when outside the
 * actor's scope (pôle of the commune, structure of the orientation or référent, own file) — and
 * every refusal written to the audit trail. `found` is what a query that already loaded the
 * person (with `personScope` as `in_scope`) learnt, so a compiled read does not load it twice.
 */
export async function decidePersonAccess(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo | null,
  found: { in_scope: boolean | null } | undefined,
  purpose: PersonPurpose = 'read',
): Promise<void> {
  if (!found) throw notFound('Personne');
  if (found.in_scope) return;
  await ctx.audit.record({
    actor,
    action: deniedAction[purpose],
    personId,
    targetType: 'person',
    targetId: personId,
    request,
  });
  throw forbidden(REFUSED);
}

/**
 * The person if the actor may see them, loaded once per request (the route's scope check and the
 * use case share it). Runs outside any transaction: the refusal's trace must stay.
 */
export async function requirePerson(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo | null,
  purpose: PersonPurpose = 'read',
): Promise<GatedPerson> {
  // Per purpose: a refusal is traced as a refused reading or a refused act.
  const key = `person:${purpose}:${personId}`;
  const memo = request?.memo;
  const cached = memo?.get(key) as Promise<GatedPerson> | undefined;
  if (cached) return cached;
  const loading = load(ctx, actor, personId, request, purpose);
  memo?.set(key, loading);
  loading.catch(() => memo?.delete(key));
  return loading;
}

/**
 * The same decision inside a transaction (a step of a larger use case: booking, convening): the
 * refusal cannot be written in a transaction that is about to roll back, so it travels with the
 * error and the HTTP edge writes it afterwards.
 */
export async function assertPersonInScope(
  exec: Kysely<Database>,
  actor: RequestActor,
  personId: string,
  purpose: PersonPurpose = 'act',
): Promise<void> {
  const found = await exec
    .selectFrom('person as p')
    .select(sql<boolean>`coalesce(${personScope(actor)}, false)`.as('in_scope'))
    .where('p.id', '=', personId)
    .where('p.department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!found) throw notFound('Personne');
  if (found.in_scope) return;
  const refusal = forbidden(REFUSED);
  refusal.trace = { action: deniedAction[purpose], personId, targetType: 'person', targetId: personId };
  throw refusal;
}

async function load(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo | null,
  purpose: PersonPurpose,
): Promise<GatedPerson> {
  const row = await personSummaryQuery(ctx.db)
    .select([
      'p.household_id',
      'c.hub_id',
      sql<boolean>`coalesce(${personScope(actor)}, false)`.as('in_scope'),
    ])
    .where('p.id', '=', personId)
    .where('p.department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  await decidePersonAccess(ctx, actor, personId, request, row, purpose);
  const r = row!;
  return {
    id: r.id,
    summary: toPersonSummary(r, actor),
    birthDate: String(r.birth_date),
    householdId: r.household_id,
    hubId: r.hub_id,
  };
}
