import { aidKinds } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { parisToday } from '../../../platform/time';

/** Synthetic yearly amounts per kind for each pôle of the demo (cents): a plausible order of size. */
const DEMO_ENVELOPES: Record<(typeof aidKinds)[number], number> = {
  meals: 1_500_000,
  travel: 3_000_000,
  accommodation: 2_000_000,
  childcare: 2_500_000,
  work_equipment: 1_500_000,
  exam_registration: 1_000_000,
  health_contract: 800_000,
  driving_licence: 4_000_000,
};

/**
 * The demo's envelopes of the current year: every kind in every pôle of the département that has
 * the aids manager's account, once (a pair already open is left as it is).
 */
export async function loadDemoAids(ctx: AppContext): Promise<void> {
  const manager = await ctx.db
    .selectFrom('account')
    .select(['id', 'department_code'])
    .where('email', '=', 'aides@parcours.test')
    .executeTakeFirst();
  if (!manager) return;
  const hubs = await ctx.db
    .selectFrom('insertion_hub')
    .select('id')
    .where('department_code', '=', manager.department_code)
    .execute();
  const year = Number(parisToday().slice(0, 4));
  const rows = hubs.flatMap((h) =>
    aidKinds.map((kind) => ({
      department_code: manager.department_code,
      year,
      kind,
      hub_id: h.id,
      amount_cents: DEMO_ENVELOPES[kind],
      updated_by: manager.id,
    })),
  );
  if (rows.length === 0) return;
  await ctx.db
    .insertInto('aid_envelope')
    .values(rows)
    .onConflict((oc) => oc.columns(['department_code', 'year', 'kind', 'hub_id']).doNothing())
    .execute();
}
