import type { RunningApp } from '../../src/app';
import { parisToday } from '../../src/platform/time';

type HostileFixture = {
  as?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  expect?: number[];
};

/** A failure of the person, in SQL (a reported one: obligations of the contract not met). */
export async function seedFailure(
  app: RunningApp,
  personId: string,
  status = 'to_examine',
  factsDate = parisToday(),
) {
  const row = await app.ctx.db
    .insertInto('sanction_failure')
    .values({
      department_code: app.ctx.config.departmentCode,
      person_id: personId,
      kind: 'obligations_not_met',
      origin: 'reported',
      facts_date: factsDate,
      facts_end_date: null,
      appointment_id: null,
      orientation_id: null,
      facts: 'Obligations du contrat non respectées (essai)',
      reported_by: null,
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A sanction case of the person in a status, with the dates its steps before that status record. */
export async function seedCase(
  app: RunningApp,
  personId: string,
  status: string,
  extra: Record<string, unknown> = {},
) {
  const today = parisToday();
  const failureId = await seedFailure(app, personId, 'in_case');
  const row = await app.ctx.db
    .insertInto('sanction_case')
    .values({
      department_code: app.ctx.config.departmentCode,
      person_id: personId,
      failure_id: failureId,
      status,
      regime: 'suspension_remobilisation_2025',
      rule_set_from: '2025-06-01',
      facts_date: today,
      repeat: 1,
      household_persons: 1,
      opened_by: null,
      notice_sent_on: status === 'opened' ? null : today,
      observations_deadline: status === 'opened' ? null : today,
      ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The hostile-input walker's base requests for the failures and sanction-case routes: a failure
 * and a case of `personId` (subject to rights and duties, in the administrator's scope) in the
 * status each route needs. Later variants meet a moved case: 409 (version, status) or 422.
 */
export async function hostileSanctionFixtures(
  app: RunningApp,
  personId: string,
): Promise<Record<string, HostileFixture>> {
  const today = parisToday();
  const caseIn = async (status: string, extra: Record<string, unknown> = {}) => ({
    id: personId,
    caseId: await seedCase(app, personId, status, extra),
  });
  const moved = [200, 409, 422];
  return {
    'GET /api/persons/:id/sanctions': { params: { id: personId } },
    'POST /api/persons/:id/sanction-failures': {
      params: { id: personId },
      body: { kind: 'obligations_not_met', factsDate: today, facts: 'Absent aux ateliers prévus au contrat' },
    },
    'POST /api/persons/:id/sanction-failures/:failureId/dismiss': {
      params: { id: personId, failureId: await seedFailure(app, personId) },
      body: { version: 1, reason: 'Excuse produite après coup' },
      expect: [200, 409],
    },
    'POST /api/persons/:id/sanction-cases': {
      params: { id: personId },
      body: { failureId: await seedFailure(app, personId) },
      expect: [201, 409, 422],
    },
    'POST /api/persons/:id/sanction-cases/:caseId/notice': {
      params: await caseIn('opened'),
      body: { version: 1, sentOn: today },
      expect: moved,
    },
    'POST /api/persons/:id/sanction-cases/:caseId/observations': {
      params: await caseIn('notice_sent'),
      body: {
        version: 1,
        receivedOn: today,
        mode: 'interview',
        summary: 'Observations',
        assistedBy: 'Un proche',
      },
      expect: moved,
    },
    'POST /api/persons/:id/sanction-cases/:caseId/decision': {
      params: await caseIn('observations_received', { observations_received_on: today }),
      body: { version: 1, decidedOn: today, kind: 'no_sanction' },
      expect: moved,
    },
    'POST /api/persons/:id/sanction-cases/:caseId/notification': {
      params: await caseIn('decided', { decision_kind: 'no_sanction', decided_on: today }),
      body: { version: 1, notifiedOn: today },
      expect: moved,
    },
    'POST /api/persons/:id/sanction-cases/:caseId/end': {
      params: await caseIn('notified', {
        decision_kind: 'no_sanction',
        decided_on: today,
        notified_on: today,
      }),
      body: { version: 1, endedOn: today, reason: 'closed' },
      expect: moved,
    },
    'POST /api/persons/:id/sanction-cases/:caseId/cancel': {
      params: await caseIn('opened'),
      body: { version: 1, reason: 'Erreur de saisie' },
      expect: moved,
    },
  };
}
