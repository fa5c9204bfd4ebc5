import { roleScopeKind } from '@parcours/contracts';
import type { RunningApp } from '../../src/app';
import { parisInstant } from '../../src/modules/accompaniment';
import { parisToday } from '../../src/platform/time';
import { createTestPerson } from './messaging-fixtures';
import { seedCase } from './sanction-fixtures';
import type { SweepAccount, SweepWorld } from './sweep-fixtures';

type HostileFixture = {
  as?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  expect?: number[];
};

const DAY_MS = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The Monday `weeks` weeks after the next one (sessions of a test never share a week). */
export function mondayIn(weeks: number, from = parisToday()): string {
  const weekday = new Date(`${from}T00:00:00Z`).getUTCDay() || 7;
  return addDays(from, 8 - weekday + weeks * 7);
}

export const sasPattern: { weekday: number; halfDay: 'morning' | 'afternoon' }[] = [
  { weekday: 1, halfDay: 'morning' },
  { weekday: 1, halfDay: 'afternoon' },
  { weekday: 4, halfDay: 'morning' },
];

/** A person whose allocation is suspended: a notified suspension (50 % for 2 months). */
export async function suspend(app: RunningApp, personId: string) {
  const today = parisToday();
  return seedCase(app, personId, 'notified', {
    decision_kind: 'sanction',
    percent: 50,
    months: 2,
    decided_on: today,
    notified_on: today,
  });
}

