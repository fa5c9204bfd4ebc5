import type { RunningApp } from '../../src/app';
import { parisToday } from '../../src/platform/time';
import { seedCase } from './sanction-fixtures';

/** EP sessions (issue 14 point 4): sessions, referrals and agenda items written in SQL for the tests. */

type HostileFixture = {
  as?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  expect?: number[];
};

export async function hubIdOf(app: RunningApp, code: string): Promise<string> {
  const row = await app.ctx.db
    .selectFrom('insertion_hub')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedEpSession(
  app: RunningApp,
  hubId: string,
  status = 'planned',
  extra: { id?: string; sessionDate?: string; departmentCode?: string } = {},
): Promise<string> {
  const row = await app.ctx.db
    .insertInto('ep_session')
    .values({
      ...(extra.id ? { id: extra.id } : {}),
      department_code: extra.departmentCode ?? app.ctx.config.departmentCode,
      hub_id: hubId,
      session_date: extra.sessionDate ?? parisToday(),
      start_time: '09:30',
      place: 'Salle du conseil',
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A case of the person (observations received) submitted to the EP of `hubId`. */
export async function seedReferral(
  app: RunningApp,
  personId: string,
  hubId: string,
  proposedOutcome = 'removal',
  caseStatus = 'observations_received',
): Promise<{ caseId: string; referralId: string }> {
  const today = parisToday();
  const caseId = await seedCase(app, personId, caseStatus, { observations_received_on: today });
  const row = await app.ctx.db
    .insertInto('ep_referral')
    .values({
      department_code: app.ctx.config.departmentCode,
      person_id: personId,
      case_id: caseId,
      hub_id: hubId,
      proposed_outcome: proposedOutcome,
      reason: null,
      submitted_on: today,
      submitted_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { caseId, referralId: row.id };
}

export async function seedAgendaItem(
  app: RunningApp,
  sessionId: string,
  referralId: string,
  personId: string,
  opinion: string | null = null,
): Promise<string> {
  const row = await app.ctx.db
    .insertInto('ep_agenda_item')
    .values({
      department_code: app.ctx.config.departmentCode,
      session_id: sessionId,
      referral_id: referralId,
      person_id: personId,
      opinion,
      reasoning: opinion ? 'Avis motivé (essai)' : null,
      hearing: opinion ? 'absent' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The hostile-input walker's base requests for the EP routes: sessions of the administrator's
 * département (pôle Marseille 2/3) in the status each route needs, a referral of `personId` (in
 * the administrator's scope) on their agenda. Later variants meet a moved session: 409 or 422.
 */
export async function hostileEpFixtures(
  app: RunningApp,
  personId: string,
): Promise<Record<string, HostileFixture>> {
  const today = parisToday();
  const hub = await hubIdOf(app, 'marseille-2-3');
  const moved = [200, 201, 404, 409, 422];
  const session = async (status: string) => seedEpSession(app, hub, status);
  const withItem = async (status: string) => {
    const id = await session(status);
    const { referralId } = await seedReferral(app, personId, hub);
    const itemId = await seedAgendaItem(app, id, referralId, personId);
    return { id, itemId };
  };
  const withMember = async (status: string) => {
    const id = await session(status);
    const m = await app.ctx.db
      .insertInto('ep_session_member')
      .values({
        department_code: app.ctx.config.departmentCode,
        session_id: id,
        name: 'Membre essai',
        quality: 'caf',
        detail: null,
        present: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, memberId: m.id };
  };
  const held = await withItem('held');
  return {
    'GET /api/ep-sessions': { query: { hubId: hub } },
    'POST /api/ep-sessions': {
      body: { hubId: hub, sessionDate: today, startTime: '14:00', place: 'Salle 2' },
      expect: [201],
    },
    'GET /api/ep-sessions/:id': { params: { id: await session('planned') } },
    'POST /api/ep-sessions/:id/members': {
      params: { id: await session('planned') },
      body: { name: 'Mme Élue', quality: 'president', detail: null },
      expect: moved,
    },
    'POST /api/ep-sessions/:id/members/:memberId/presence': {
      params: await withMember('held'),
      body: { present: true },
      expect: moved,
    },
    'POST /api/ep-sessions/:id/members/:memberId/remove': {
      params: await withMember('planned'),
      expect: moved,
    },
    'POST /api/ep-sessions/:id/agenda': {
      params: { id: await session('planned') },
      body: { referralId: (await seedReferral(app, personId, hub)).referralId },
      expect: moved,
    },
    'POST /api/ep-sessions/:id/agenda/:itemId/remove': {
      params: await withItem('planned'),
      expect: moved,
    },
    'POST /api/ep-sessions/:id/agenda/:itemId/invitation': {
      params: await withItem('planned'),
      body: { invitedOn: today },
      expect: moved,
    },
    'POST /api/ep-sessions/:id/agenda/:itemId/opinion': {
      params: held,
      body: { opinion: 'favourable', reasoning: 'Motivation', hearing: 'present', representedBy: null },
      expect: moved,
    },
    'POST /api/ep-sessions/:id/hold': {
      params: { id: await session('planned') },
      body: { version: 1 },
      expect: moved,
    },
    'POST /api/ep-sessions/:id/close': {
      params: { id: await session('held') },
      body: { version: 1, signedOn: today },
      expect: moved,
    },
    'POST /api/ep-sessions/:id/postpone': {
      params: { id: await session('planned') },
      body: { version: 1, sessionDate: '2099-01-05', startTime: '10:00', reason: 'Quorum non atteint' },
      expect: moved,
    },
    'POST /api/ep-sessions/:id/cancel': {
      params: { id: await session('planned') },
      body: { version: 1, reason: 'Erreur de saisie' },
      expect: moved,
    },
    'GET /api/ep-sessions/:id/minutes.pdf': { params: { id: held.id } },
    'POST /api/persons/:id/sanction-cases/:caseId/ep-referral': {
      params: { id: personId, caseId: await seedCase(app, personId, 'observations_received') },
      body: { submittedOn: today, proposedOutcome: 'removal', reason: 'Manquements répétés' },
      expect: [201, 409, 422],
    },
  };
}

// ---- Authorization sweep -----------------------------------------------------------------------------

/** Fixed ids of the sweep's sessions (the GET fixtures are built before the world is read). */
export const EP_SWEEP_SESSIONS = {
  m23: '00000000-0000-4000-8000-0000000e0001',
  aix: '00000000-0000-4000-8000-0000000e0002',
  dep: '00000000-0000-4000-8000-0000000e0003',
} as const;
const EP_SWEEP_ITEMS = {
  m23: '00000000-0000-4000-8000-0000000e0011',
  aix: '00000000-0000-4000-8000-0000000e0012',
} as const;
const EP_SWEEP_MEMBERS = {
  m23: '00000000-0000-4000-8000-0000000e0021',
  aix: '00000000-0000-4000-8000-0000000e0022',
} as const;

/**
 * The sweep's EP world: a held session per pôle of the département with the case of one of its
 * persons on the agenda ('in' for Marseille 2/3, 'hub' for Aix-Gardanne) and a member, and a
 * session of département 84. Called once from `seedSweep`.
 */
export async function seedSweepEp(
  app: RunningApp,
  persons: Record<string, string>,
  hubs: { m23: string; aix: string; dep: string },
): Promise<void> {
  for (const [key, personKey] of [
    ['m23', 'in'],
    ['aix', 'hub'],
  ] as const) {
    const id = await seedEpSession(app, hubs[key], 'held', { id: EP_SWEEP_SESSIONS[key] });
    const { referralId } = await seedReferral(app, persons[personKey]!, hubs[key]);
    await app.ctx.db
      .insertInto('ep_agenda_item')
      .values({
        id: EP_SWEEP_ITEMS[key],
        department_code: '13',
        session_id: id,
        referral_id: referralId,
        person_id: persons[personKey]!,
      })
      .execute();
    await app.ctx.db
      .insertInto('ep_session_member')
      .values({
        id: EP_SWEEP_MEMBERS[key],
        department_code: '13',
        session_id: id,
        name: 'Membre balayage',
        quality: 'caf',
      })
      .execute();
  }
  await seedEpSession(app, hubs.dep, 'held', { id: EP_SWEEP_SESSIONS.dep, departmentCode: '84' });
}

type Account = { email: string; role: string };
const sessionsOutOf = (a: Account): string[] => {
  const own = a.role === 'administrator' ? ['m23', 'aix'] : a.email.includes('.aix@') ? ['aix'] : ['m23'];
  return (Object.keys(EP_SWEEP_SESSIONS) as (keyof typeof EP_SWEEP_SESSIONS)[])
    .filter((k) => !own.includes(k))
    .map((k) => EP_SWEEP_SESSIONS[k]);
};
const itemOf = (session: string) =>
  session === EP_SWEEP_SESSIONS.m23 ? EP_SWEEP_ITEMS.m23 : EP_SWEEP_ITEMS.aix;
const memberOf = (session: string) =>
  session === EP_SWEEP_SESSIONS.m23 ? EP_SWEEP_MEMBERS.m23 : EP_SWEEP_MEMBERS.aix;

/** GET fixtures of the sweep: every session (in and out of the reader's pôle), per pôle filter. */
export const epSweepGets = {
  '/api/ep-sessions': (w: { hubs: Record<string, string> }) =>
    Object.values(w.hubs).map((h) => `/api/ep-sessions?hubId=${h}`),
  '/api/ep-sessions/:id': () => Object.values(EP_SWEEP_SESSIONS).map((id) => `/api/ep-sessions/${id}`),
  '/api/ep-sessions/:id/minutes.pdf': () =>
    Object.values(EP_SWEEP_SESSIONS).map((id) => `/api/ep-sessions/${id}/minutes.pdf`),
};

/** Calls on the sessions of the other pôles (and of département 84): 403 or 404, nothing changed. */
const onOtherSessions = (suffix: (id: string) => string, body: unknown) => (_w: unknown, a: Account) =>
  sessionsOutOf(a).map((id) => ({ path: `/api/ep-sessions/${id}${suffix(id)}`, body }));

export const epSweepMutations = {
  // A pôle role creates for its own pôle only: another pôle's is refused (422, nothing written).
  'POST /api/ep-sessions': {
    calls: (w: { hubs: Record<string, string> }, a: Account) =>
      a.role === 'administrator'
        ? [
            {
              path: '/api/ep-sessions',
              body: { hubId: w.hubs.dep, sessionDate: '2099-01-05', startTime: '09:00', place: 'x' },
            },
          ]
        : [
            {
              path: '/api/ep-sessions',
              body: {
                hubId: a.email.includes('.aix@') ? w.hubs.m23 : w.hubs.aix,
                sessionDate: '2099-01-05',
                startTime: '09:00',
                place: 'x',
              },
            },
          ],
    accept: [403, 404, 422],
  },
  'POST /api/ep-sessions/:id/members': {
    calls: onOtherSessions(() => '/members', { name: 'Intrus', quality: 'other' }),
  },
  'POST /api/ep-sessions/:id/members/:memberId/presence': {
    calls: onOtherSessions((id) => `/members/${memberOf(id)}/presence`, { present: true }),
  },
  'POST /api/ep-sessions/:id/members/:memberId/remove': {
    calls: onOtherSessions((id) => `/members/${memberOf(id)}/remove`, undefined),
  },
  'POST /api/ep-sessions/:id/agenda': {
    calls: onOtherSessions(() => '/agenda', { referralId: '00000000-0000-4000-8000-0000000000cc' }),
  },
  'POST /api/ep-sessions/:id/agenda/:itemId/remove': {
    calls: onOtherSessions((id) => `/agenda/${itemOf(id)}/remove`, undefined),
  },
  'POST /api/ep-sessions/:id/agenda/:itemId/invitation': {
    calls: onOtherSessions((id) => `/agenda/${itemOf(id)}/invitation`, { invitedOn: parisToday() }),
  },
  'POST /api/ep-sessions/:id/agenda/:itemId/opinion': {
    calls: onOtherSessions((id) => `/agenda/${itemOf(id)}/opinion`, {
      opinion: 'favourable',
      reasoning: 'Intrusion',
      hearing: 'absent',
    }),
  },
  'POST /api/ep-sessions/:id/hold': { calls: onOtherSessions(() => '/hold', { version: 1 }) },
  'POST /api/ep-sessions/:id/close': {
    calls: onOtherSessions(() => '/close', { version: 1, signedOn: parisToday() }),
  },
  'POST /api/ep-sessions/:id/postpone': {
    calls: onOtherSessions(() => '/postpone', { version: 1, sessionDate: '2099-01-05', reason: 'Intrusion' }),
  },
  'POST /api/ep-sessions/:id/cancel': {
    calls: onOtherSessions(() => '/cancel', { version: 1, reason: 'Intrusion' }),
  },
  // The person gate refuses before the case is looked up.
  'POST /api/persons/:id/sanction-cases/:caseId/ep-referral': {
    calls: (w: { persons: Record<string, string> }, a: Account & { scope: readonly string[] }) =>
      Object.entries(w.persons)
        .filter(([k]) => !a.scope.includes(k))
        .map(([, id]) => ({
          path: `/api/persons/${id}/sanction-cases/00000000-0000-4000-8000-0000000000cc/ep-referral`,
          body: { submittedOn: parisToday(), proposedOutcome: 'removal' },
        })),
  },
};
