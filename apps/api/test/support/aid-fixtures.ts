import type { RunningApp } from '../../src/app';
import { parisToday } from '../../src/platform/time';
import { createTestPerson } from './messaging-fixtures';
import { structureIdOf } from './orientation-fixtures';

/**
 * Individual aids' fixtures: a person followed by the demo référent's structure (MDS Marseille
 * 2/3) with a contract of engagement written in SQL (in force, version 1 signed, one plan step),
 * and the aids of the authorization sweep.
 */

let referentId: string | null = null;

async function mdsReferent(app: RunningApp): Promise<string> {
  if (referentId) {
    const still = await app.ctx.db
      .selectFrom('referent')
      .select('id')
      .where('id', '=', referentId)
      .executeTakeFirst();
    if (still) return referentId;
  }
  const mds = await structureIdOf(app, 'MDS Marseille 2/3');
  referentId = (
    await app.ctx.db
      .insertInto('referent')
      .values({
        department_code: '13',
        structure_id: mds,
        first_name: 'Agathe',
        last_name: 'Aides',
        active_from: '2020-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  return referentId;
}

/** A contract of a person in SQL: `status` in force by default, with a signed version and a step. */
export async function seedContract(
  app: RunningApp,
  personId: string,
  status = 'in_force',
  departmentCode = '13',
  dates: { start: string; end: string } = { start: '2026-01-05', end: '2099-07-04' },
): Promise<{ contractId: string; stepId: string }> {
  const db = app.ctx.db;
  const contract = await db
    .insertInto('engagement_contract')
    .values({
      department_code: departmentCode,
      person_id: personId,
      signed_on: status === 'draft' ? null : '2026-01-05',
      start_date: dates.start,
      end_date: dates.end,
      weekly_hours: 15,
      hours_regime: 'standard',
      source: 'parcours',
      status,
      in_force_version_no: status === 'in_force' ? 1 : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto('engagement_contract_version')
    .values({
      department_code: departmentCode,
      contract_id: contract.id,
      number: 1,
      status: status === 'draft' ? 'draft' : 'signed',
      content: JSON.stringify({
        startDate: dates.start,
        endDate: dates.end,
        bodyCommitments: 'Un rendez-vous par mois.',
        personCommitments: 'Suivre le plan.',
        hoursRegime: 'standard',
        reducedReason: null,
        exemptionGround: null,
        childUnder12Statement: false,
      }),
      content_hash: status === 'draft' ? null : '0'.repeat(64),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const step = await db
    .insertInto('contract_plan_step')
    .values({
      department_code: departmentCode,
      contract_id: contract.id,
      version_id: version.id,
      position: 1,
      objective_id: 'choisir_un_metier.confirmer_son_choix_de_metier',
      kind: 'training',
      label: 'Préparation du permis de conduire',
      weekly_hours: 15,
      start_date: dates.start,
      end_date: dates.end,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { contractId: contract.id, stepId: step.id };
}

/** A person of pôle Marseille 2/3 followed by the demo référent's structure, with a contract in force. */
export async function seedAidPerson(app: RunningApp, lastName: string) {
  const personId = await createTestPerson(app, { firstName: 'Inès', lastName });
  await app.ctx.db
    .insertInto('referent_assignment')
    .values({
      department_code: '13',
      person_id: personId,
      referent_id: await mdsReferent(app),
      from_date: '2026-01-01',
      source: 'test',
    })
    .execute();
  return { personId, ...(await seedContract(app, personId)) };
}

/** The pôle of a person (its household's commune), as an aid is charged to it. */
export async function hubOfPerson(app: RunningApp, personId: string): Promise<string> {
  const row = await app.ctx.db
    .selectFrom('person as p')
    .innerJoin('household as h', 'h.id', 'p.household_id')
    .innerJoin('commune as c', (j) =>
      j.onRef('c.insee_code', '=', 'h.commune_code').onRef('c.department_code', '=', 'h.department_code'),
    )
    .select('c.hub_id')
    .where('p.id', '=', personId)
    .executeTakeFirstOrThrow();
  return row.hub_id!;
}

type Key = 'in' | 'str' | 'hub' | 'dep';

/**
 * The sweep's aids, in SQL, on the sweep's contracts (seeded before): in (ordered, in an order of département 13),
 * str (requested), hub (validated), dep (ordered, in an order of département 84). The person is
 * the payee (their name is the payee label: identity, as the policy says).
 */
export async function seedSweepAids(
  app: RunningApp,
  persons: Record<Key, string>,
): Promise<{ aids: Partial<Record<Key, string>>; aidOrders: { own: string; dep: string } }> {
  const db = app.ctx.db;
  const today = parisToday();
  const year = Number(today.slice(0, 4));
  const status: Record<Key, string> = { in: 'ordered', str: 'requested', hub: 'validated', dep: 'ordered' };
  const aids: Partial<Record<Key, string>> = {};
  const orders = { own: '', dep: '' };
  for (const key of ['in', 'str', 'hub', 'dep'] as const) {
    const dep = key === 'dep' ? '84' : '13';
    const person = await db
      .selectFrom('person as p')
      .innerJoin('household as h', 'h.id', 'p.household_id')
      .innerJoin('commune as c', (j) =>
        j.onRef('c.insee_code', '=', 'h.commune_code').onRef('c.department_code', '=', 'h.department_code'),
      )
      .innerJoin('insertion_hub as hub', 'hub.id', 'c.hub_id')
      .select(['p.birth_name', 'p.first_name', 'hub.id as hub_id', 'hub.code', 'hub.name'])
      .where('p.id', '=', persons[key])
      .executeTakeFirstOrThrow();
    const contract = await db
      .selectFrom('engagement_contract')
      .select('id')
      .where('person_id', '=', persons[key])
      .orderBy('recorded_at', 'desc')
      .executeTakeFirstOrThrow();
    const aid = await db
      .insertInto('individual_aid')
      .values({
        department_code: dep,
        person_id: persons[key],
        contract_id: contract.id,
        hub_id: person.hub_id,
        kind: 'travel',
        amount_cents: 4_500,
        purpose: 'Trajets vers la formation',
        payee_kind: 'person',
        payee_label: `${person.birth_name.toUpperCase()} ${person.first_name}`,
        payee_reference: null,
        requested_on: today,
        status: status[key],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    aids[key] = aid.id;
    if (key === 'in' || key === 'dep') {
      const order = await db
        .insertInto('aid_payment_order')
        .values({
          department_code: dep,
          number: `OP-${year}-9${key === 'in' ? '001' : '002'}`,
          year,
          seq: key === 'in' ? 9001 : 9002,
          ordered_on: today,
          hub_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('aid_payment_order_line')
        .values({
          department_code: dep,
          order_id: order.id,
          line_no: 1,
          aid_id: aid.id,
          kind: 'travel',
          hub_code: person.code,
          hub_name: person.name,
          payee_label: `${person.birth_name.toUpperCase()} ${person.first_name}`,
          payee_reference: null,
          amount_cents: 4_500,
        })
        .execute();
      orders[key === 'in' ? 'own' : 'dep'] = order.id;
    }
  }
  return { aids, aidOrders: orders };
}

/**
 * The hostile-input walker's base requests for the aids routes (each valid, so that only the
 * hostile variants are refused): a contract in force of `personId`, an open envelope, aids in
 * each status a route needs and a payment order, all in SQL.
 */
export async function hostileAidFixtures(
  app: RunningApp,
  personId: string,
  accounts: { referent: string; manager: string },
): Promise<
  Record<
    string,
    {
      as?: string;
      params?: Record<string, string>;
      query?: Record<string, string>;
      body?: unknown;
      expect?: number[];
    }
  >
> {
  const db = app.ctx.db;
  const today = parisToday();
  const year = Number(today.slice(0, 4));
  // Signed, starting in a far year: no overlap with the contracts the other fixtures write.
  const { contractId } = await seedContract(app, personId, 'signed', '13', {
    start: '2098-01-05',
    end: '2098-06-30',
  });
  const hubId = await hubOfPerson(app, personId);
  const hub = await db
    .selectFrom('insertion_hub')
    .select(['code', 'name'])
    .where('id', '=', hubId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('aid_envelope')
    .values({ department_code: '13', year, kind: 'travel', hub_id: hubId, amount_cents: 100_000_000 })
    .onConflict((oc) => oc.columns(['department_code', 'year', 'kind', 'hub_id']).doNothing())
    .execute();
  const aid = async (status: string) =>
    (
      await db
        .insertInto('individual_aid')
        .values({
          department_code: '13',
          person_id: personId,
          contract_id: contractId,
          hub_id: hubId,
          kind: 'travel',
          amount_cents: 1_000,
          purpose: 'Trajets',
          payee_kind: 'person',
          payee_label: 'HOSTILE Personne',
          requested_on: today,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const [toWithdraw, toDecide, toOrder, ordered] = [
    await aid('requested'),
    await aid('requested'),
    await aid('validated'),
    await aid('ordered'),
  ];
  const order = await db
    .insertInto('aid_payment_order')
    .values({
      department_code: '13',
      number: `OP-${year}-8001`,
      year,
      seq: 8001,
      ordered_on: today,
      hub_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('aid_payment_order_line')
    .values({
      department_code: '13',
      order_id: order.id,
      line_no: 1,
      aid_id: ordered,
      kind: 'travel',
      hub_code: hub.code,
      hub_name: hub.name,
      payee_label: 'HOSTILE Personne',
      payee_reference: null,
      amount_cents: 1_000,
    })
    .execute();
  const amounts = {
    meals: 100,
    travel: 100,
    accommodation: 100,
    childcare: 100,
    work_equipment: 100,
    exam_registration: 100,
    health_contract: 100,
    driving_licence: 100,
  };
  const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const { referent, manager } = accounts;
  return {
    'GET /api/persons/:id/aids': { as: referent, params: { id: personId } },
    'POST /api/persons/:id/aids': {
      as: referent,
      params: { id: personId },
      body: { contractId, kind: 'travel', amountCents: 1_000, purpose: 'Trajets', payeeKind: 'person' },
      expect: [201],
    },
    'POST /api/aids/:id/withdraw': {
      as: referent,
      params: { id: toWithdraw },
      body: { version: 1 },
      expect: [200, 409],
    },
    'POST /api/aids/:id/decision': {
      as: manager,
      params: { id: toDecide },
      body: { to: 'validated', version: 1 },
      expect: [200, 409],
    },
    'GET /api/aids': { as: manager },
    'GET /api/aids/envelopes': { as: manager, query: { year: String(year) } },
    'PUT /api/aids/envelopes': {
      as: manager,
      body: { year, kind: 'meals', hubId, amountCents: 100_000, reason: 'Budget', version: null },
      expect: [200, 409],
    },
    'GET /api/aids/ceilings': { as: manager },
    'POST /api/aids/ceilings': {
      as: manager,
      body: { effectiveFrom: later, perAid: amounts, perPersonYear: amounts, source: 'Délibération' },
      expect: [201, 409],
    },
    'GET /api/aids/payment-orders': { as: manager },
    'POST /api/aids/payment-orders': {
      as: manager,
      body: { hubId: null, aidIds: [toOrder] },
      expect: [201, 409],
    },
    'GET /api/aids/payment-orders/:id': { as: manager, params: { id: order.id } },
    'GET /api/aids/payment-orders/:id/export.csv': { as: manager, params: { id: order.id } },
    'POST /api/aids/payment-orders/:id/paid': {
      as: manager,
      params: { id: order.id },
      body: { paidOn: today, paymentReference: 'MANDAT', aidIds: null },
      expect: [200, 422],
    },
  };
}
