import {
  errorCodes,
  hasPermission,
  type Permission,
  type Role,
  roles,
  structureKinds,
} from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningApp } from '../src/app';
import { DEMO_PASSWORD } from '../src/demo/load-demo';
import { createAccount } from '../src/modules/access/application/accounts';
import type { RegisteredRoute } from '../src/platform/http/access';
import { hostileAidFixtures } from './support/aid-fixtures';
import { hostileCafFixtures } from './support/caf-fixtures';
import { hostileCatalogueFixtures } from './support/catalogue-fixtures';
import { hostileEpFixtures } from './support/ep-fixtures';
import { vrsb } from './support/flux-xml';
import { demoAccountOf, engines, startTestApp } from './support/harness';
import { hostileImmersionFixtures } from './support/immersion-fixtures';
import {
  daysAgo,
  fixtureLines,
  importLines,
  personIdOf,
  structureIdOf,
} from './support/orientation-fixtures';
import { hostileReferralFixtures } from './support/referral-fixtures';
import { hostileSanctionFixtures } from './support/sanction-fixtures';
import { hostileSanctionLetterFixtures } from './support/sanction-letter-fixtures';
import { hostileSasFixtures } from './support/sas-fixtures';

/**
 * Hostile input on every registered route: each param, query and body field receives NUL bytes,
 * impossible dates, huge numbers, 10 kB strings, wrong types and unknown enum values. The answer is
 * never a 5xx; a refusal is JSON with a stable code and a French message. Routes are read from the
 * registry, so a new route is walked without changing this file — and fails it until the walker can
 * build a valid base request for it (a fixture below).
 */

const today = daysAgo(0);
const SMS_SECRET = 'secret-du-fournisseur-de-sms-de-test';
/** The error handler's answer to a value only the database refused: the edge validation missed it. */
const DATABASE_NET = 'Une valeur envoyée est invalide (date, nombre ou texte).';
const inDays = (n: number) => daysAgo(-n);

const accountOf = demoAccountOf;
/** The administrator when the permission is theirs, else the first role that has it (pôle accounts). */
const rolesByPreference: Role[] = ['administrator', 'orientation_advisor', 'medical_team', 'referent'];

const IMPOSSIBLE_DATES = ['2026-02-30', '2026-02-29', '0000-00-00', '9999-12-31', '2026-13-01'];
/** Text values for any field, param or query. */
const HOSTILE_STRINGS = [
  'ab\u0000cd',
  ...IMPOSSIBLE_DATES,
  '31/02/2000',
  '1e309',
  '99999999999999999999',
  '-1',
  '2147483648',
  'x'.repeat(10_000),
  'valeur-inconnue',
  '',
];
/** JSON tokens written as they are into a body: numbers JSON.stringify cannot write, wrong types. */
const HOSTILE_TOKENS = [
  '1e309',
  '99999999999999999999',
  '-1',
  '2147483648',
  '0.5',
  '[]',
  '{}',
  '{"a":{"b":[1]}}',
  '42',
  'true',
  'null',
];

interface Fixture {
  /** Who calls (default: the administrator, or the first role holding the permission). */
  as?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A non-JSON body (uploads). */
  raw?: { contentType: string; data: string };
  /** Statuses of the base request that show it passed validation (default: 2xx or 3xx). */
  expect?: number[];
  /** A session of its own (the route ends or changes it). */
  fresh?: boolean;
  headers?: Record<string, string>;
}

