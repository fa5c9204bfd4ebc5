import { type ActionInput, api } from '@parcours/contracts';
import type { RunningApp } from '../../src/app';
import type { Client } from './harness';
import { createTestPerson } from './messaging-fixtures';

/** An action typed in by an administrator (the tests never depend on the 2020 annex being loaded). */
export function actionBody(code: string, over: Partial<ActionInput> = {}): ActionInput {
  return {
    code,
    title: `Action d’essai ${code}`,
    axis: 3,
    kind: 'socle',
    status: 'nouvelle',
    publics: [],
    thematiques: [],
    phases: [],
    indicators: [],
    ...over,
  };
}

export async function createAction(admin: Client, code: string, over: Partial<ActionInput> = {}) {
  const res = await admin.call(api.catalogue.createAction, { body: actionBody(code, over) });
  if (res.status !== 201) throw new Error(`createAction ${code}: ${res.status} ${res.text}`);
  return res.body;
}

export async function createSession(
  admin: Client,
  actionId: string,
  over: Partial<{
    label: string;
    startsOn: string;
    endsOn: string;
    capacity: number;
    communeCode: string;
  }> = {},
) {
  const res = await admin.call(api.catalogue.createSession, {
    params: { id: actionId },
    body: {
      label: 'Session d’essai',
      startsOn: '2026-01-05',
      endsOn: '2099-06-30',
      capacity: 5,
      place: 'Salle d’essai',
      communeCode: '13203',
      weeklyHours: 12,
      ...over,
    },
  });
  if (res.status !== 201) throw new Error(`createSession: ${res.status} ${res.text}`);
  return res.body;
}

let n = 0;
/** A referral row written directly (the referral workflow is another slice's). */
export async function addReferral(
  app: RunningApp,
  actionId: string,
  sessionId: string | null,
  status: string,
) {
  n++;
  const personId = await createTestPerson(app, { firstName: 'Camille', lastName: `Catalogue${n}` });
  await app.ctx.db
    .insertInto('referral')
    .values({
      department_code: '13',
      person_id: personId,
      action_id: actionId,
      session_id: sessionId,
      status,
      sent_on: '2026-01-05',
    })
    .execute();
  return personId;
}

/** Base requests of the catalogue's routes for the hostile-input walker (an action and two sessions, SQL). */
export async function hostileCatalogueFixtures(app: RunningApp) {
  const db = app.ctx.db;
  const action = await db
    .insertInto('insertion_action')
    .values({
      department_code: '13',
      code: 'HI-CAT',
      title: 'Action du catalogue hostile',
      axis: 3,
      kind: 'socle',
      status: 'nouvelle',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = (label: string) =>
    db
      .insertInto('action_session')
      .values({
        department_code: '13',
        action_id: action.id,
        label,
        starts_on: '2099-01-05',
        ends_on: '2099-03-27',
        capacity: 10,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const edited = await session('Session hostile');
  const cancelled = await session('Session hostile à annuler');
  const sessionBody = {
    label: 'Session hostile',
    startsOn: '2099-01-05',
    endsOn: '2099-03-27',
    place: 'Salle',
    communeCode: '13203',
    capacity: 10,
    weeklyHours: 7.5,
  };
  return {
    'GET /api/catalogue/actions/:id': { params: { id: action.id } },
    'PUT /api/catalogue/actions/:id': {
      params: { id: action.id },
      body: { ...actionBody('HI-CAT', { title: 'Action du catalogue hostile' }), version: 1 },
    },
    'PUT /api/catalogue/actions/:id/operators': {
      params: { id: action.id },
      body: { structureIds: [], version: 2 },
      // The version moves with each accepted edit of the action: a 409 also shows validation passed.
      expect: [200, 409],
    },
    'PUT /api/catalogue/actions/:id/territories': {
      params: { id: action.id },
      body: { territories: [{ lot: 'Lot 1', hubId: null, communeCode: '13203' }], version: 3 },
      expect: [200, 409],
    },
    'POST /api/catalogue/actions/:id/sessions': { params: { id: action.id }, body: sessionBody },
    'PUT /api/catalogue/sessions/:id': { params: { id: edited.id }, body: { ...sessionBody, version: 1 } },
    'POST /api/catalogue/sessions/:id/cancel': { params: { id: cancelled.id }, body: { version: 1 } },
  };
}
