import { api } from '@parcours/contracts';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { RunningApp } from '../../src/app';
import { addCalendarDays } from '../../src/modules/accompaniment/domain/agenda';
import type { Engine } from '../../src/platform/db/database';
import { parisToday } from '../../src/platform/time';
import { Client, loggedIn, startTestApp } from './harness';
import {
  createTestAppointment,
  createTestPerson,
  mailText,
  parisTimeInDays,
  startControllableSmtp,
} from './messaging-fixtures';
import { daysAgo } from './orientation-fixtures';
import { type SmsProvider, startSmsProvider } from './sms-provider';

/**
 * The world of the beneficiary-space tests: an app with a real SMTP server and SMS provider, the
 * demo beneficiary attached to Léa ESPACE (household e-mail and mobile), her référent, one
 * appointment of hers and one of another person (Marc AUTRE). Registers its hooks.
 */
export const BENEFICIARY = 'beneficiaire@parcours.test';

export interface SpaceWorld {
  app: RunningApp;
  smtp: Awaited<ReturnType<typeof startControllableSmtp>>;
  sms: SmsProvider;
  person: string;
  other: string;
  ownAppointment: string;
  otherAppointment: string;
  accountId: string;
  referentName: string;
}

export const linkOf = (raw: string) => /jeton=([A-Za-z0-9_-]+)/.exec(mailText(raw))?.[1];
export const codeOf = (text: string) => /(\d{6})/.exec(text)?.[1];

/**
 * Binds the demo beneficiary account to `person` and assigns the person to the référent of the demo
 * référent account (made with the account, or here when the demo has none).
 */