export async function accountIdOf(app: RunningApp, email: string) {
  const row = await app.ctx.db
    .selectFrom('account')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Time passes: every planned meeting of the session (and its slot) moved `days` days back. */
export async function shiftSessionBack(app: RunningApp, sessionId: string, days: number) {
  const meetings = await app.ctx.db
    .selectFrom('sas_meeting')
    .select(['id', 'starts_at', 'ends_at', 'on_date', 'slot_id'])
    .where('session_id', '=', sessionId)
    .execute();
  for (const m of meetings) {
    const startsAt = new Date(new Date(m.starts_at).getTime() - days * DAY_MS);
    const endsAt = new Date(new Date(m.ends_at).getTime() - days * DAY_MS);
    await app.ctx.db
      .updateTable('sas_meeting')
      .set({ starts_at: startsAt, ends_at: endsAt, on_date: addDays(String(m.on_date).slice(0, 10), -days) })
      .where('id', '=', m.id)
      .execute();
    if (m.slot_id)
      await app.ctx.db
        .updateTable('agenda_slot')
        .set({ starts_at: startsAt, ends_at: endsAt })
        .where('id', '=', m.slot_id)
        .execute();
  }
}

/**
 * A session in SQL (its meetings without agenda slots), `startDate` a Monday: for fixtures that
 * need a session in a given state without going through the agenda checks.
 */
export async function seedSasSession(
  app: RunningApp,
  opts: { hubCode?: string; hubId?: string; startDate: string; capacity?: number; status?: string },
) {
  const db = app.ctx.db;
  let hubQuery = db.selectFrom('insertion_hub').select(['id', 'department_code']);
  hubQuery = opts.hubId
    ? hubQuery.where('id', '=', opts.hubId)
    : hubQuery.where('code', '=', opts.hubCode ?? 'marseille-2-3');
  const hub = await hubQuery.executeTakeFirstOrThrow();
  const session = await db
    .insertInto('sas_session')
    .values({
      department_code: hub.department_code,
      hub_id: hub.id,
      structure_id: null,
      animator_account_id: null,
      label: 'Session de test du SAS',
      start_date: opts.startDate,
      weeks: 4,
      half_days_per_week: 3,
      place: 'Salle de test',
      capacity: opts.capacity ?? 10,
      status: opts.status ?? 'open',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meetingIds: string[] = [];
  let position = 0;
  for (let w = 0; w < 4; w++) {
    for (const p of sasPattern) {
      position++;
      const date = addDays(opts.startDate, w * 7 + p.weekday - 1);
      const [start, end] = p.halfDay === 'morning' ? ['09:00', '12:00'] : ['14:00', '17:00'];
      const row = await db
        .insertInto('sas_meeting')
        .values({
          department_code: hub.department_code,
          session_id: session.id,
          position,
          week: w + 1,
          on_date: date,
          half_day: p.halfDay,
          starts_at: parisInstant(date, start)!,
          ends_at: parisInstant(date, end)!,
          slot_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      meetingIds.push(row.id);
    }
  }
  return { sessionId: session.id, meetingIds };
}

/** An enrolment of the person in SQL, in a status, with the dates that status records. */
export async function seedSasEnrolment(
  app: RunningApp,
  personId: string,
  status: string,
  sessionId: string | null,
  extra: Record<string, unknown> = {},
) {
  const today = parisToday();
  const caseId = await suspend(app, personId);
  const row = await app.ctx.db
    .insertInto('sas_enrolment')
    .values({
      department_code: app.ctx.config.departmentCode,
      person_id: personId,
      session_id: status === 'requested' ? null : sessionId,
      case_id: caseId,
      status,
      requested_on: today,
      enrolled_on: status === 'requested' ? null : today,
      ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The hostile-input walker's base requests for the SAS routes (as the administrator): each route
 * gets its own fresh person of the département, so the one-request-per-person rule does not answer
 * 409 to the base request. Later variants meet a moved record: 409/422.
 */
export async function hostileSasFixtures(app: RunningApp): Promise<Record<string, HostileFixture>> {
  const today = parisToday();
  let n = 0;
  const freshPerson = () => createTestPerson(app, { firstName: 'Hostile', lastName: `Sas${++n}` });
  const hub = await app.ctx.db
    .selectFrom('insertion_hub')
    .select('id')
    .where('code', '=', 'marseille-2-3')
    .executeTakeFirstOrThrow();
  const moved = [200, 409, 422];
  const animator = await accountIdOf(app, 'orientation@parcours.test');
  const running = await seedSasSession(app, { startDate: mondayIn(20) });
  const enrolled = async (status: string, extra: Record<string, unknown> = {}) => {
    const id = await freshPerson();
    return { id, enrolmentId: await seedSasEnrolment(app, id, status, running.sessionId, extra) };
  };
  const suspendedPerson = await freshPerson();
  await suspend(app, suspendedPerson);
  // Attendance is recorded for a meeting already begun: one of a session shifted to the past.
  const past = await seedSasSession(app, { startDate: mondayIn(-6) });
  const attendee = await freshPerson();
  const attendeeEnrolment = await seedSasEnrolment(app, attendee, 'enrolled', past.sessionId);
  const toCancel = await seedSasSession(app, { startDate: mondayIn(22) });
  return {
    'GET /api/sas/sessions/:id': { params: { id: running.sessionId } },
    'POST /api/sas/sessions': {
      body: {
        hubId: hub.id,
        animatorAccountId: animator,
        label: 'Session hostile',
        startDate: mondayIn(30),
        pattern: sasPattern,
        place: 'Salle',
        capacity: 10,
      },
      // Later valid variants meet the first one on the animator's agenda (409).
      expect: [201, 409],
    },
    'POST /api/sas/sessions/:id/cancel': {
      params: { id: toCancel.sessionId },
      body: { version: 1, reason: 'Essai' },
      expect: moved,
    },
    'POST /api/sas/sessions/:id/meetings/:meetingId/move': {
      params: { id: running.sessionId, meetingId: running.meetingIds[0]! },
      body: { version: 1, date: mondayIn(21), halfDay: 'afternoon' },
      expect: moved,
    },
    'POST /api/sas/sessions/:id/meetings/:meetingId/cancel': {
      params: { id: running.sessionId, meetingId: running.meetingIds[1]! },
      body: { version: 1, reason: 'Essai' },
      expect: moved,
    },
    'GET /api/persons/:id/sas': { params: { id: suspendedPerson } },
    'POST /api/persons/:id/sas-enrolments': {
      params: { id: suspendedPerson },
      body: { requestedOn: today, sessionId: running.sessionId },
      expect: [201, 409, 422],
    },
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/enrol': {
      params: await enrolled('requested'),
      body: { version: 1, sessionId: running.sessionId },
      expect: moved,
    },
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/attendance': {
      params: { id: attendee, enrolmentId: attendeeEnrolment },
      body: { meetingId: past.meetingIds[0]!, status: 'present' },
      expect: moved,
    },
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/end': {
      params: await enrolled('enrolled'),
      body: { version: 1, endedOn: today, outcome: 'abandoned', note: 'Essai' },
      expect: moved,
    },
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/commitment': {
      params: await enrolled('enrolled'),
      body: { version: 1, committedOn: today, kind: 'pathway', pathway: 'Parcours social' },
      expect: moved,
    },
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/decision': {
      params: await enrolled('abandoned', { ended_on: today }),
      body: { version: 1, decidedOn: today, outcome: 'refused', reason: 'Session abandonnée' },
      expect: moved,
    },
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/cancel': {
      params: await enrolled('requested'),
      body: { version: 1, reason: 'Essai' },
      expect: moved,
    },
  };
}

/** The authorization sweep's calls of the SAS routes on persons out of the caller's scope. */
export function sweepSasMutations(today: string, unknownId: string) {
  const enrolmentCall = (step: string, body: Record<string, unknown>) => ({
    calls: (w: SweepWorld, a: SweepAccount) =>
      Object.entries(w.persons)
        .filter(([p]) => !(a.scope as string[]).includes(p))
        .map(([, id]) => ({ path: `/api/persons/${id}/sas-enrolments/${unknownId}/${step}`, body })),
  });
  return {
    'POST /api/persons/:id/sas-enrolments': {
      calls: (w: SweepWorld, a: SweepAccount) =>
        Object.entries(w.persons)
          .filter(([p]) => !(a.scope as string[]).includes(p))
          .map(([, id]) => ({ path: `/api/persons/${id}/sas-enrolments`, body: { requestedOn: today } })),
    },
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/enrol': enrolmentCall('enrol', {
      version: 1,
      sessionId: unknownId,
    }),
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/attendance': enrolmentCall('attendance', {
      meetingId: unknownId,
      status: 'present',
    }),
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/end': enrolmentCall('end', {
      version: 1,
      endedOn: today,
      outcome: 'abandoned',
    }),
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/commitment': enrolmentCall('commitment', {
      version: 1,
      committedOn: today,
      kind: 'pathway',
      pathway: 'balayage',
    }),
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/decision': enrolmentCall('decision', {
      version: 1,
      decidedOn: today,
      outcome: 'refused',
      reason: 'balayage',
    }),
    'POST /api/persons/:id/sas-enrolments/:enrolmentId/cancel': enrolmentCall('cancel', {
      version: 1,
      reason: 'balayage',
    }),
  };
}

