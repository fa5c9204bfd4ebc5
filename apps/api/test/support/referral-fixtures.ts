import type { RunningApp } from '../../src/app';
import { parisToday } from '../../src/platform/time';
import type { PersonKey } from './sweep-fixtures';

/**
 * The sweep's fiches de liaison: `in` sent to an action of Association Tremplin Provence (the
 * operator operateur@parcours.test), `str` to one of Atelier Remobilisation Sud
 * (operateur.autre@parcours.test), `dep` in département 84. Written in SQL (the workflow is
 * tested in referrals.int).
 */
export async function seedSweepReferrals(
  app: RunningApp,
  persons: Record<PersonKey, string>,
  operators: { tremplin: string; atelier: string; dep: string },
): Promise<{
  referrals: Partial<Record<PersonKey, string>>;
  actions: { tremplin: string; atelier: string };
}> {
  const db = app.ctx.db;
  const action = async (dep: string, code: string, structureId: string) => {
    const a = await db
      .insertInto('insertion_action')
      .values({
        department_code: dep,
        code,
        title: `Balayage ${code}`,
        axis: 3,
        kind: 'socle',
        status: 'nouvelle',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('insertion_action_operator')
      .values({ department_code: dep, action_id: a.id, structure_id: structureId })
      .execute();
    return a.id;
  };
  const actions = {
    tremplin: await action('13', 'SW-T', operators.tremplin),
    atelier: await action('13', 'SW-A', operators.atelier),
  };
  const depAction = await action('84', 'SW-84', operators.dep);
  const referrals: Partial<Record<PersonKey, string>> = {};
  for (const [key, actionId, dep] of [
    ['in', actions.tremplin, '13'],
    ['str', actions.atelier, '13'],
    ['dep', depAction, '84'],
  ] as const) {
    const r = await db
      .insertInto('referral')
      .values({
        department_code: dep,
        person_id: persons[key],
        action_id: actionId,
        session_id: null,
        status: 'sent',
        referring_structure_id: null,
        referred_by: null,
        contract_id: null,
        message: 'Fiche du balayage',
        weekly_hours: 10,
        sent_on: '2026-01-05',
        cancel_reason: null,
        plan_step_id: null,
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    referrals[key] = r.id;
  }
  return { referrals, actions };
}

type HostileFixture = {
  as?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  expect?: number[];
};

/**
 * Base requests of the hostile-input walker for the referral routes: an action of the demo
 * operator (permanent entries), fiches of `personId` in each status a move starts from.
 */
export async function hostileReferralFixtures(
  app: RunningApp,
  personId: string,
  accounts: { referent: string; operator: string },
): Promise<Record<string, HostileFixture>> {
  const db = app.ctx.db;
  const today = parisToday();
  const tremplin = await db
    .selectFrom('structure')
    .select('id')
    .where('name', '=', 'Association Tremplin Provence')
    .executeTakeFirstOrThrow();
  const action = await db
    .insertInto('insertion_action')
    .values({
      department_code: '13',
      code: 'HI-FL',
      title: 'Action hostile',
      axis: 3,
      kind: 'socle',
      status: 'nouvelle',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('insertion_action_operator')
    .values({ department_code: '13', action_id: action.id, structure_id: tremplin.id })
    .execute();
  const seed = async (status: string) =>
    (
      await db
        .insertInto('referral')
        .values({
          department_code: '13',
          person_id: personId,
          action_id: action.id,
          session_id: null,
          status,
          referring_structure_id: null,
          referred_by: null,
          contract_id: null,
          message: null,
          weekly_hours: 6,
          sent_on: '2026-01-05',
          entered_on: status === 'entered' ? '2026-01-05' : null,
          cancel_reason: null,
          plan_step_id: null,
          closed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const [toAccept, toRefuse, toEnter, entered, toCancel] = [
    await seed('sent'),
    await seed('sent'),
    await seed('accepted'),
    await seed('entered'),
    await seed('sent'),
  ];
  const operator = accounts.operator;
  const referent = accounts.referent;
  // Version 1 the first time; later valid variants meet a newer version or another status (409).
  const moved = [200, 409];
  return {
    'GET /api/persons/:id/referrals': { as: referent, params: { id: personId } },
    'POST /api/persons/:id/referrals': {
      as: referent,
      params: { id: personId },
      body: { actionId: action.id, message: 'Essai', weeklyHours: 6 },
      expect: [201],
    },
    'POST /api/referrals/:id/cancel': {
      as: referent,
      params: { id: toCancel },
      body: { version: 1, reason: 'Essai' },
      expect: moved,
    },
    'POST /api/referrals/delays': {
      body: { effectiveFrom: '2099-01-01', answerDays: 5, source: 'Essai' },
      expect: [201, 409],
    },
    'GET /api/operator/referrals': { as: operator },
    'GET /api/operator/actions': { as: operator },
    'GET /api/operator/referrals/:id': { as: operator, params: { id: toAccept } },
    'POST /api/operator/referrals/:id/accept': {
      as: operator,
      params: { id: toAccept },
      body: { version: 1 },
      expect: moved,
    },
    'POST /api/operator/referrals/:id/refuse': {
      as: operator,
      params: { id: toRefuse },
      body: { version: 1, reason: 'Essai' },
      expect: moved,
    },
    'POST /api/operator/referrals/:id/entry': {
      as: operator,
      params: { id: toEnter },
      body: { version: 1, enteredOn: today },
      expect: moved,
    },
    'POST /api/operator/referrals/:id/exit': {
      as: operator,
      params: { id: entered },
      body: { version: 1, exitedOn: today, exitCategory: 'positive', exitType: 'cdi' },
      expect: moved,
    },
    'POST /api/operator/referrals/:id/attendance': {
      as: operator,
      params: { id: entered },
      body: { day: today, presence: 'present', halfDays: 1 },
    },
  };
}