export async function attachDemoBeneficiary(app: RunningApp, person: string) {
  const db = app.ctx.db;
  const account = await db
    .updateTable('account')
    .set({ person_id: person })
    .where('email', '=', BENEFICIARY)
    .returning('id')
    .executeTakeFirstOrThrow();
  const accountId = account.id;
  const referentAccount = await db
    .selectFrom('account')
    .select(['id', 'structure_id'])
    .where('email', '=', 'referent@parcours.test')
    .executeTakeFirstOrThrow();
  const referent =
    (await db
      .selectFrom('referent')
      .select('id')
      .where('account_id', '=', referentAccount.id)
      .executeTakeFirst()) ??
    (await db
      .insertInto('referent')
      .values({
        department_code: '13',
        structure_id: referentAccount.structure_id!,
        account_id: referentAccount.id,
        last_name: 'MARTIN',
        first_name: 'Julie',
        active_from: daysAgo(60),
        active_to: null,
        external_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const named = await db
    .selectFrom('referent')
    .select(['first_name', 'last_name'])
    .where('id', '=', referent.id)
    .executeTakeFirstOrThrow();
  const referentName = `${named.first_name} ${named.last_name}`;
  await db
    .insertInto('referent_assignment')
    .values({
      department_code: '13',
      person_id: person,
      referent_id: referent.id,
      from_date: daysAgo(10),
      to_date: null,
      source: 'parcours',
    })
    .execute();
  return { accountId, referentName };
}

/**
 * A contract of six months for `person` (two training steps, 18 h a week) proposed and signed by
 * the demo référent: what the person signs from the space. Its id and its proposed version.
 */
export async function contractSignedByReferent(app: RunningApp, person: string, personCommitments: string) {
  const today = parisToday();
  const end = addCalendarDays(today, 181);
  const objectives = (
    await app.ctx.db.selectFrom('diagnostic_objective').select('id').orderBy('id').limit(2).execute()
  ).map((o) => o.id);
  const referent = await loggedIn(app, 'referent@parcours.test');
  const step = (label: string, weeklyHours: number, objectiveId: string) => ({
    objectiveId,
    kind: 'training' as const,
    label,
    weeklyHours,
    startDate: today,
    endDate: end,
  });
  const created = await referent.call(api.contracts.create, {
    params: { id: person },
    body: {
      content: {
        startDate: today,
        endDate: end,
        bodyCommitments: 'Votre référente vous reçoit chaque mois.',
        personCommitments,
        hoursRegime: 'standard',
        plan: [step('Formation logistique', 12, objectives[0]!), step('Atelier CV', 6, objectives[1]!)],
      },
      renewsContractId: null,
    },
  });
  expect(created.status, created.text).toBe(201);
  const proposed = await referent.call(api.contracts.transition, {
    params: { id: created.body.id },
    body: { to: 'proposed', version: created.body.version },
  });
  expect(proposed.status, proposed.text).toBe(200);
  const version = proposed.body.versions[0]!;
  const byAgent = await referent.call(api.contracts.sign, {
    params: { id: created.body.id },
    body: {
      party: 'agent',
      versionNumber: version.number,
      contentHash: version.contentHash!,
      statementAccepted: false,
      version: proposed.body.version,
    },
  });
  expect(byAgent.status, byAgent.text).toBe(200);
  return { contractId: created.body.id, version };
}

export function spaceWorld(engine: Engine) {
  const w = {} as SpaceWorld;
  beforeAll(async () => {
    const smtp = await startControllableSmtp();
    const sms = await startSmsProvider();
    const app = await startTestApp(engine, {
      smtpUrl: smtp.url,
      smsProviderUrl: sms.url,
      smsProviderToken: sms.token,
      // Failures are counted by the throttle without slowing these tests down.
      loginThrottleAfter: 50,
    });
    const person = await createTestPerson(app, {
      firstName: 'Léa',
      lastName: 'ESPACE',
      email: { value: 'lea.espace@exemple.fr', consent: 'A' },
      phone: { value: '06.11.22.33.44', consent: 'A' },
    });
    const other = await createTestPerson(app, {
      firstName: 'Marc',
      lastName: 'AUTRE',
      phone: { value: '06 99 88 77 66', consent: 'A' },
    });
    const { accountId, referentName } = await attachDemoBeneficiary(app, person);
    const ownAppointment = await createTestAppointment(app, person, parisTimeInDays(3, 10, 0));
    const otherAppointment = await createTestAppointment(app, other, parisTimeInDays(3, 11, 0));
    Object.assign(w, {
      smtp,
      sms,
      app,
      person,
      other,
      accountId,
      referentName,
      ownAppointment,
      otherAppointment,
    });
  });
  // At most 3 secrets of a kind per account per 15 minutes: each test starts with none sent.
  beforeEach(async () => {
    await w.app.ctx.db.deleteFrom('beneficiary_login_token').execute();
  });
  afterAll(async () => {
    await w.smtp.close();
    await w.sms.close();
  });

  /** Asks for a link, runs the jobs: the answer and the sign-in e-mails sent. */
  async function requestLink(email: string) {
    const sent = w.smtp.received.length;
    const res = await new Client(w.app.url).call(api.space.requestLink, { body: { email } });
    expect(res.status).toBe(202);
    await w.app.ctx.jobs.drain();
    // Only the sign-in links (other jobs, such as a référent's notice, may send mail meanwhile).
    return { res, mails: w.smtp.received.slice(sent).filter((m) => linkOf(m.raw)) };
  }

  async function requestSmsCode(phone: string) {
    const sent = w.sms.received.length;
    const res = await new Client(w.app.url).call(api.space.requestCode, { body: { phone } });
    expect(res.status).toBe(202);
    await w.app.ctx.jobs.drain();
    return { res, received: w.sms.received.slice(sent) };
  }

  async function signedInWithLink() {
    const { mails } = await requestLink(BENEFICIARY);
    const client = new Client(w.app.url);
    const res = await client.call(api.space.signInWithLink, { body: { token: linkOf(mails[0]!.raw)! } });
    expect(res.status).toBe(200);
    client.csrf = res.body.csrfToken;
    return client;
  }

  return { w, requestLink, requestSmsCode, signedInWithLink };
}
