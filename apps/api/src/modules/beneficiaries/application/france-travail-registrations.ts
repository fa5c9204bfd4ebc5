import type { FtRegistration } from '@parcours/contracts';
import { sql } from 'kysely';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';

type FtState = FtRegistration['state'];

/**
 * The registrations of one state, newest entries first, with the count of each state. The list
 * is a bulk read of persons, written to the audit trail.
 */
export async function listRegistrations(
  ctx: AppContext,
  actor: RequestActor,
  request: RequestInfo,
  state: FtState,
) {
  const rows = await ctx.db
    .selectFrom('ft_registration as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('entry_spell as e', 'e.id', 'r.entry_spell_id')
    .select([
      'r.id',
      'r.person_id',
      'p.first_name',
      'p.usual_name',
      'p.birth_name',
      'p.birth_date',
      'p.household_role',
      'e.entry_date',
      'r.state',
      'r.ft_identifier',
      'r.reason',
      'r.batch_id',
    ])
    .where('r.department_code', '=', actor.departmentCode)
    .where('r.state', '=', state)
    .orderBy('e.entry_date', 'desc')
    .limit(500)
    .execute();
  const counts = await ctx.db
    .selectFrom('ft_registration')
    .select(['state', sql<number>`count(*)::int`.as('n')])
    .where('department_code', '=', actor.departmentCode)
    .groupBy('state')
    .execute();
  const byState = { pending: 0, exported: 0, registered: 0, rejected: 0 };
  for (const c of counts) byState[c.state as keyof typeof byState] = Number(c.n);
  await recordPersonList(
    ctx,
    actor,
    request,
    'france_travail.registrations',
    { state },
    rows.map((r) => r.person_id),
  );
  return {
    items: rows.map(
      (r): FtRegistration => ({
        id: r.id,
        personId: r.person_id,
        name: `${r.first_name} ${r.usual_name ?? r.birth_name}`,
        birthDate: r.birth_date,
        role: r.household_role,
        entryDate: r.entry_date,
        state: r.state as FtState,
        ftIdentifier: r.ft_identifier,
        reason: r.reason,
        batchId: r.batch_id,
      }),
    ),
    counts: byState,
  };
}
