import type { RunningApp } from '../../src/app';
import { parisToday } from '../../src/platform/time';

/** The letters of sanction cases (issue 14 points 2 and 7), written in SQL for the sweep and the hostile walker. */

/** A case of the person (in the person's département) with one prior-notice letter; returns the case. */
export async function seedCaseWithLetter(
  app: RunningApp,
  personId: string,
  caseId?: string,
): Promise<string> {
  const db = app.ctx.db;
  const { department_code: dep } = await db
    .selectFrom('person')
    .select('department_code')
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const failure = await db
    .insertInto('sanction_failure')
    .values({
      department_code: dep,
      person_id: personId,
      kind: 'obligations_not_met',
      origin: 'reported',
      facts_date: parisToday(),
      facts: 'Faits (essai)',
      status: 'in_case',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const c = await db
    .insertInto('sanction_case')
    .values({
      ...(caseId ? { id: caseId } : {}),
      department_code: dep,
      person_id: personId,
      failure_id: failure.id,
      status: 'notice_sent',
      regime: 'suspension_remobilisation_2025',
      rule_set_from: '2025-06-01',
      facts_date: parisToday(),
      repeat: 1,
      household_persons: 1,
      notice_sent_on: parisToday(),
      observations_deadline: parisToday(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('message')
    .values({
      department_code: dep,
      person_id: personId,
      kind: 'sanction_notice',
      channel: 'letter',
      template_code: 'sanction_prior_notice',
      sanction_case_id: c.id,
      recipient: 'Destinataire\n1 rue de l’Essai\n13003 Marseille',
      subject: 'Information préalable',
      body: 'Courrier d’essai.',
      status: 'generated',
      data: JSON.stringify({ departmentName: 'Essai', issuedOn: parisToday(), notice: null }),
    })
    .execute();
  return c.id;
}

/** Fixed ids of the sweep's cases (the GET fixtures are built before the world is read). */
const SWEEP_CASES = {
  in: '00000000-0000-4000-8000-0000000f0001',
  str: '00000000-0000-4000-8000-0000000f0002',
  hub: '00000000-0000-4000-8000-0000000f0003',
  twin: '00000000-0000-4000-8000-0000000f0004',
  dep: '00000000-0000-4000-8000-0000000f0005',
} as const;
type SweepKey = keyof typeof SWEEP_CASES;
const sweepKeys = Object.keys(SWEEP_CASES) as SweepKey[];

/** The sweep's letters: one case with a letter per person (département 84's included). Called from `seedSweep`. */
export async function seedSweepSanctionLetters(app: RunningApp, persons: Record<string, string>) {
  for (const key of sweepKeys) await seedCaseWithLetter(app, persons[key]!, SWEEP_CASES[key]);
}

const lettersPath = (personId: string, caseId: string) =>
  `/api/persons/${personId}/sanction-cases/${caseId}/letters.pdf`;

/** GET fixtures of the sweep: each person's case, and a case asked for under another person (404). */
export const sanctionLetterSweepGets = {
  '/api/persons/:id/sanction-cases/:caseId/letters.pdf': (w: { persons: Record<string, string> }) => [
    ...sweepKeys.map((k) => lettersPath(w.persons[k]!, SWEEP_CASES[k])),
    lettersPath(w.persons.in!, SWEEP_CASES.hub),
  ],
};

/** The hostile walker's base request: a case of `personId` with its letter. */
export async function hostileSanctionLetterFixtures(app: RunningApp, personId: string) {
  return {
    'GET /api/persons/:id/sanction-cases/:caseId/letters.pdf': {
      params: { id: personId, caseId: await seedCaseWithLetter(app, personId) },
    },
  };
}
