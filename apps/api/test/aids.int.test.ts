import { type AidKind, type AidRequest, api } from '@parcours/contracts';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { loadDemoAids } from '../src/modules/aids';
import { parisToday } from '../src/platform/time';
import { hubOfPerson, seedAidPerson, seedContract } from './support/aid-fixtures';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';

/*
 * Issue 12, point 6: individual aids. A référent requests an aid on a signed contract; the aids
 * manager validates it within the ceilings of its day and the envelope of its year, kind and
 * pôle (locked: two validations never both take its last euro), builds a payment order, exports
 * its CSV (same bytes each time) and marks it paid. Every refusal of the list, in French,
 * with nothing changed; audit and timeline.
 */
describe.each(engines)('individual aids (%s)', (engine) => {
  let app: RunningApp;
  let referent: Client;
  let manager: Client;
  let admin: Client;
  let hubId: string;
  const year = Number(parisToday().slice(0, 4));

  const count = async (
    table: 'individual_aid' | 'aid_payment_order' | 'aid_payment_order_line' | 'aid_envelope',
  ) =>
    Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(app.ctx.db))
        .rows[0]!.n,
    );
  const envelope = async (kind: AidKind, amountCents: number) => {
    const list = await manager.call(api.aids.envelopes, { query: { year } });
    const current = list.body.items.find((e) => e.kind === kind && e.hubId === hubId);
    const res = await manager.call(api.aids.setEnvelope, {
      body: { year, kind, hubId, amountCents, reason: 'Budget voté', version: current?.version ?? null },
    });
    expect(res.status, res.text).toBe(200);
    return res.body.items.find((e) => e.kind === kind && e.hubId === hubId)!;
  };
  const body = (contractId: string, over: Partial<AidRequest> = {}): AidRequest => ({
    contractId,
    kind: 'driving_licence',
    amountCents: 80_000,
    purpose: 'Heures de conduite',
    planStepId: null,
    payeeKind: 'third_party',
    payeeLabel: 'Auto-école du Vieux-Port',
    payeeReference: 'DEVIS-2026-14',
    ...over,
  });
  const request = (personId: string, b: AidRequest) =>
    referent.call(api.aids.request, { params: { id: personId }, body: b });
  const decide = (id: string, to: 'validated' | 'rejected' | 'cancelled', version: number, reason?: string) =>
    manager.call(api.aids.decide, { params: { id }, body: { to, version, reason } });

  beforeAll(async () => {
    app = await startTestApp(engine);
    referent = await loggedIn(app, 'referent@parcours.test');
    manager = await loggedIn(app, 'aides@parcours.test');
    admin = await loggedIn(app, 'admin@parcours.test');
    const probe = await seedAidPerson(app, 'SONDE');
    hubId = await hubOfPerson(app, probe.personId);
  });

  it('requests an aid on a contract in force, shown to the référent and in the aids manager’s queue', async () => {
    const { personId, contractId, stepId } = await seedAidPerson(app, 'DEMANDE');
    await envelope('driving_licence', 1_000_000);
    const res = await request(personId, body(contractId, { planStepId: stepId }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      status: 'requested',
      kind: 'driving_licence',
      amountCents: 80_000,
      planStepLabel: 'Préparation du permis de conduire',
      payeeLabel: 'Auto-école du Vieux-Port',
      hubId,
      personName: 'DEMANDE Inès',
    });
    const mine = await referent.call(api.aids.listForPerson, { params: { id: personId } });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a) => a.id)).toEqual([res.body.id]);
    expect(mine.body.contracts.map((c) => c.id)).toEqual([contractId]);
    expect(mine.body.contracts[0]!.steps.map((s) => s.id)).toEqual([stepId]);

    const queue = await manager.call(api.aids.queue, { query: { status: 'requested' } });
    const item = queue.body.items.find((a) => a.id === res.body.id)!;
    expect(item.envelope).toMatchObject({
      amountCents: 1_000_000,
      committedCents: 0,
      remainingCents: 1_000_000,
    });
    expect(item.envelope.requestedCents).toBeGreaterThanOrEqual(80_000);
    expect(item).toMatchObject({ ceilingPerAidCents: 150_000, ceilingPerPersonYearCents: 200_000 });

    // Paid to the person: the label is their name, filled in by the server.
    const own = await request(
      personId,
      body(contractId, {
        kind: 'driving_licence',
        amountCents: 10_000,
        payeeKind: 'person',
        payeeLabel: null,
      }),
    );
    expect(own.status, own.text).toBe(201);
    expect(own.body.payeeLabel).toBe('DEMANDE Inès');

    const trail = await app.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'person_id', 'person_ids'])
      .where('action', 'in', ['aid.requested', 'person.list_read'])
      .orderBy('seq', 'desc')
      .execute();
    expect(trail.some((t) => t.action === 'aid.requested' && t.person_id === personId)).toBe(true);
    expect(
      trail.some(
        (t) => t.action === 'person.list_read' && (t.person_ids as string[] | null)?.includes(personId),
      ),
    ).toBe(true);
    const lines = await app.ctx.db
      .selectFrom('timeline_event')
      .select('type')
      .where('person_id', '=', personId)
      .execute();
    expect(lines.filter((l) => l.type === 'aid_requested')).toHaveLength(2);
  });

  it('refuses bad requests in French and changes nothing', async () => {
    const { personId, contractId } = await seedAidPerson(app, 'REFUS');
    const other = await seedAidPerson(app, 'AUTRE');
    const draft = await seedContract(app, personId, 'draft');
    await envelope('meals', 20_000);
    const before = await count('individual_aid');
    const cases: [AidRequest, number, RegExp][] = [
      [body(contractId, { kind: 'massage' as AidKind }), 400, /Nature d’aide inconnue/],
      [body(contractId, { amountCents: 0 }), 400, /supérieur à zéro/],
      [body(contractId, { amountCents: -500 }), 400, /supérieur à zéro/],
      [body(other.contractId), 400, /n’est pas un contrat de cette personne/],
      [body(draft.contractId), 400, /contrat signé ou en vigueur : ce contrat est « Brouillon »/],
      [body(contractId, { amountCents: 150_001 }), 422, /dépasse le plafond par aide/],
      [body(contractId, { kind: 'meals', amountCents: 15_000 }), 201, /./],
      [body(contractId, { kind: 'meals', amountCents: 10_000 }), 201, /./],
      [
        body(contractId, { kind: 'accommodation', amountCents: 10_000 }),
        422,
        /Aucune enveloppe « Aide à l’hébergement » n’est ouverte en \d{4} au pôle Marseille 2\/3/,
      ],
      [body(contractId, { payeeKind: 'third_party', payeeLabel: null }), 400, /Nom du tiers : obligatoire/],
    ];
    const made: string[] = [];
    for (const [b, status, message] of cases) {
      const res = await request(personId, b);
      expect(res.status, `${JSON.stringify(b)} → ${res.text}`).toBe(status);
      if (status === 201) made.push(res.body.id);
      else expect(res.text).toMatch(message);
    }
    expect(await count('individual_aid')).toBe(before + 2);
    // Over the envelope once the first is validated: 200 € for meals, 150 € committed.
    const first = await decide(made[0]!, 'validated', 1);
    expect(first.status, first.text).toBe(200);
    const over = await request(personId, body(contractId, { kind: 'meals', amountCents: 6_000 }));
    expect(over.status).toBe(422);
    expect(over.error?.message).toMatch(
      /^L’enveloppe \d{4} « Aide aux repas » du pôle Marseille 2\/3 est insuffisante : 50,00\u00a0€ disponibles/,
    );
    expect(over.error?.message).toContain('60,00\u00a0€ demandés');
    // The yearly ceiling per person: 600 € of meals a year, the envelope raised.
    await envelope('meals', 1_000_000);
    for (const amount of [15_000, 15_000, 15_000]) {
      const r = await request(personId, body(contractId, { kind: 'meals', amountCents: amount }));
      expect(r.status, r.text).toBe(201);
      expect((await decide(r.body.id, 'validated', 1)).status).toBe(200);
    }
    const yearly = await request(personId, body(contractId, { kind: 'meals', amountCents: 1_000 }));
    expect(yearly.status).toBe(422);
    expect(yearly.error?.message).toMatch(
      /plafond annuel « Aide aux repas » \(600,00\u00a0€ en \d{4}\) : 600,00\u00a0€ déjà accordés, 0,00\u00a0€ disponibles/,
    );
    // The second request (100 €) can no longer be validated: over the yearly ceiling now.
    const late = await decide(made[1]!, 'validated', 1);
    expect(late.status).toBe(422);
    expect(late.error?.message).toMatch(/plafond annuel/);
    // Out of the référent's scope and roles.
    const outsider = await seedAidPerson(app, 'PERIMETRE');
    await app.ctx.db.deleteFrom('referent_assignment').where('person_id', '=', outsider.personId).execute();
    expect((await request(outsider.personId, body(outsider.contractId))).status).toBe(403);
    expect(
      (await manager.call(api.aids.request, { params: { id: personId }, body: body(contractId) })).status,
    ).toBe(403);
  });

  it('validates once, refuses with a reason, lets the référent withdraw a pending request', async () => {
    const { personId, contractId } = await seedAidPerson(app, 'DECISION');
    await envelope('work_equipment', 500_000);
    const a = (await request(personId, body(contractId, { kind: 'work_equipment', amountCents: 20_000 })))
      .body;
    const b = (await request(personId, body(contractId, { kind: 'work_equipment', amountCents: 30_000 })))
      .body;
    const c = (await request(personId, body(contractId, { kind: 'work_equipment', amountCents: 10_000 })))
      .body;
    expect(
      (await referent.call(api.aids.decide, { params: { id: a.id }, body: { to: 'validated', version: 1 } }))
        .status,
    ).toBe(403);
    const ok = await decide(a.id, 'validated', 1);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ status: 'validated', decidedByName: 'Thomas Aides' });
    const twice = await decide(a.id, 'validated', 2);
    expect(twice.status).toBe(409);
    expect(twice.error?.message).toBe('Seule une demande en attente peut être validée.');
    const stale = await decide(b.id, 'validated', 7);
    expect(stale.status).toBe(409);
    expect((await decide(b.id, 'rejected', 1)).status).toBe(400);
    const rejected = await decide(b.id, 'rejected', 1, 'Devis non fourni');
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: 'Devis non fourni' });
    const withdrawn = await referent.call(api.aids.withdraw, { params: { id: c.id }, body: { version: 1 } });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const late = await referent.call(api.aids.withdraw, { params: { id: a.id }, body: { version: 2 } });
    expect(late.status).toBe(409);
    // The aids manager undoes a validation with a reason.
    const undone = await decide(a.id, 'cancelled', 2, 'Doublon avec une aide de la CAF');
    expect(undone.body.status).toBe('cancelled');
    const consumption = (await manager.call(api.aids.envelopes, { query: { year } })).body.items.find(
      (e) => e.kind === 'work_equipment' && e.hubId === hubId,
    )!;
    expect(consumption).toMatchObject({ committedCents: 0, requestedCents: 0, remainingCents: 500_000 });
    const types = (
      await app.ctx.db.selectFrom('timeline_event').select('type').where('person_id', '=', personId).execute()
    ).map((t) => t.type);
    for (const t of ['aid_requested', 'aid_validated', 'aid_rejected', 'aid_withdrawn', 'aid_cancelled'])
      expect(types).toContain(t);
  });

  it('lets only one of two concurrent validations take the envelope’s last euros', async () => {
    const p1 = await seedAidPerson(app, 'CONCURRENT');
    const p2 = await seedAidPerson(app, 'CONCURRENTE');
    await envelope('childcare', 60_000);
    const a = (await request(p1.personId, body(p1.contractId, { kind: 'childcare', amountCents: 40_000 })))
      .body;
    const b = (await request(p2.personId, body(p2.contractId, { kind: 'childcare', amountCents: 40_000 })))
      .body;
    expect(a.status).toBe('requested');
    expect(b.status).toBe('requested');
    const [ra, rb] = await Promise.all([decide(a.id, 'validated', 1), decide(b.id, 'validated', 1)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 422]);
    expect([ra, rb].find((r) => r.status === 422)!.error?.message).toMatch(
      /est insuffisante : 200,00\u00a0€ disponibles/,
    );
    const committed = await app.ctx.db
      .selectFrom('individual_aid')
      .select(sql<string>`sum(amount_cents)`.as('s'))
      .where('kind', '=', 'childcare')
      .where('status', '=', 'validated')
      .executeTakeFirstOrThrow();
    expect(Number(committed.s)).toBe(40_000);
    // The envelope cannot go below what is committed.
    const list = await manager.call(api.aids.envelopes, { query: { year } });
    const env = list.body.items.find((e) => e.kind === 'childcare' && e.hubId === hubId)!;
    const low = await manager.call(api.aids.setEnvelope, {
      body: {
        year,
        kind: 'childcare',
        hubId,
        amountCents: 30_000,
        reason: 'Réduction',
        version: env.version,
      },
    });
    expect(low.status).toBe(400);
    expect(low.text).toContain('déjà engagées');
    const audited = await app.ctx.db
      .selectFrom('audit_event')
      .select(['details', 'reason'])
      .where('action', '=', 'aid.envelope_set')
      .where('target_id', '=', env.envelopeId!)
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    expect(audited[0]!.reason).toBe('Budget voté');
  });

  it('builds a payment order, exports the same CSV each time, refuses an aid twice, marks it paid', async () => {
    const p1 = await seedAidPerson(app, 'PAIEMENT');
    const p2 = await seedAidPerson(app, 'VIREMENT');
    await envelope('travel', 1_000_000);
    await envelope('exam_registration', 1_000_000);
    const a = (
      await request(
        p1.personId,
        body(p1.contractId, { kind: 'travel', amountCents: 12_345, payeeReference: 'FACT-1' }),
      )
    ).body;
    const b = (
      await request(
        p2.personId,
        body(p2.contractId, {
          kind: 'exam_registration',
          amountCents: 75_000,
          payeeLabel: 'Centre d’examen; Aix',
          payeeReference: null,
        }),
      )
    ).body;
    const c = (
      await request(
        p2.personId,
        body(p2.contractId, { kind: 'travel', amountCents: 5_000, payeeKind: 'person', payeeLabel: null }),
      )
    ).body;
    const pending = (await request(p2.personId, body(p2.contractId, { kind: 'travel', amountCents: 1_000 })))
      .body;
    for (const x of [a, b, c]) expect((await decide(x.id, 'validated', 1)).status).toBe(200);

    // A pending request cannot be put into payment.
    const notValidated = await manager.call(api.aids.buildPaymentOrder, {
      body: { hubId, aidIds: [pending.id] },
    });
    expect(notValidated.status).toBe(409);
    expect(notValidated.error?.message).toMatch(/n’est pas validée/);
    expect(
      (await referent.call(api.aids.buildPaymentOrder, { body: { hubId: null, aidIds: null } })).status,
    ).toBe(403);

    const built = await manager.call(api.aids.buildPaymentOrder, {
      body: { hubId, aidIds: [a.id, b.id, c.id] },
    });
    expect(built.status, built.text).toBe(201);
    const order = built.body;
    expect(order.number).toMatch(new RegExp(`^OP-${year}-\\d{4}$`));
    expect(order.lines.map((l) => [l.lineNo, l.aidId, l.status])).toEqual([
      [1, a.id, 'ordered'],
      [2, b.id, 'ordered'],
      [3, c.id, 'ordered'],
    ]);
    expect(order.totalCents).toBe(92_345);
    expect(order.totalsByKind).toEqual([
      { kind: 'exam_registration', count: 1, totalCents: 75_000 },
      { kind: 'travel', count: 2, totalCents: 17_345 },
    ]);

    // An aid already in an order: refused, nothing changed.
    const orders = await count('aid_payment_order');
    const lines = await count('aid_payment_order_line');
    const again = await manager.call(api.aids.buildPaymentOrder, { body: { hubId: null, aidIds: [a.id] } });
    expect(again.status).toBe(409);
    expect(again.error?.message).toContain(`figure déjà dans l’ordre de paiement ${order.number}`);
    expect(await count('aid_payment_order')).toBe(orders);
    expect(await count('aid_payment_order_line')).toBe(lines);

    const csv = await manager.bytes(`/api/aids/payment-orders/${order.id}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.body.toString('utf8').slice(1);
    const rows = text.split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(rows[0]).toBe(
      'type_ligne;numero_ordre;numero_ligne;id_aide;date_ordre;code_nature;libelle_nature;code_pole;libelle_pole;beneficiaire_paiement;reference;montant;nombre_lignes',
    );
    const today = parisToday();
    expect(rows[1]).toMatch(
      new RegExp(
        `^PAIEMENT;${order.number};1;${a.id};${today};travel;Aide aux déplacements;[^;]+;[^;]+;Auto-école du Vieux-Port;FACT-1;123\\.45;$`,
      ),
    );
    expect(rows[2]).toContain(';"Centre d’examen; Aix";;750.00;');
    expect(rows[3]).toContain(';VIREMENT Inès;');
    expect(rows[4]).toBe(
      `TOTAL_NATURE;${order.number};;;${today};exam_registration;Aide à l’inscription à un concours administratif ou à une formation qualifiante;;;;;750.00;1`,
    );
    expect(rows[5]).toBe(`TOTAL_NATURE;${order.number};;;${today};travel;Aide aux déplacements;;;;;173.45;2`);
    expect(rows[6]).toBe(`TOTAL_ORDRE;${order.number};;;${today};;;;;;;923.45;3`);
    expect(text).not.toMatch(/DES LILAS|13003|\b[12]\d{12}\b/);
    const second = await manager.bytes(`/api/aids/payment-orders/${order.id}/export.csv`);
    expect(second.body.equals(csv.body)).toBe(true);
    const exported = await app.ctx.db
      .selectFrom('audit_event')
      .select('person_ids')
      .where('action', '=', 'aid.payment_order_exported')
      .where('target_id', '=', order.id)
      .execute();
    expect(exported).toHaveLength(2);
    expect([...(exported[0]!.person_ids as string[])].sort()).toEqual([p1.personId, p2.personId].sort());

    // Paid: a line first, then the rest of the order; a paid date before the order is refused.
    const early = await manager.call(api.aids.markPaid, {
      params: { id: order.id },
      body: { paidOn: '2020-01-01', paymentReference: 'MANDAT-1', aidIds: null },
    });
    expect(early.status).toBe(400);
    const one = await manager.call(api.aids.markPaid, {
      params: { id: order.id },
      body: { paidOn: today, paymentReference: 'MANDAT-1', aidIds: [a.id] },
    });
    expect(one.status, one.text).toBe(200);
    expect(one.body.lines.map((l) => l.status)).toEqual(['paid', 'ordered', 'ordered']);
    const twice = await manager.call(api.aids.markPaid, {
      params: { id: order.id },
      body: { paidOn: today, paymentReference: 'MANDAT-1', aidIds: [a.id] },
    });
    expect(twice.status).toBe(409);
    // Undo of an ordered aid: it leaves the CSV, the order's totals follow.
    expect((await decide(c.id, 'cancelled', 3, 'Personne partie du département')).status).toBe(200);
    const rest = await manager.call(api.aids.markPaid, {
      params: { id: order.id },
      body: { paidOn: today, paymentReference: 'MANDAT-2', aidIds: null },
    });
    expect(rest.status, rest.text).toBe(200);
    expect(rest.body.lines.map((l) => l.status)).toEqual(['paid', 'paid', 'cancelled']);
    expect(rest.body).toMatchObject({ paidCount: 2, cancelledCount: 1, totalCents: 87_345 });
    const after = (await manager.bytes(`/api/aids/payment-orders/${order.id}/export.csv`)).body.toString(
      'utf8',
    );
    expect(after).not.toContain(c.id);
    expect(after).toContain(`TOTAL_ORDRE;${order.number};;;${today};;;;;;;873.45;2`);
    const paid = await referent.call(api.aids.listForPerson, { params: { id: p1.personId } });
    expect(paid.body.items[0]).toMatchObject({
      status: 'paid',
      paidOn: today,
      paymentReference: 'MANDAT-1',
      paymentOrderNumber: order.number,
    });
    const envelopes = (await manager.call(api.aids.envelopes, { query: { year } })).body.items;
    expect(envelopes.find((e) => e.kind === 'exam_registration' && e.hubId === hubId)).toMatchObject({
      paidCents: 75_000,
      committedCents: 75_000,
    });
    const list = await manager.call(api.aids.paymentOrders);
    expect(list.body.items.map((o) => o.number)).toContain(order.number);
    expect((await admin.call(api.aids.paymentOrders)).status).toBe(403);
  });

  it('keeps dated ceilings: a new set from a date, the former one for the aids of its days', async () => {
    const current = await manager.call(api.aids.ceilings);
    expect(current.status).toBe(200);
    expect(current.body.current).toMatchObject({ builtIn: true });
    expect(current.body.current.perAid.driving_licence).toBe(150_000);
    const tomorrow = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
    const input = {
      effectiveFrom: tomorrow,
      perAid: { ...current.body.current.perAid, driving_licence: 120_000 },
      perPersonYear: current.body.current.perPersonYear,
      source: 'Délibération du 12 décembre',
    };
    expect((await referent.call(api.aids.addCeilings, { body: input })).status).toBe(403);
    const past = await manager.call(api.aids.addCeilings, {
      body: { ...input, effectiveFrom: '2024-01-01' },
    });
    expect(past.status).toBe(400);
    const wrong = await manager.call(api.aids.addCeilings, {
      body: { ...input, perAid: { ...input.perAid, meals: 900_000 } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('ne peut pas dépasser le plafond annuel');
    const added = await manager.call(api.aids.addCeilings, { body: input });
    expect(added.status, added.text).toBe(201);
    expect(added.body.rules[0]).toMatchObject({
      effectiveFrom: tomorrow,
      builtIn: false,
      createdByName: 'Thomas Aides',
    });
    // Today's rule has not changed.
    expect(added.body.current.perAid.driving_licence).toBe(150_000);
    const taken = await manager.call(api.aids.addCeilings, { body: input });
    expect(taken.status).toBe(409);
  });

  it('opens the demo’s envelopes of the year once, leaving the ones already open', async () => {
    const hubs = await app.ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('department_code', '=', '13')
      .execute();
    const travel = (await manager.call(api.aids.envelopes, { query: { year } })).body.items.find(
      (e) => e.kind === 'travel' && e.hubId === hubId,
    )!;
    await loadDemoAids(app.ctx);
    const once = await app.ctx.db
      .selectFrom('aid_envelope')
      .selectAll()
      .where('department_code', '=', '13')
      .where('year', '=', year)
      .execute();
    expect(once).toHaveLength(hubs.length * 8);
    expect(Number(once.find((e) => e.kind === 'travel' && e.hub_id === hubId)!.amount_cents)).toBe(
      travel.amountCents,
    );
    await loadDemoAids(app.ctx);
    expect(await count('aid_envelope')).toBe(once.length);
  });
});
