import type { RunningApp } from '../../../apps/api/src/app';
import { parisDate } from '../../../apps/api/src/modules/accompaniment/domain/agenda';

type Db = RunningApp['ctx']['db'];

/** The Paris date `n` days ago. */
export const daysAgo = (n: number) => parisDate(new Date(Date.now() - n * 86_400_000));

/** The demo's MDS Marseille 2/3, where the assignment journeys happen. */
export async function mdsId(db: Db): Promise<string> {
  const mds = await db
    .selectFrom('structure')
    .select('id')
    .where('name', '=', 'MDS Marseille 2/3')
    .executeTakeFirstOrThrow();
  return mds.id;
}

/** The person's social orientation to the structure, notified and decided `days` days ago. */
export async function orientTo(db: Db, structureId: string, personId: string, days: number) {
  await db
    .insertInto('orientation')
    .values({
      department_code: '13',
      person_id: personId,
      notified_on: daysAgo(days),
      decided_on: daysAgo(days),
      pathway: 'social',
      structure_id: structureId,
      source: 'test',
    })
    .execute();
}

/**
 * Hélène Complète, a référent of the structure already at the cap of the journeys' dated caps (3):
 * the three persons `followed` makes (Suivi1…3) assigned to her 80 days ago.
 */
export async function referentAtCap(db: Db, structureId: string, followed: (i: number) => Promise<string>) {
  const full = await db
    .insertInto('referent')
    .values({
      department_code: '13',
      structure_id: structureId,
      first_name: 'Hélène',
      last_name: 'Complète',
      active_from: '2020-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 1; i <= 3; i++) {
    const id = await followed(i);
    await db
      .insertInto('referent_assignment')
      .values({
        department_code: '13',
        person_id: id,
        referent_id: full.id,
        from_date: daysAgo(80),
        source: 'test',
      })
      .execute();
  }
}

/** The journeys' dated caps: 3 persons per référent of an MDS, so that Hélène Complète is full. */
export async function capMdsAtThree(db: Db) {
  const byKind = { mds: 3, ccas: 150, lieu_accueil: 150, plie: 80, mission_locale: 100 };
  await db
    .insertInto('rule_set')
    .values({
      department_code: '13',
      kind: 'portfolio_caps',
      effective_from: '2020-01-01',
      value: JSON.stringify({ byKind, globalSupportPair: 70 }),
      source: 'Parcours de test : plafond MDS à 3',
    })
    .execute();
}
