import type { RunningApp } from '../../src/app';
import { createAccount } from '../../src/modules/access/application/accounts';
import { addCalendarDays, mondayOf } from '../../src/modules/accompaniment/domain/agenda';
import { parisToday } from '../../src/platform/time';
import { createTestPerson } from './messaging-fixtures';

/**
 * A structure's followed persons built from dated facts (SQL fixtures): each person carries the
 * alert its facts imply. MDS Marseille 2/3: référent R1 (the demo référent's account) and R2 (no
 * account); a lieu d'accueil of the same pôle with its own agents sees none of them.
 */
export interface AlertWorld {
  today: string;
  mds: string;
  lieu: string;
  r1: string;
  /** The name the demo référent's row carries (« Sophie Référente »). */
  r1Name: string;
  r2: string;
  persons: Record<string, string>;
}

const day = (n: number) => addCalendarDays(parisToday(), n);

export async function structureNamed(app: RunningApp, name: string) {
  const s = await app.ctx.db
    .selectFrom('structure')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return s.id;
}

export async function ensureAccount(
  app: RunningApp,
  email: string,
  role: 'referent' | 'structure_manager',
  structureId: string,
) {
  const existing = await app.ctx.db
    .selectFrom('account')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  if (existing) return existing.id;
  const a = await createAccount(
    app.ctx,
    null,
    { email, displayName: `Compte ${email}`, role, hubId: null, structureId, password: 'Parcours-demo-2026' },
    null,
  );
  return a.id;
}

