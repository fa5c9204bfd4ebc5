import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { parisToday } from '../../../platform/time';
import { addCalendarDays } from '../domain/agenda';
import { PORTFOLIO_CAPS_KIND } from '../domain/portfolio-caps';
import { ensureAccountReferents } from '../infra/referent-repo';
import { storedCapSets } from './portfolio-caps';

export const DEMO_ASSIGNMENT_STRUCTURE = 'MDS Marseille 2/3';

const demoAccountLoads: { email: string; persons: number }[] = [
  { email: 'referent@parcours.test', persons: 4 },
  { email: 'responsable@parcours.test', persons: 1 },
];
/** Persons of the pôle Marseille 2/3 reoriented to the MDS by the demo (oldest first). */
const DEMO_REORIENTED = 12;
const syntheticReferents = [
  { firstName: 'Nadia', lastName: 'Démo-Benali' },
  { firstName: 'Thomas', lastName: 'Démo-Rey' },
];

/**
 * The demo's portfolios at the MDS Marseille 2/3, once, after the demo history: the référent and
 * the structure manager get their `referent` rows and a few persons each (taken over from the
 * most loaded référent of the history), two référents without account exist, and the MDS cap of
 * the demo is set to the load of the most loaded référent — so that the inbox shows loads and an
 * assignment to that référent asks for a reason (the over-cap case).
 */
export async function loadDemoPortfolios(ctx: AppContext): Promise<void> {
  const dep = ctx.config.departmentCode;
  const today = parisToday();
  const mds = await ctx.db
    .selectFrom('structure')
    .select('id')
    .where('department_code', '=', dep)
    .where('name', '=', DEMO_ASSIGNMENT_STRUCTURE)
    .executeTakeFirst();
  if (!mds) return;
  await ctx.db.transaction().execute(async (trx) => {
    await ensureAccountReferents(trx, dep, mds.id);
    const withoutAccount = await trx
      .selectFrom('referent')
      .select(sql<string>`count(*)`.as('n'))
      .where('structure_id', '=', mds.id)
      .where('account_id', 'is', null)
      .executeTakeFirstOrThrow();
    for (const r of syntheticReferents.slice(Number(withoutAccount.n))) {
      await trx
        .insertInto('referent')
        .values({
          department_code: dep,
          structure_id: mds.id,
          first_name: r.firstName,
          last_name: r.lastName,
          active_from: '2020-01-01',
        })
        .execute();
    }
    const oriented = await reorientForDemo(trx, dep, mds.id, today);
    // One in two gets a référent of a demo account; the others wait in the inbox (the oldest first).
    const toAssign = oriented.filter((_, i) => i % 2 === 1);
    let next = 0;
    for (const { email, persons } of demoAccountLoads) {
      const own = await trx
        .selectFrom('referent as r')
        .innerJoin('account as a', 'a.id', 'r.account_id')
        .select('r.id')
        .where('a.email', '=', email)
        .executeTakeFirst();
      if (!own) continue;
      for (const personId of toAssign.slice(next, next + persons)) {
        await trx
          .updateTable('referent_assignment')
          .set({ to_date: today, end_reason: `Réorientation vers ${DEMO_ASSIGNMENT_STRUCTURE}` })
          .where('person_id', '=', personId)
          .where('to_date', 'is', null)
          .execute();
        await trx
          .insertInto('referent_assignment')
          .values({
            department_code: dep,
            person_id: personId,
            referent_id: own.id,
            from_date: today,
            source: 'demo',
            reason: 'Démonstration',
          })
          .execute();
      }
      next += persons;
    }
    const sets = await storedCapSets(trx, dep);
    if (sets.some((s) => !s.builtIn)) return;
    const loads = await trx
      .selectFrom('referent_assignment as ra')
      .innerJoin('referent as r', 'r.id', 'ra.referent_id')
      .select(sql<string>`count(*)`.as('n'))
      .where('r.structure_id', '=', mds.id)
      .where('ra.to_date', 'is', null)
      .groupBy('ra.referent_id')
      .execute();
    const cap = Math.max(3, ...loads.map((l) => Number(l.n)));
    const base = sets.find((s) => s.builtIn)!;
    await trx
      .insertInto('rule_set')
      .values({
        department_code: dep,
        kind: PORTFOLIO_CAPS_KIND,
        effective_from: base.effectiveFrom,
        value: JSON.stringify({
          byKind: { ...base.byKind, mds: cap },
          globalSupportPair: base.globalSupportPair,
        }),
        source: `Démonstration : plafond des MDS ramené à ${cap} (la charge du référent le plus chargé de la ${DEMO_ASSIGNMENT_STRUCTURE}) pour montrer un dépassement`,
      })
      .execute();
  });
}

/**
 * Reorients a few persons of the pôle Marseille 2/3 (rights open, subject to rights and duties,
 * last oriented more than four months ago elsewhere) to the MDS, on days spread over the last
 * six weeks: the inbox then shows persons at every stage of their deadlines. Oldest first.
 */
async function reorientForDemo(
  trx: Kysely<Database>,
  dep: string,
  mdsId: string,
  today: string,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('person as p')
    .innerJoin('household as h', 'h.id', 'p.household_id')
    .innerJoin('commune as c', 'c.insee_code', 'h.commune_code')
    .innerJoin('insertion_hub as hub', 'hub.id', 'c.hub_id')
    .innerJoin('orientation as o', (j) =>
      j.onRef('o.person_id', '=', 'p.id').on(
        'o.id',
        '=',
        sql<string>`(SELECT lo.id FROM orientation lo WHERE lo.person_id = p.id
                     ORDER BY lo.notified_on DESC, lo.recorded_at DESC LIMIT 1)`,
      ),
    )
    .select(['p.id', 'o.id as orientation_id', 'o.entry_spell_id'])
    .where('p.department_code', '=', dep)
    .where('hub.code', '=', 'marseille-2-3')
    .where('p.rights_open', '=', true)
    .where('p.subject_to_duties', '=', true)
    .where('o.structure_id', '<>', mdsId)
    .where('o.notified_on', '<', addCalendarDays(today, -120))
    .orderBy('p.birth_name')
    .orderBy('p.first_name')
    .limit(DEMO_REORIENTED)
    .execute();
  const ids: string[] = [];
  for (const [i, r] of rows.entries()) {
    const day = addCalendarDays(today, -(40 - i * 3));
    await trx
      .insertInto('orientation')
      .values({
        department_code: dep,
        person_id: r.id,
        notified_on: day,
        decided_on: day,
        pathway: 'social',
        structure_id: mdsId,
        body_kind: 'mds',
        source: 'demo',
        entry_spell_id: r.entry_spell_id,
        previous_orientation_id: r.orientation_id,
        reorientation_reason:
          'Démonstration : famille avec enfants mineurs, accompagnement social par la MDS',
      })
      .execute();
    ids.push(r.id);
  }
  return ids;
}