interface Sent {
  method: string;
  url: string;
  query?: Record<string, string | string[]>;
  payload?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

type Session = { cookie: string; csrf: string } | null;

describe.each(engines)('hostile input (%s)', (engine) => {
  let app: RunningApp;
  let fixtures: Record<string, Fixture>;
  const sessions = new Map<string, Session>();

  async function login(email: string): Promise<Session> {
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: DEMO_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
    return {
      cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      csrf: res.json().csrfToken,
    };
  }
  async function sessionOf(email: string | null | undefined): Promise<Session> {
    if (!email) return null;
    if (!sessions.has(email)) sessions.set(email, await login(email));
    return sessions.get(email)!;
  }
  async function send(session: Session, r: Sent) {
    const headers: Record<string, string> = {};
    if (session) {
      headers.cookie = session.cookie;
      if (r.method !== 'GET') headers['x-csrf-token'] = session.csrf;
    }
    if (r.payload !== undefined) headers['content-type'] = r.contentType ?? 'application/json';
    // The request's own headers win: the hostile ones are tested too.
    Object.assign(headers, r.headers);
    const res = await app.app.inject({
      method: r.method as 'GET',
      url: r.url,
      query: r.query,
      headers,
      payload: r.payload,
    });
    let json: unknown;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json, type: String(res.headers['content-type'] ?? '') };
  }
  const json = (session: Session, method: string, url: string, body?: unknown) =>
    send(session, { method, url, payload: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    // The login route is walked like the others: its throttling (tested elsewhere) would only slow it.
    app = await startTestApp(engine, { loginThrottleAfter: 1_000_000, smsCallbackSecret: SMS_SECRET });
    const ctx = app.ctx;
    await importLines(
      app,
      fixtureLines('hi-', [
        {
          key: 'h-1',
          members: [
            { key: 'p1', role: 'DEM', birthDate: '1978-09-09', firstName: 'Hostile', birthName: 'Un' },
          ],
          rights: [{ date: daysAgo(12), status: 'open', subjectToDuties: true }],
        },
        {
          key: 'h-2',
          members: [
            { key: 'p2', role: 'DEM', birthDate: '1981-03-04', firstName: 'Hostile', birthName: 'Deux' },
          ],
          rights: [{ date: daysAgo(10), status: 'open', subjectToDuties: true }],
        },
        {
          key: 'h-3',
          members: [
            { key: 'p3', role: 'DEM', birthDate: '1990-07-14', firstName: 'Hostile', birthName: 'Trois' },
          ],
          rights: [{ date: daysAgo(8), status: 'open', subjectToDuties: true }],
        },
      ]),
    );
    const p1 = await personIdOf(app, 'hi-p1');
    const p2 = await personIdOf(app, 'hi-p2');
    const p3 = await personIdOf(app, 'hi-p3');
    await ctx.db
      .updateTable('household')
      .set({
        street_number: '3',
        street_name: 'place Jules Guesde',
        postal_code: '13003',
        commune_name: 'Marseille',
      })
      .where('claim_number', 'in', ['hi-h-1', 'hi-h-2', 'hi-h-3'])
      .execute();
    const advisor = await sessionOf(accountOf.orientation_advisor);
    const admin = await sessionOf(accountOf.administrator);

    // Slots of the advisor's pôle: one to book, one to reschedule to, one to cancel, one per convocation.
    const slots = await json(advisor, 'POST', '/api/agenda/slots', {
      kind: 'individual',
      purpose: 'orientation',
      date: inDays(3),
      // After the demo agenda's last interview (16:15) so no day of the week can overlap it.
      startTime: '16:30',
      durationMinutes: 30,
      place: 'Salle 1',
      capacity: 1,
      weeks: 6,
    });
    if (slots.status !== 201) throw new Error(`slots: ${JSON.stringify(slots.json)}`);
    const slotIds = (slots.json as { items: { id: string }[] }).items.map((s) => s.id);
    const booked = await json(advisor, 'POST', '/api/appointments', { personId: p2, slotId: slotIds[0] });
    if (booked.status !== 201) throw new Error(`booking: ${JSON.stringify(booked.json)}`);
    const appointment = booked.json as { id: string; version: number };
    const convened = await json(advisor, 'POST', '/api/orientation/convocations', {
      personIds: [p1],
      slotId: slotIds[1],
    });
    if (convened.status >= 300) throw new Error(`convocation: ${JSON.stringify(convened.json)}`);
    const batchId = (convened.json as { batchId: string }).batchId;

    const diagnosis = await json(advisor, 'POST', `/api/persons/${p1}/diagnoses`, {
      diagnosedOn: today,
      employmentSituation: 'unavailable',
      obstacles: [{ themeId: 'sante', severity: 'severe', comment: 'Difficultés de santé' }],
    });
    if (diagnosis.status !== 201) throw new Error(`diagnosis: ${JSON.stringify(diagnosis.json)}`);
    const healthTeam = await structureIdOf(app, 'Équipe médicale du pôle Marseille 2/3');
    const mdsM23 = await structureIdOf(app, 'MDS Marseille 2/3');
    const decided = await json(advisor, 'POST', `/api/persons/${p1}/orientations`, {
      pathway: 'health',
      structureId: healthTeam,
      decidedOn: today,
    });
    if (decided.status !== 201) throw new Error(`decision: ${JSON.stringify(decided.json)}`);
    const decision = decided.json as {
      orientation: { id: string };
      letterMessageId: string;
      medicalReferralId: string;
    };
    const referral = decision.medicalReferralId;

    const hubs = (await json(admin, 'GET', '/api/territory/hubs')).json as {
      items: { id: string; name: string; code: string; version: number }[];
    };
    const hub = hubs.items.find((h) => h.code === 'marseille-2-3')!;
    const structures = (await json(admin, 'GET', '/api/territory/structures')).json as {
      items: { id: string; version: number; name: string; kind: string; hubId: string | null }[];
    };
    const structure = structures.items.find((s) => s.id === healthTeam)!;
    const templates = (await json(admin, 'GET', '/api/messaging/templates')).json as {
      items: { id: string; subject: string | null; body: string; version: number }[];
    };
    const template = templates.items[0]!;
    const spare = await createAccount(
      ctx,
      null,
      {
        email: 'cible.hostile@parcours.test',
        displayName: 'Compte Cible',
        role: 'aids_manager',
        hubId: null,
        structureId: null,
        password: DEMO_PASSWORD,
      },
      null,
    );
    for (const email of ['session.hostile@parcours.test', 'sessions.hostile@parcours.test'])
      await createAccount(
        ctx,
        null,
        {
          email,
          displayName: 'Compte Session',
          role: 'steering',
          hubId: null,
          structureId: null,
          password: DEMO_PASSWORD,
        },
        null,
      );
    await createAccount(
      ctx,
      null,
      {
        email: 'motdepasse.hostile@parcours.test',
        displayName: 'Compte Mot de passe',
        role: 'aids_manager',
        hubId: null,
        structureId: null,
        password: DEMO_PASSWORD,
      },
      null,
    );
    const fluxRun = await ctx.db
      .insertInto('flux_run')
      .values({
        department_code: '13',
        file_name: 'essai.xml',
        format: 'xml',
        content_hash: 'x',
        size_bytes: 1,
        status: 'applied',
        report: '{}',
        actor_account_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ftBatch = await json(admin, 'POST', '/api/france-travail/batches');
    const failedJob = await ctx.db
      .insertInto('job')
      .values({
        department_code: '13',
        queue: 'hostile.noop',
        payload: '{}',
        status: 'failed',
        attempts: 1,
        max_attempts: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const historyNdjson = `${JSON.stringify({ kind: 'hub', id: 'marseille-2-3', name: 'Marseille 2/3', communes: ['13202', '13203'] })}\n`;
    // Documents of a file: one to download, one to withdraw.
    const documentPdf = '%PDF-1.4\n% document de test\n%%EOF\n';
    const addDocument = async () => {
      const res = await send(admin, {
        method: 'POST',
        url: `/api/persons/${p1}/documents`,
        query: { kind: 'cv', fileName: 'cv.pdf' },
        payload: documentPdf,
        contentType: 'application/pdf',
      });
      if (res.status !== 201) throw new Error(`document: ${JSON.stringify(res.json)}`);
      return (res.json as { id: string }).id;
    };
    const documentId = await addDocument();
    const withdrawnId = await addDocument();

    // A contract of engagement of p1, drafted by the référent of its structure (MDS Marseille 2/3).
    const contractReferent = await app.ctx.db
      .insertInto('referent')
      .values({
        department_code: '13',
        structure_id: mdsM23,
        first_name: 'Hostile',
        last_name: 'Référent',
        active_from: '2020-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .insertInto('referent_assignment')
      .values({
        department_code: '13',
        person_id: p1,
        referent_id: contractReferent.id,
        from_date: today,
        source: 'test',
      })
      .execute();
    const contractContent = {
      startDate: today,
      endDate: inDays(180),
      bodyCommitments: 'Un rendez-vous par mois.',
      personCommitments: 'Suivre la formation.',
      hoursRegime: 'standard',
      reducedReason: null,
      exemptionGround: null,
      childUnder12Statement: false,
      plan: [
        {
          objectiveId: 'choisir_un_metier.confirmer_son_choix_de_metier',
          kind: 'training',
          actionId: null,
          label: 'Formation',
          weeklyHours: 15,
          startDate: today,
          endDate: inDays(180),
        },
      ],
    };
    const referentSession = await sessionOf(accountOf.referent);
    const newContract = async () => {
      const res = await json(referentSession, 'POST', `/api/persons/${p1}/contracts`, {
        content: contractContent,
        renewsContractId: null,
      });
      if (res.status !== 201) throw new Error(`contract: ${JSON.stringify(res.json)}`);
      return (res.json as { id: string }).id;
    };
    const contractId = await newContract();
    const cancelledContractId = await newContract();

    const medical = accountOf.medical_team;
    // Individual aids: a contract in force of p1, an envelope, aids and an order (SQL).
    const aidFixtures = await hostileAidFixtures(app, p1, {
      referent: accountOf.referent,
      manager: accountOf.aids_manager,
    });
    const immersionFixtures = await hostileImmersionFixtures(app, p1, { referent: accountOf.referent });
    const sanctionFixtures = await hostileSanctionFixtures(app, p1);
    const sasFixtures = await hostileSasFixtures(app);
    const cafFixtures = await hostileCafFixtures(app, p1);
    const sanctionLetterFixtures = await hostileSanctionLetterFixtures(app, p1);
    const epFixtures = await hostileEpFixtures(app, p1);
    const referralFixtures = await hostileReferralFixtures(app, p1, {
      referent: accountOf.referent,
      operator: accountOf.operator,
    });
    // Budgets of the offer (issue 12): an action of the 2020 annex, loaded with the demo.
    const annexAction = await app.ctx.db
      .selectFrom('insertion_action')
      .select('id')
      .where('department_code', '=', app.ctx.config.departmentCode)
      .where('code', '=', '3-4')
      .executeTakeFirstOrThrow();
    // The catalogue (issue 12): an action and sessions of its own.
    const catalogueFixtures = await hostileCatalogueFixtures(app);
    // A value of the convention's table (issue 13), loaded by the demo.
    const conventionValue = await app.ctx.db
      .selectFrom('convention_value')
      .select('id')
      .where('department_code', '=', app.ctx.config.departmentCode)
      .limit(1)
      .executeTakeFirstOrThrow();
    fixtures = {
      ...catalogueFixtures,
      ...aidFixtures,
      ...immersionFixtures,
      ...sanctionFixtures,
      ...sasFixtures,
      ...cafFixtures,
      ...sanctionLetterFixtures,
      ...epFixtures,
      ...referralFixtures,
      'PUT /api/offer/actions/:id/budgets/:year': {
        params: { id: annexAction.id, year: '2021' },
        body: { amountCents: 100, stateShareCents: 50, departmentShareCents: 50 },
      },
      // Version 1 the first time; later valid variants meet a newer version (409).
      'PUT /api/convention/values/:id': {
        as: 'pilotage@parcours.test',
        params: { id: conventionValue.id },
        body: { value: '12', comment: 'Essai', version: 1 },
        expect: [200, 409],
      },
      'GET /api/convention/values/:id/history': { params: { id: conventionValue.id } },
      // Contracts of engagement (the référent of the person's structure writes them).
      'GET /api/persons/:id/contracts': { as: accountOf.referent, params: { id: p1 } },
      'POST /api/persons/:id/contracts': {
        as: accountOf.referent,
        params: { id: p1 },
        body: { content: contractContent, renewsContractId: null },
        expect: [201],
      },
      'GET /api/contracts/:id': { as: accountOf.referent, params: { id: contractId } },
      // Version 1 the first time; later valid variants meet a newer version (409).
      'PUT /api/contracts/:id/draft': {
        as: accountOf.referent,
        params: { id: contractId },
        body: { content: contractContent, version: 1 },
        expect: [200, 409],
      },
      'POST /api/contracts/:id/transition': {
        as: accountOf.referent,
        params: { id: cancelledContractId },
        body: { to: 'cancelled', version: 1, reason: 'Essai' },
        expect: [200, 409],
      },
      // A draft is not signed: refused after validation.
      'POST /api/contracts/:id/sign': {
        as: accountOf.referent,
        params: { id: contractId },
        body: {
          party: 'agent',
          versionNumber: 1,
          contentHash: '0'.repeat(64),
          statementAccepted: false,
          version: 1,
        },
        expect: [409],
      },
      'POST /api/contracts/:id/amendments': {
        as: accountOf.referent,
        params: { id: contractId },
        expect: [409],
      },
      'GET /api/contracts/:id/versions/:number/pdf': {
        as: accountOf.referent,
        params: { id: contractId, number: '1' },
      },
      // The demo beneficiary of this walk has no file: refused after validation.
      'POST /api/space/contracts/:id/sign': {
        as: accountOf.beneficiary,
        params: { id: contractId },
        body: { versionNumber: 1, contentHash: '0'.repeat(64), code: '123456', statementAccepted: true },
        expect: [403, 404],
      },
      'POST /api/auth/login': {
        body: { email: 'inconnu.hostile@parcours.test', password: 'x' },
        expect: [401],
      },
      // Their own accounts: ending every session of the administrator would end the walk.
      'POST /api/auth/logout': { as: 'session.hostile@parcours.test', fresh: true },
      'POST /api/auth/logout-all': { as: 'sessions.hostile@parcours.test', fresh: true },
      'POST /api/auth/password-reset/request': { body: { email: 'inconnu.hostile@parcours.test' } },
      // No token was sent: the base is the refusal of an unknown token, after validation.
      'POST /api/auth/password-reset/confirm': {
        body: { token: 'jeton-inconnu-mais-assez-long', password: 'Un-mot-de-passe-solide-2026' },
        expect: [400],
      },
      // The beneficiary's sign-in: neutral answers; no link or code was sent, so their use is refused.
      'POST /api/space/auth/link': { as: null, body: { email: 'inconnu.hostile@parcours.test' } },
      'POST /api/space/auth/link/confirm': {
        as: null,
        body: { token: 'jeton-inconnu-mais-assez-long' },
        expect: [400],
      },
      'POST /api/space/auth/code': { as: null, body: { phone: '06 00 00 00 01' } },
      'POST /api/space/auth/code/confirm': {
        as: null,
        body: { phone: '06 00 00 00 01', code: '123456' },
        expect: [400],
      },
      // The demo beneficiary of this walk has no file: refused after validation.
      'POST /api/space/signature-code': {
        as: accountOf.beneficiary,
        body: { channel: 'email' },
        expect: [403],
      },
      // The first person of the walk gets a space (its e-mail, the household's or given).
      'GET /api/persons/:id/appointment-notices': { params: { id: p1 } },
      'POST /api/persons/:id/space': { params: { id: p1 }, body: { email: 'espace.hostile@exemple.fr' } },
      'POST /api/space/appointments/:id/notice': {
        as: accountOf.beneficiary,
        params: { id: appointment.id },
        body: { reason: 'Je suis malade ce jour-là.' },
        expect: [403, 404],
      },
      'POST /api/auth/password/change': {
        as: 'motdepasse.hostile@parcours.test',
        body: { currentPassword: DEMO_PASSWORD, newPassword: 'Un-mot-de-passe-solide-2026' },
      },
      // OpenID Connect is not configured in tests: the answer is the documented refusal.
      'GET /api/auth/oidc/login': { as: null, expect: [404] },
      'GET /api/auth/oidc/callback': { as: null, expect: [400, 404] },
      'GET /api/admin/accounts/:id': { params: { id: spare.id } },
      'POST /api/admin/accounts': {
        body: {
          email: 'nouveau.hostile@parcours.test',
          displayName: 'Nouveau Compte',
          role: 'aids_manager',
          hubId: null,
          structureId: null,
          password: null,
        },
        expect: [201],
      },
      'PUT /api/admin/accounts/:id': {
        params: { id: spare.id },
        body: {
          displayName: 'Compte Cible',
          role: 'aids_manager',
          hubId: null,
          structureId: null,
          active: true,
          version: spare.version,
        },
      },
      'POST /api/admin/accounts/:id/unlock': { params: { id: spare.id } },
      'POST /api/admin/accounts/:id/revoke-sessions': { params: { id: spare.id } },
      'POST /api/admin/accounts/:id/send-reset': { params: { id: spare.id } },
      'POST /api/admin/jobs/:id/retry': { params: { id: String(failedJob.id) } },
      'POST /api/agenda/slots': {
        as: accountOf.orientation_advisor,
        body: {
          kind: 'individual',
          purpose: 'orientation',
          date: inDays(4),
          startTime: '17:15',
          durationMinutes: 30,
          place: 'Salle 2',
          capacity: 1,
          weeks: 1,
        },
        expect: [201],
      },
      'GET /api/agenda/slots': { query: { from: today, to: inDays(30) } },
      'GET /api/agenda/day': { query: { date: today } },
      'GET /api/indicators/plan-pauvrete': { query: { from: '2024-01-01', to: today } },
      'GET /api/dashboards/steering': { query: { from: '2024-01-01', to: today, hub: 'marseille-2-3' } },
      'GET /api/sanctions/statistics': { query: { from: '2024-01-01', to: today } },
      'GET /api/indicators/plan-pauvrete/persons': {
        query: { from: '2024-01-01', to: today, indicator: 'newEntrants' },
      },
      'GET /api/agenda/day/attendance-sheet.pdf': { query: { date: today } },
      'GET /api/agenda/slots/:id': { params: { id: slotIds[0]! } },
      'POST /api/agenda/slots/:id/cancel': {
        params: { id: slotIds[5]! },
        body: { reason: 'Salle indisponible', version: 1 },
      },
      'POST /api/appointments': {
        as: accountOf.orientation_advisor,
        body: { personId: p2, slotId: slotIds[2] },
        expect: [201],
      },
      'POST /api/appointments/:id/reschedule': {
        params: { id: appointment.id },
        body: { slotId: slotIds[3], reason: 'Demande de la personne', version: appointment.version },
      },
      'POST /api/appointments/:id/cancel': {
        params: { id: appointment.id },
        body: { reason: 'Demande de la personne', version: appointment.version + 1 },
        // The reschedule above moved it: the base is the clean conflict.
        expect: [409],
      },
      // Not started yet: recording an outcome is refused after validation.
      'POST /api/appointments/:id/outcome': {
        params: { id: appointment.id },
        body: { status: 'seen', reason: null, version: appointment.version },
        expect: [409],
      },
      'GET /api/persons/:id/appointments': { params: { id: p2 } },
      'GET /api/persons/:id/access-journal': { params: { id: p2 } },
      'POST /api/flux/imports': {
        query: { fileName: 'hostile.xml' },
        raw: {
          contentType: 'application/octet-stream',
          data: vrsb({ date: today, households: [] }),
        },
        expect: [202],
      },
      'GET /api/flux/runs/:id': { params: { id: fluxRun.id } },
      'GET /api/persons/search': { query: { q: 'Hostile' } },
      'GET /api/persons/:id': { params: { id: p1 } },
      'GET /api/persons/:id/coordinates': { params: { id: p1 } },
      'GET /api/persons/:id/documents': { params: { id: p1 } },
      'POST /api/persons/:id/documents': {
        params: { id: p1 },
        query: { kind: 'certificate', label: 'Attestation', fileName: 'attestation.pdf' },
        raw: { contentType: 'application/pdf', data: documentPdf },
        expect: [201],
      },
      'GET /api/persons/:id/documents/:documentId': { params: { id: p1, documentId } },
      // Withdrawn by the base request; the variants find it withdrawn (409) or are refused first.
      'POST /api/persons/:id/documents/:documentId/withdraw': {
        params: { id: p1, documentId: withdrawnId },
        body: { reason: 'Document en double', version: 1 },
        expect: [200, 409],
      },
      // Version 1 the first time; the walker's later valid variants meet a newer version (409).
      'PUT /api/persons/:id/coordinates': {
        params: { id: p1 },
        body: {
          version: 1,
          source: 'agent',
          phone: '06 12 34 56 78',
          smsConsent: 'A',
          smsConsentOn: today,
          email: 'hostile@example.org',
          emailConsent: 'I',
          emailConsentOn: null,
          address: {
            streetNumber: '1',
            street: 'rue Hostile',
            complement: null,
            locality: null,
            communeCode: '13203',
            postalCode: '13003',
          },
        },
        expect: [200, 409],
      },
      // No conflict with that id: unknown, after validation.
      'POST /api/persons/:id/coordinates/conflicts/:conflictId': {
        params: { id: p1, conflictId: p1 },
        body: { keep: 'flux', version: 1 },
        expect: [404],
      },
      // No suspected duplicate among two distinct persons: an unknown suspect, after validation.
      'POST /api/duplicates/:id/decision': {
        params: { id: p1 },
        body: { decision: 'dismiss', note: null, version: 1 },
        expect: [404],
      },
      'POST /api/france-travail/batches': { expect: [201, 400, 409] },
      'GET /api/france-travail/batches/:id/export.csv': {
        params: { id: ftBatch.status === 201 ? (ftBatch.json as { id: string }).id : p1 },
        expect: ftBatch.status === 201 ? [200] : [404],
      },
      // No registration was exported: the base is the refusal of the file's content, past validation.
      'POST /api/france-travail/acknowledgements': {
        raw: { contentType: 'text/csv', data: 'id_inscription;statut;identifiant_ft;motif\n' },
        expect: [400],
      },
      // A well-formed token of no import in progress.
      'GET /api/flux/progress/:token': { as: null, params: { token: 'a'.repeat(32) }, expect: [404] },
      'POST /api/admin/history-imports': {
        query: { fileName: 'hostile.ndjson' },
        raw: { contentType: 'application/x-ndjson', data: historyNdjson },
      },
      'GET /api/messaging/templates/:id': { params: { id: template.id } },
      'PUT /api/messaging/templates/:id': {
        params: { id: template.id },
        body: { subject: template.subject, body: template.body, version: template.version },
      },
      'POST /api/messaging/templates/:id/preview': {
        params: { id: template.id },
        body: { subject: template.subject, body: template.body },
      },
      'GET /api/messaging/batches/:id/letters.pdf': { params: { id: batchId } },
      'GET /api/messaging/messages/:id/letter.pdf': { params: { id: decision.letterMessageId } },
      'GET /api/messaging/batches/:id': { params: { id: batchId } },
      'GET /api/messaging/letters-to-post.pdf': { as: accountOf.orientation_advisor },
      // Posted once by the base request; the variants find it posted (409) or are refused first.
      'POST /api/messaging/batches/:id/posted': {
        params: { id: batchId },
        body: { version: 1 },
        as: accountOf.orientation_advisor,
        expect: [200, 409],
      },
      // A decision letter is never withdrawn: refused after validation.
      'POST /api/messaging/messages/:id/cancel': {
        params: { id: decision.letterMessageId },
        body: { version: 1 },
        as: accountOf.orientation_advisor,
        expect: [409],
      },
      'POST /api/messaging/convocation-delays': {
        body: { effectiveFrom: inDays(400), letterDays: 5, emailHours: 48, smsHours: 48, source: 'Essai' },
        expect: [201, 409],
      },
      'POST /api/sanction-rules/regimes': {
        body: {
          effectiveFrom: inDays(402),
          regime: 'essai',
          label: 'Régime d’essai',
          firstMinPercent: 30,
          firstMaxPercent: 100,
          firstMinMonths: 1,
          firstMaxMonths: 2,
          repeatedMinPercent: 30,
          repeatedMaxPercent: 100,
          repeatedMinMonths: 1,
          repeatedMaxMonths: 4,
          householdCapPercent: 50,
          capForSingleParentIncrease: true,
          repeatWindowMonths: 12,
          epOpinionRequiredForSanction: false,
          epOpinionRequiredForRemoval: true,
          removalAtEndOfSuspension: false,
          source: 'Essai',
        },
        expect: [201, 409],
      },
      'POST /api/sanction-rules/practice': {
        body: {
          effectiveFrom: inDays(402),
          applies: true,
          firstSuspensionMonths: 2,
          automaticReinstatement: true,
          secondSuspensionMonths: 3,
          removalAfterSecondSuspension: true,
          sasWeeks: 4,
          sasHalfDaysPerWeek: 3,
          source: 'Essai',
        },
        expect: [201, 409],
      },
      'POST /api/orientation/convocations/preview': {
        body: { personIds: [p3] },
        as: accountOf.orientation_advisor,
      },
      'GET /api/persons/:id/messages': { params: { id: p1 } },
      // Référent unique: an unknown référent is refused after validation (nothing assigned).
      'GET /api/accompaniment/assignment-inbox': { query: { structureId: mdsM23 } },
      'POST /api/accompaniment/assignments': {
        body: { referentId: '00000000-0000-4000-8000-0000000000ab', personIds: [p1] },
        expect: [404],
      },
      'POST /api/accompaniment/portfolio-caps': {
        body: {
          effectiveFrom: inDays(401),
          byKind: Object.fromEntries(structureKinds.map((k) => [k, 100])),
          globalSupportPair: 70,
          source: 'Essai',
        },
        expect: [201, 409],
      },
      'GET /api/persons/:id/referents': { params: { id: p1 } },
      'POST /api/persons/:id/referent': {
        params: { id: p1 },
        body: { referentId: '00000000-0000-4000-8000-0000000000ab', reason: 'Essai' },
        expect: [404],
      },
      // A letter is not retried (only failed e-mails and SMS): refused after validation.
      'POST /api/messaging/messages/:id/retry': {
        params: { id: decision.letterMessageId },
        expect: [404, 409],
      },
      // The provider's report of an SMS Parcours never sent: unknown, past validation.
      'POST /api/messaging/callbacks/sms': {
        as: null,
        headers: { authorization: `Bearer ${SMS_SECRET}` },
        body: { id: 'sms-1', status: 'delivered', error: null, occurredAt: new Date().toISOString() },
        expect: [404],
      },
      'POST /api/orientation/convocations': {
        body: { personIds: [p3], slotId: slotIds[4] },
        as: accountOf.orientation_advisor,
      },
      'GET /api/orientation/queue': { query: { hubId: hub.id } },
      'GET /api/orientation/queue.xlsx': { query: { hubId: hub.id } },
      'POST /api/persons/:id/diagnoses': {
        params: { id: p1 },
        // One obstacle: its fields (nested in an array) are walked too.
        body: {
          diagnosedOn: today,
          employmentSituation: 'job_seeker',
          obstacles: [{ themeId: 'sante', severity: 'light', comment: null }],
        },
        expect: [201],
      },
      'GET /api/persons/:id/diagnoses': { params: { id: p1 } },
      'GET /api/persons/:id/orientation': { params: { id: p1 } },
      'POST /api/persons/:id/orientations': {
        params: { id: p2 },
        body: {
          pathway: 'health',
          structureId: healthTeam,
          decidedOn: today,
          overrideReason: 'Avis médical',
        },
        expect: [201],
      },
      'GET /api/orientations/:id/letter.pdf': { params: { id: decision.orientation.id } },
      'POST /api/persons/:id/medical-referrals': {
        params: { id: p1 },
        body: { reason: 'Avis sur les actions compatibles' },
        // One request at a time: the decision above opened one.
        expect: [409],
      },
      'GET /api/medical/referrals': { as: medical },
      'GET /api/medical/referrals/:id': { as: medical, params: { id: referral } },
      'POST /api/medical/referrals/:id/records': {
        as: medical,
        params: { id: referral },
        body: { kind: 'note', body: 'Note médicale de test' },
        expect: [201],
      },
      'POST /api/medical/referrals/:id/recommendation': {
        as: medical,
        params: { id: referral },
        body: {
          compatibleActions: 'Actions à temps partiel',
          carePathwayAdvised: false,
          recommendation: null,
          version: 1,
        },
        // The version moves with the records written above: a clean conflict is past validation too.
        expect: [200, 409],
      },
      'PUT /api/territory/hubs/:id': {
        params: { id: hub.id },
        body: { name: hub.name, version: hub.version },
      },
      'PUT /api/territory/communes/:inseeCode/hub': {
        params: { inseeCode: '13201' },
        body: { hubId: hub.id },
      },
      'GET /api/territory/communes': { query: { hubId: hub.id } },
      'GET /api/territory/communes/:inseeCode/move-preview': {
        params: { inseeCode: '13201' },
        query: { hubId: hub.id },
      },
      'GET /api/territory/structures/:id': { params: { id: structure.id } },
      'POST /api/territory/structures': {
        body: {
          kind: 'ccas',
          name: 'Structure hostile',
          hubId: hub.id,
          communeCode: '13203',
          address: null,
          email: null,
          phone: null,
          active: true,
        },
        expect: [201],
      },
      'PUT /api/territory/structures/:id': {
        params: { id: structure.id },
        body: {
          kind: structure.kind,
          name: structure.name,
          hubId: structure.hubId,
          communeCode: null,
          address: null,
          email: null,
          phone: null,
          active: true,
          version: structure.version,
        },
      },
      'GET /*': { as: null, params: { '*': 'administration' } },
    };
  }, 120_000);

  it('refuses the reported impossible inputs with a 400, never a 500', async () => {
    const admin = await sessionOf(accountOf.administrator);
    const advisor = await sessionOf(accountOf.orientation_advisor);
    for (const q of ['ab\u0000cd', '2026-02-30', '31/02/2000', 'Dupont 2026-02-29', '0000-00-00']) {
      const res = await send(admin, { method: 'GET', url: '/api/persons/search', query: { q } });
      expect(res.status, `q=${JSON.stringify(q)}`).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
      if (q.includes('02-30'))
        expect(res.json).toMatchObject({ error: { message: 'La date 30/02/2026 n’existe pas.' } });
    }
    // A real date still finds the person born that day.
    const found = await send(admin, {
      method: 'GET',
      url: '/api/persons/search',
      query: { q: '09/09/1978' },
    });
    expect(found.status).toBe(200);
    expect((found.json as { items: { birthDate: string }[] }).items.map((i) => i.birthDate)).toContain(
      '1978-09-09',
    );
    const p1 = await personIdOf(app, 'hi-p1');
    const p2 = await personIdOf(app, 'hi-p2');
    const structureId = await structureIdOf(app, 'Équipe médicale du pôle Marseille 2/3');
    for (const date of ['2026-02-30', '2026-02-29', '0000-00-00', '9999-12-31']) {
      const diag = await json(advisor, 'POST', `/api/persons/${p1}/diagnoses`, {
        diagnosedOn: date,
        employmentSituation: 'job_seeker',
        obstacles: [],
      });
      expect(diag.status, `diagnosedOn ${date}`).toBe(400);
      expect(diag.json).toMatchObject({
        error: { code: 'VALIDATION_ERROR', fields: [{ path: 'diagnosedOn' }] },
      });
      const decided = await json(advisor, 'POST', `/api/persons/${p2}/orientations`, {
        pathway: 'social',
        structureId,
        decidedOn: date,
      });
      expect(decided.status, `decidedOn ${date}`).toBe(400);
      expect(decided.json).toMatchObject({ error: { fields: [{ path: 'decidedOn' }] } });
    }
    const agenda = await send(admin, {
      method: 'GET',
      url: '/api/agenda/slots',
      query: { from: '9999-12-31' },
    });
    expect(agenda.status).toBe(400);
    const job = await send(admin, { method: 'POST', url: '/api/admin/jobs/99999999999999999999/retry' });
    expect(job.status).toBe(400);
    expect(job.json).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    const slot = await json(advisor, 'POST', '/api/agenda/slots', {
      kind: 'individual',
      purpose: 'orientation',
      date: '2026-13-01',
      startTime: '09:00',
      durationMinutes: 30,
      place: 'Salle 1',
      capacity: 1,
    });
    expect(slot.status).toBe(400);
    expect(slot.json).toMatchObject({
      error: {
        fields: [{ path: 'date', code: 'date_impossible', message: 'La date 01/13/2026 n’existe pas.' }],
      },
    });
  });

  it('answers malformed bodies with a 4xx, a stable code and a French message', async () => {
    const admin = await sessionOf(accountOf.administrator);
    const cases: Sent[] = [
      { method: 'PUT', url: '/api/territory/hubs/00000000-0000-4000-8000-000000000000', payload: '{"name":' },
      {
        method: 'PUT',
        url: '/api/territory/hubs/00000000-0000-4000-8000-000000000000',
        payload: 'x',
        contentType: 'text/html',
      },
      {
        method: 'PUT',
        url: '/api/territory/hubs/00000000-0000-4000-8000-000000000000',
        payload: JSON.stringify({ name: 'x'.repeat(app.ctx.config.bodyLimitBytes + 10) }),
      },
    ];
    const statuses: number[] = [];
    for (const c of cases) {
      const res = await send(admin, c);
      statuses.push(res.status);
      expectCleanRefusal(res, `${c.method} ${c.url} ${c.contentType ?? ''}`);
    }
    expect(statuses).toEqual([400, 415, 413]);
    // Hostile session cookies and security tokens: an anonymous caller, never an error.
    for (const cookie of [
      'parcours_session=ab%00cd',
      `parcours_session=${'x'.repeat(10_000)}`,
      'parcours_session',
    ]) {
      const res = await send(null, { method: 'GET', url: '/api/auth/session', headers: { cookie } });
      expect(res.status, cookie.slice(0, 40)).toBe(401);
      expectCleanRefusal(res, cookie.slice(0, 40));
    }
    const forged = await send(admin, {
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': 'x'.repeat(10_000) },
    });
    expect(forged.status).toBe(403);
  });

  it('answers every registered route with hostile input without a 5xx', async () => {
    const routes = app.routes.filter(
      (r) =>
        r.method !== 'HEAD' && !r.url.startsWith('/api/docs') && r.url !== '/health' && r.url !== '/ready',
    );
    expect(routes.length).toBeGreaterThan(50);
    const problems: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const fixture = fixtures[key] ?? {};
      const email = 'as' in fixture ? fixture.as : defaultAccount(route);
      const session = fixture.fresh ? (email ? await login(email) : null) : await sessionOf(email);
      const base = baseRequest(route, fixture);
      const baseRes = await send(session, base.sent);
      requests++;
      const accepted = fixture.expect ?? [];
      if (!(accepted.includes(baseRes.status) || (accepted.length === 0 && baseRes.status < 400))) {
        problems.push(
          `${key}: the base request answers ${baseRes.status} ${JSON.stringify(baseRes.json)?.slice(0, 300)} — give the route a fixture`,
        );
        continue;
      }
      const variants = hostileVariants(route, base);
      // A few at a time: the database of the test is small and shared.
      for (let i = 0; i < variants.length; i += 12) {
        const chunk = variants.slice(i, i + 12);
        const answers = await Promise.all(chunk.map((v) => send(session, v.sent)));
        requests += chunk.length;
        answers.forEach((res, j) => {
          const v = chunk[j]!;
          const label = `${key} ${v.label}`;
          if (res.status >= 500) problems.push(`${label}: ${res.status} ${JSON.stringify(res.json)}`);
          else if (res.status >= 400) {
            const issue = refusalProblem(res);
            if (issue) problems.push(`${label}: ${issue}`);
          } else if (v.mustRefuse) problems.push(`${label}: accepted (${res.status}) an impossible date`);
        });
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(problems, problems.slice(0, 60).join('\n')).toEqual([]);
  }, 180_000);
});

function defaultAccount(route: RegisteredRoute): string | null {
  const access = route.access;
  if (!access || 'public' in access) return null;
  const permission = access.permission as Permission;
  const role = [...rolesByPreference, ...roles].find((r) => hasPermission(r, permission));
  return role ? accountOf[role] : null;
}

interface Base {
  headers?: Record<string, string>;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  raw?: { contentType: string; data: string };
  sent: Sent;
}

function buildUrl(url: string, params: Record<string, string>): string {
  return url.replace(/:([A-Za-z]+)|\*/g, (m, name: string | undefined) =>
    encodeURIComponent(params[name ?? '*'] ?? m),
  );
}

function sentOf(route: RegisteredRoute, b: Omit<Base, 'sent'>): Sent {
  const sent: Sent = {
    method: route.method,
    url: buildUrl(route.url, b.params),
    query: b.query,
    headers: b.headers,
  };
  if (b.raw) {
    sent.payload = b.raw.data;
    sent.contentType = b.raw.contentType;
  } else if (b.body !== undefined) sent.payload = JSON.stringify(b.body);
  return sent;
}

function baseRequest(route: RegisteredRoute, fixture: Fixture): Base {
  const schema = route.schema as { params?: unknown; querystring?: unknown; body?: unknown } | undefined;
  const b = {
    params: fixture.params ?? {},
    query: fixture.query ?? {},
    body:
      fixture.body ?? (schema?.body ? sampleOf(schema.body) : route.method === 'GET' ? undefined : undefined),
    raw: fixture.raw,
    headers: fixture.headers,
  };
  return { ...b, sent: sentOf(route, b) };
}

/** A minimal valid-looking body from the schema (routes without a fixture). */
function sampleOf(schema: unknown): unknown {
  const js = jsonSchemaOf(schema);
  return js ? sampleJson(js) : {};
}

type Js = {
  type?: string | string[];
  properties?: Record<string, Js>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  items?: Js;
  minimum?: number;
  anyOf?: Js[];
};

function jsonSchemaOf(schema: unknown): Js | null {
  try {
    return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Js;
  } catch {
    return null;
  }
}

function sampleJson(js: Js): unknown {
  if (js.enum) return js.enum[0];
  if (js.anyOf) return sampleJson(js.anyOf[0]!);
  const type = Array.isArray(js.type) ? js.type[0] : js.type;
  if (type === 'object')
    return Object.fromEntries((js.required ?? []).map((k) => [k, sampleJson(js.properties?.[k] ?? {})]));
  if (type === 'array') return [];
  if (type === 'number' || type === 'integer') return js.minimum ?? 1;
  if (type === 'boolean') return false;
  if (type === 'null') return null;
  if (js.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  return 'texte';
}

/** The names of a schema's top-level fields (params, query, body). */
function fieldsOf(schema: unknown): string[] {
  const js = schema ? jsonSchemaOf(schema) : null;
  return Object.keys(js?.properties ?? {});
}

/** Leaf paths of a base body (nested objects and the first item of arrays), a few levels deep. */
function leafPaths(value: unknown, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (depth > 3 || value === null || typeof value !== 'object') return prefix.length ? [prefix] : [];
  const entries = Array.isArray(value)
    ? value.length
      ? [[0, value[0]] as const]
      : []
    : Object.entries(value);
  const paths: (string | number)[][] = prefix.length ? [prefix] : [];
  for (const [k, v] of entries) paths.push(...leafPaths(v, [...prefix, k], depth + 1));
  return paths;
}

const MARK = '"__HOSTILE_TOKEN__"';

function withValue(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body ?? {}) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) {
    if (node[k] === null || typeof node[k] !== 'object') node[k] = {};
    node = node[k] as Record<string | number, unknown>;
  }
  node[path.at(-1)!] = value;
  return copy;
}

interface Variant {
  label: string;
  sent: Sent;
  /** An impossible date in a date field: a 2xx would be the bug of the slot moved to next year. */
  mustRefuse?: boolean;
}

const looksLikeDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
/**
 * Every impossible date for a date field (by its base value or its name); two of them for other
 * fields, where they are only text: the walk stays within a minute per engine.
 */
function stringsFor(name: string, current: unknown): string[] {
  if (looksLikeDate(current) || /(date|On)$|^(from|to)$/i.test(name)) return HOSTILE_STRINGS;
  return HOSTILE_STRINGS.filter((s) => !['2026-02-29', '9999-12-31', '2026-13-01'].includes(s));
}
const shortLabel = (v: string) => JSON.stringify(v.length > 30 ? `${v.slice(0, 10)}…(${v.length})` : v);

function hostileVariants(route: RegisteredRoute, base: Base): Variant[] {
  const schema = route.schema as { params?: unknown; querystring?: unknown; body?: unknown } | undefined;
  const variants: Variant[] = [];
  // Path parameters, including the catch-all of the web app.
  const paramNames = [...route.url.matchAll(/:([A-Za-z]+)|\*/g)].map((m) => m[1] ?? '*');
  for (const name of paramNames) {
    for (const value of [...HOSTILE_STRINGS.filter((s) => s !== ''), '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd']) {
      const params = { ...base.params, [name]: value };
      const raw = value.startsWith('%') || value.includes('%2F');
      const url = raw
        ? route.url.replace(/:([A-Za-z]+)|\*/g, (m, n: string | undefined) =>
            (n ?? '*') === name ? value : encodeURIComponent(params[n ?? '*'] ?? m),
          )
        : buildUrl(route.url, params);
      variants.push({
        label: `param ${name}=${shortLabel(value)}`,
        sent: { ...base.sent, url },
        mustRefuse: looksLikeDate(base.params[name]) && IMPOSSIBLE_DATES.includes(value),
      });
    }
  }
  // Query string: each known field, as text and as a repeated key (an array).
  const queryFields = new Set([...fieldsOf(schema?.querystring), ...Object.keys(base.query)]);
  for (const name of queryFields) {
    for (const value of stringsFor(name, base.query[name])) {
      variants.push({
        label: `query ${name}=${shortLabel(value)}`,
        sent: { ...base.sent, query: { ...base.query, [name]: value } },
        mustRefuse: looksLikeDate(base.query[name]) && IMPOSSIBLE_DATES.includes(value),
      });
    }
    variants.push({
      label: `query ${name}[]`,
      sent: { ...base.sent, query: { ...base.query, [name]: [base.query[name] ?? 'a', 'b'] } },
    });
  }
  // Body: each field of the schema and of the base (nested too), every hostile value.
  if (schema?.body || base.body !== undefined) {
    const paths = [
      ...fieldsOf(schema?.body).map((f) => [f]),
      ...leafPaths(base.body).filter((p) => p.length > 1 || !fieldsOf(schema?.body).includes(String(p[0]))),
    ];
    for (const path of paths) {
      const current = path.reduce<unknown>(
        (node, k) => (node as Record<string | number, unknown>)?.[k],
        base.body,
      );
      for (const value of stringsFor(String(path.at(-1)), current)) {
        variants.push({
          label: `body ${path.join('.')}=${shortLabel(value)}`,
          sent: {
            ...base.sent,
            payload: JSON.stringify(withValue(base.body, path, value)),
            contentType: undefined,
          },
          mustRefuse: looksLikeDate(current) && IMPOSSIBLE_DATES.includes(value),
        });
      }
      for (const token of HOSTILE_TOKENS) {
        variants.push({
          label: `body ${path.join('.')}=${token}`,
          sent: {
            ...base.sent,
            payload: JSON.stringify(withValue(base.body, path, '__HOSTILE_TOKEN__')).replace(MARK, token),
            contentType: undefined,
          },
        });
      }
    }
  }
  // The whole body: wrong types, malformed JSON, another content type, nothing.
  if (route.method !== 'GET') {
    for (const token of [...HOSTILE_TOKENS, '"ab\\u0000cd"', `"${'x'.repeat(10_000)}"`]) {
      variants.push({
        label: `whole body ${token.slice(0, 20)}`,
        sent: { ...base.sent, payload: token, contentType: undefined },
      });
    }
    variants.push({
      label: 'malformed JSON',
      sent: { ...base.sent, payload: '{"a":', contentType: undefined },
    });
    variants.push({
      label: 'prototype poisoning',
      sent: { ...base.sent, payload: '{"__proto__":{"admin":true}}', contentType: undefined },
    });
    variants.push({
      label: 'JSON with a NUL key',
      sent: { ...base.sent, payload: '{"a\\u0000b":1}', contentType: undefined },
    });
    variants.push({
      label: 'text/html body',
      sent: { ...base.sent, payload: '<p>x</p>', contentType: 'text/html' },
    });
    variants.push({
      label: 'empty JSON body',
      sent: { ...base.sent, payload: '', contentType: 'application/json' },
    });
    variants.push({ label: 'no body', sent: { ...base.sent, payload: undefined } });
  }
  return variants;
}

/** A refusal must be JSON with a stable code and a French message (fields included), never English. */
function refusalProblem(res: { status: number; json: unknown; type: string }): string | null {
  const body = res.json as
    | { error?: { code?: string; message?: string; fields?: { message?: string; code?: string }[] } }
    | undefined;
  // An import refusing a file answers its report (lines and reasons), the screen's own format.
  if (res.status === 400 && (body as { status?: string } | undefined)?.status === 'rejected') return null;
  if (!body?.error) return `${res.status} without a JSON error (${res.type})`;
  const { code, message, fields } = body.error;
  if (message === DATABASE_NET) return `${res.status} refused by the database only (validate it at the edge)`;
  if (!code || !(errorCodes as readonly string[]).includes(code)) return `${res.status} unknown code ${code}`;
  const messages = [message, ...(fields ?? []).map((f) => f.message)];
  for (const m of messages)
    if (!isFrench(m)) return `${res.status} ${code} message not French: ${JSON.stringify(m)}`;
  return null;
}

const ENGLISH =
  /\b(the|is|are|must|should|expected|invalid|required|received|cannot|not found|body|string|number|unexpected|error)\b/i;
function isFrench(m: string | undefined): boolean {
  return typeof m === 'string' && m.trim().length > 0 && !ENGLISH.test(m);
}

function expectCleanRefusal(res: { status: number; json: unknown; type: string }, label: string) {
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  expect(refusalProblem(res), label).toBeNull();
}