export async function buildAlertWorld(app: RunningApp): Promise<AlertWorld> {
  const db = app.ctx.db;
  const today = parisToday();
  const mds = await structureNamed(app, 'MDS Marseille 2/3');
  const lieu = await structureNamed(app, "Lieu d'accueil Marseille 2/3");
  const referentAccount = await db
    .selectFrom('account')
    .select('id')
    .where('email', '=', 'referent@parcours.test')
    .executeTakeFirstOrThrow();
  const referent = (first: string, last: string, accountId: string | null, structureId = mds) =>
    db
      .insertInto('referent')
      .values({
        department_code: '13',
        structure_id: structureId,
        account_id: accountId,
        first_name: first,
        last_name: last,
        active_from: '2020-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  // The demo référent's own row (kept in step with the account by the assignment module), else one.
  const own = await db
    .selectFrom('referent')
    .select(['id', 'first_name', 'last_name'])
    .where('account_id', '=', referentAccount.id)
    .executeTakeFirst();
  const r1 = own?.id ?? (await referent('Sophie', 'Référente', referentAccount.id));
  const r1Name = own ? `${own.first_name} ${own.last_name}`.trim() : 'Sophie Référente';
  const r2 = await referent('Paul', 'SECOND', null);
  await ensureAccount(app, 'referent.autre@parcours.test', 'referent', lieu);
  await ensureAccount(app, 'responsable.autre@parcours.test', 'structure_manager', lieu);

  const persons: Record<string, string> = {};
  const person = async (key: string, firstName: string, lastName: string) => {
    persons[key] = await createTestPerson(app, { firstName, lastName });
    return persons[key] as string;
  };
  const orient = (personId: string, notifiedOn: string, pathway: string, structureId = mds) =>
    db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: personId,
        notified_on: notifiedOn,
        pathway,
        structure_id: structureId,
        source: 'test',
      })
      .execute();
  const assign = (personId: string, referentId: string, from: string) =>
    db
      .insertInto('referent_assignment')
      .values({
        department_code: '13',
        person_id: personId,
        referent_id: referentId,
        from_date: from,
        source: 'test',
      })
      .execute();
  const appointment = (personId: string, onDate: string, status = 'seen') =>
    db
      .insertInto('appointment')
      .values({
        department_code: '13',
        person_id: personId,
        on_date: onDate,
        structure_id: mds,
        purpose: 'accompaniment',
        status,
        source: 'test',
      })
      .execute();
  const contract = (
    personId: string,
    c: { signedOn: string | null; start: string; end: string; status: string },
  ) =>
    db
      .insertInto('engagement_contract')
      .values({
        department_code: '13',
        person_id: personId,
        signed_on: c.signedOn,
        start_date: c.start,
        end_date: c.end,
        weekly_hours: 15,
        hours_regime: 'standard',
        source: 'test',
        status: c.status,
        referent_id: r1,
        structure_id: mds,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);

  // (a) social pathway, 20 days after the notice, no accompaniment appointment (one cancelled).
  const alice = await person('alice', 'Alice', 'ALERTE');
  await orient(alice, day(-20), 'social');
  await assign(alice, r1, day(-18));
  await appointment(alice, day(-5), 'cancelled');
  // (b) + (c) oriented 70 days ago, no contract; a planned appointment ahead.
  const bruno = await person('bruno', 'Bruno', 'SANSCONTRAT');
  await orient(bruno, day(-70), 'professional');
  await assign(bruno, r1, day(-65));
  await appointment(bruno, day(3), 'planned');
  // (d) contract in force ending in 10 days, a plan of 18 h this week.
  const chloe = await person('chloe', 'Chloé', 'FINPROCHE');
  await orient(chloe, day(-200), 'socio-professional');
  await assign(chloe, r1, day(-190));
  await appointment(chloe, day(-185));
  const chloeContract = await contract(chloe, {
    signedOn: day(-170),
    start: day(-170),
    end: day(10),
    status: 'in_force',
  });
  const version = await db
    .insertInto('engagement_contract_version')
    .values({ department_code: '13', contract_id: chloeContract, number: 1, status: 'signed', content: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('engagement_contract')
    .set({ in_force_version_no: 1 })
    .where('id', '=', chloeContract)
    .execute();
  const monday = mondayOf(today);
  for (const [position, hours, start, end] of [
    [1, 12, addCalendarDays(monday, -14), addCalendarDays(monday, 20)],
    [2, 6, addCalendarDays(monday, 6), addCalendarDays(monday, 30)],
    // Outside the week: not counted.
    [3, 9, addCalendarDays(monday, 7), addCalendarDays(monday, 40)],
  ] as const) {
    await db
      .insertInto('contract_plan_step')
      .values({
        department_code: '13',
        contract_id: chloeContract,
        version_id: version.id,
        position,
        objective_id: 'emploi',
        kind: 'training',
        label: `Étape ${position}`,
        weekly_hours: hours,
        start_date: start,
        end_date: end,
      })
      .execute();
  }
  // (e) contract ended 5 days ago, nothing after.
  const denis = await person('denis', 'Denis', 'EXPIRE');
  await orient(denis, day(-300), 'professional');
  await assign(denis, r1, day(-290));
  await contract(denis, { signedOn: day(-280), start: day(-280), end: day(-5), status: 'in_force' });
  // (f) social pathway notified 400 days ago, met and contracted since.
  const emma = await person('emma', 'Emma', 'SOCIALE');
  await orient(emma, day(-400), 'social');
  await assign(emma, r1, day(-395));
  await appointment(emma, day(-390));
  await contract(emma, { signedOn: day(-380), start: day(-380), end: day(200), status: 'in_force' });
  // (g) followed since 2024 (professional, contracted in 2024): a contract by 1 January 2027.
  const fanny = await person('fanny', 'Fanny', 'ANCIENNE');
  await orient(fanny, '2024-05-15', 'professional');
  await assign(fanny, r1, '2024-06-01');
  await contract(fanny, { signedOn: '2024-06-01', start: '2024-06-01', end: '2024-12-01', status: 'ended' });
  // Oriented to the MDS, not yet assigned: the manager's, not the référent's.
  const gilles = await person('gilles', 'Gilles', 'NONAFFECTE');
  await orient(gilles, day(-20), 'social');
  // The other référent's.
  const helene = await person('helene', 'Hélène', 'DESECOND');
  await orient(helene, day(-70), 'professional');
  await assign(helene, r2, day(-60));
  // Rights closed: in the portfolio, never in the alerts.
  const ivan = await person('ivan', 'Ivan', 'FERME');
  await orient(ivan, day(-70), 'professional');
  await assign(ivan, r1, day(-60));
  await db.updateTable('person').set({ rights_open: false }).where('id', '=', ivan).execute();
  // Followed by the lieu d'accueil: nobody of the MDS sees them.
  const lea = await person('lea', 'Léa', 'AILLEURS');
  await orient(lea, day(-70), 'social', lieu);
  const r3 = await referent('Autre', 'LIEU', null, lieu);
  await assign(lea, r3, day(-60));
  return { today, mds, lieu, r1, r1Name, r2, persons };
}