// ---- The authorization sweep ------------------------------------------------------------------------

type SweepSas = { m23: string; aix: string; dep: string; meetings: Record<string, string> };
const sasOf = (w: SweepWorld) => (w as SweepWorld & { sas: SweepSas }).sas;

/**
 * Sessions of the sweep's world (one per pôle: Marseille 2/3, Aix, and département 84's) with the
 * persons `in` and `str` enrolled in Marseille 2/3's and `hub` in Aix's. Call once after
 * `seedSweep`; the result is kept on the world (`w.sas`).
 */
export async function seedSweepSas(app: RunningApp, w: SweepWorld): Promise<void> {
  const start = mondayIn(40);
  const sessions: Record<string, string> = {};
  const meetings: Record<string, string> = {};
  for (const key of ['m23', 'aix', 'dep'] as const) {
    const s = await seedSasSession(app, { hubId: w.hubs[key], startDate: start });
    sessions[key] = s.sessionId;
    meetings[s.sessionId] = s.meetingIds[0]!;
  }
  for (const [person, key] of [
    ['in', 'm23'],
    ['str', 'm23'],
    ['hub', 'aix'],
  ] as const)
    await seedSasEnrolment(app, w.persons[person], 'enrolled', sessions[key]!);
  Object.assign(w, { sas: { ...sessions, meetings } as SweepSas });
}

/** The sweep's GET fixtures of the SAS routes. */
export const sweepSasGets: Record<string, (w: SweepWorld) => string[]> = {
  '/api/sas/sessions': () => [],
  '/api/sas/sessions/:id': (w) =>
    [sasOf(w).m23, sasOf(w).aix, sasOf(w).dep].map((id) => `/api/sas/sessions/${id}`),
  '/api/persons/:id/sas': (w) =>
    Object.entries(w.persons)
      .filter(([k]) => k !== 'dep2')
      .map(([, id]) => `/api/persons/${id}/sas`),
};

/** Sessions out of an account's reach: another pôle's, another département's; all for structures. */
function sessionsOutOf(a: SweepAccount, s: SweepSas): string[] {
  const kind = roleScopeKind[a.role];
  if (kind === 'department') return [s.dep];
  if (kind === 'hub') return a.email.includes('.aix@') ? [s.m23, s.dep] : [s.aix, s.dep];
  return [s.m23, s.aix, s.dep];
}

/** The sweep's state-changing calls of the SAS session routes (sessions out of the caller's reach). */
export function sweepSasSessionMutations() {
  const sessionCall =
    (step: (id: string, s: SweepSas) => string, body: Record<string, unknown>) =>
    (w: SweepWorld, a: SweepAccount) =>
      sessionsOutOf(a, sasOf(w)).map((id) => ({ path: step(id, sasOf(w)), body }));
  return {
    'POST /api/sas/sessions': {
      whole: 'sas.manage' as const,
      call: () => ({
        path: '/api/sas/sessions',
        body: {
          animatorAccountId: '00000000-0000-4000-8000-0000000000cc',
          label: 'balayage',
          startDate: mondayIn(50),
          pattern: sasPattern,
          place: 'balayage',
          capacity: 10,
        },
      }),
    },
    'POST /api/sas/sessions/:id/cancel': {
      calls: sessionCall((id) => `/api/sas/sessions/${id}/cancel`, { version: 1, reason: 'balayage' }),
    },
    'POST /api/sas/sessions/:id/meetings/:meetingId/move': {
      calls: sessionCall((id, s) => `/api/sas/sessions/${id}/meetings/${s.meetings[id]}/move`, {
        version: 1,
        date: mondayIn(41),
        halfDay: 'afternoon',
      }),
    },
    'POST /api/sas/sessions/:id/meetings/:meetingId/cancel': {
      calls: sessionCall((id, s) => `/api/sas/sessions/${id}/meetings/${s.meetings[id]}/cancel`, {
        version: 1,
        reason: 'balayage',
      }),
    },
  };
}

/**
 * The workflows walker's seed: an enrolment of a fresh person in `status`, with what every target
 * status needs (a session, a commitment, a reinstatement date): the walk moves the status alone.
 */
export async function seedSasWorkflowRow(app: RunningApp, status: string): Promise<string> {
  const personId = await createTestPerson(app, { firstName: 'Cycle', lastName: 'Sas' });
  const { sessionId } = await seedSasSession(app, { startDate: mondayIn(60) });
  return seedSasEnrolment(app, personId, status, sessionId, {
    session_id: sessionId,
    commitment_kind: 'pathway',
    pathway: 'Parcours',
    reinstated_from: parisToday(),
  });
}
