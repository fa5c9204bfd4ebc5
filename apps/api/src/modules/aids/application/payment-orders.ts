import {
  type AidKind,
  type AidStatus,
  aidStatusLabels,
  aidWorkflow,
  formatCents,
  type PaymentOrderBuild,
  type PaymentOrderDetail,
  type PaymentOrderPaid,
  type PaymentOrderSummary,
} from '@parcours/contracts';
import { sql } from 'kysely';
import { personListTrace, recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { conflict, invalid, notFound, unprocessable } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition } from '../../../platform/workflow/transition';
import { paymentOrderCsv } from '../domain/payment-order-csv';
import { aidEvents } from '../domain/timeline-events';
import { personName } from '../infra/aids-repo';

const LABEL = 'Ordre de paiement';

function summaryQuery(db: Db, departmentCode: string) {
  return db
    .selectFrom('aid_payment_order as o')
    .leftJoin('insertion_hub as hub', 'hub.id', 'o.hub_id')
    .leftJoin('account as u', 'u.id', 'o.created_by')
    .select([
      'o.id',
      'o.number',
      'o.ordered_on',
      'hub.name as hub_name',
      'u.display_name',
      sql<number>`(SELECT count(*) FROM aid_payment_order_line l WHERE l.order_id = o.id)::int`.as(
        'line_count',
      ),
      sql<string>`(SELECT coalesce(sum(l.amount_cents), 0) FROM aid_payment_order_line l
        JOIN individual_aid a ON a.id = l.aid_id WHERE l.order_id = o.id AND a.status <> 'cancelled')`.as(
        'total',
      ),
      sql<number>`(SELECT count(*) FROM aid_payment_order_line l JOIN individual_aid a ON a.id = l.aid_id
        WHERE l.order_id = o.id AND a.status = 'paid')::int`.as('paid_count'),
      sql<number>`(SELECT count(*) FROM aid_payment_order_line l JOIN individual_aid a ON a.id = l.aid_id
        WHERE l.order_id = o.id AND a.status = 'cancelled')::int`.as('cancelled_count'),
    ])
    .where('o.department_code', '=', departmentCode);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

const toSummary = (r: SummaryRow): PaymentOrderSummary => ({
  id: r.id,
  number: r.number,
  orderedOn: String(r.ordered_on),
  hubName: r.hub_name,
  lineCount: Number(r.line_count),
  totalCents: Number(r.total),
  paidCount: Number(r.paid_count),
  cancelledCount: Number(r.cancelled_count),
  createdByName: r.display_name,
});

export async function listPaymentOrders(ctx: AppContext, actor: RequestActor) {
  const rows = await summaryQuery(ctx.db, actor.departmentCode)
    .orderBy('o.created_at', 'desc')
    .limit(200)
    .execute();
  return { items: rows.map(toSummary) };
}

async function loadOrder(db: Db, departmentCode: string, id: string): Promise<PaymentOrderDetail> {
  const head = await summaryQuery(db, departmentCode).where('o.id', '=', id).executeTakeFirst();
  if (!head) throw notFound(LABEL);
  const rows = await db
    .selectFrom('aid_payment_order_line as l')
    .innerJoin('individual_aid as a', 'a.id', 'l.aid_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select([
      'l.line_no',
      'l.aid_id',
      'a.person_id',
      'p.birth_name',
      'p.usual_name',
      'p.first_name',
      'l.kind',
      'l.hub_code',
      'l.hub_name',
      'l.payee_label',
      'l.payee_reference',
      'l.amount_cents',
      'a.status',
      'a.paid_on',
      'a.payment_reference',
      'a.version',
    ])
    .where('l.order_id', '=', id)
    .orderBy('l.line_no')
    .execute();
  const lines = rows.map((r) => ({
    lineNo: r.line_no,
    aidId: r.aid_id,
    personId: r.person_id,
    personName: personName(r),
    kind: r.kind as AidKind,
    hubCode: r.hub_code,
    hubName: r.hub_name,
    payeeLabel: r.payee_label,
    payeeReference: r.payee_reference,
    amountCents: Number(r.amount_cents),
    status: r.status as AidStatus,
    paidOn: r.paid_on ? String(r.paid_on) : null,
    paymentReference: r.payment_reference,
    aidVersion: r.version,
  }));
  const live = lines.filter((l) => l.status !== 'cancelled');
  const kinds = [...new Set(live.map((l) => l.kind))].sort();
  return {
    ...toSummary(head),
    lines,
    totalsByKind: kinds.map((kind) => {
      const of = live.filter((l) => l.kind === kind);
      return { kind, count: of.length, totalCents: of.reduce((s, l) => s + l.amountCents, 0) };
    }),
  };
}

/** An order with its lines; the persons it names are audited as a list. */
export async function getPaymentOrder(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<PaymentOrderDetail> {
  const order = await loadOrder(ctx.db, actor.departmentCode, id);
  await recordPersonList(
    ctx,
    actor,
    request,
    'aids.payment_order',
    { order: order.number },
    order.lines.map((l) => l.personId),
  );
  return order;
}

/**
 * Puts validated aids into a new order (all of the pôle, or the ones chosen): each aid moves to
 * `ordered` under its row lock and gets a frozen line; an aid already in an order, or not validated,
 * refuses the whole order. Orders are numbered per year under a lock of the département.
 */
export async function buildPaymentOrder(
  ctx: AppContext,
  actor: RequestActor,
  input: PaymentOrderBuild,
  request: RequestInfo,
): Promise<PaymentOrderDetail> {
  const dep = actor.departmentCode;
  if (input.hubId) {
    const hub = await ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('id', '=', input.hubId)
      .where('department_code', '=', dep)
      .executeTakeFirst();
    if (!hub) throw invalid('hubId', 'Pôle inconnu dans votre département.');
  }
  if (input.aidIds && new Set(input.aidIds).size !== input.aidIds.length)
    throw invalid('aidIds', 'Une même aide figure deux fois dans la sélection.');
  const today = parisToday();
  const year = Number(today.slice(0, 4));
  const orderId = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`aid-payment-order:${dep}`}))`.execute(trx);
    let q = trx
      .selectFrom('individual_aid as a')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .innerJoin('insertion_hub as hub', 'hub.id', 'a.hub_id')
      .leftJoin('aid_payment_order_line as ol', 'ol.aid_id', 'a.id')
      .leftJoin('aid_payment_order as po', 'po.id', 'ol.order_id')
      .select([
        'a.id',
        'a.person_id',
        'a.status',
        'a.kind',
        'a.amount_cents',
        'a.payee_label',
        'a.payee_reference',
        'a.hub_id',
        'hub.code as hub_code',
        'hub.name as hub_name',
        'p.birth_name',
        'p.usual_name',
        'p.first_name',
        'po.number as order_number',
      ])
      .where('a.department_code', '=', dep);
    if (input.hubId) q = q.where('a.hub_id', '=', input.hubId);
    q = input.aidIds ? q.where('a.id', 'in', input.aidIds) : q.where('a.status', '=', 'validated');
    const rows =
      input.aidIds?.length === 0 ? [] : await q.orderBy('a.requested_on').orderBy('a.created_at').execute();
    if (input.aidIds) {
      for (const id of input.aidIds)
        if (!rows.some((r) => r.id === id))
          throw invalid(
            'aidIds',
            input.hubId
              ? 'Une aide choisie est inconnue ou d’un autre pôle.'
              : 'Une aide choisie est inconnue.',
          );
      for (const r of rows) {
        const who = `${personName(r)} (${formatCents(Number(r.amount_cents))})`;
        if (r.order_number)
          throw conflict(
            `L’aide de ${who} figure déjà dans l’ordre de paiement ${r.order_number} : une aide n’est payée qu’une fois.`,
          );
        if (r.status !== 'validated')
          throw conflict(
            `L’aide de ${who} n’est pas validée (« ${aidStatusLabels[r.status as AidStatus]} ») : seule une aide validée se met en paiement.`,
          );
      }
    }
    if (rows.length === 0) throw unprocessable('Aucune aide validée à mettre en paiement.');
    const last = await trx
      .selectFrom('aid_payment_order')
      .select(sql<number>`coalesce(max(seq), 0)::int`.as('seq'))
      .where('department_code', '=', dep)
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    const seq = Number(last.seq) + 1;
    const number = `OP-${year}-${String(seq).padStart(4, '0')}`;
    const order = await trx
      .insertInto('aid_payment_order')
      .values({
        department_code: dep,
        number,
        year,
        seq,
        ordered_on: today,
        hub_id: input.hubId,
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let lineNo = 0;
    for (const r of rows) {
      await transition(trx, {
        workflow: aidWorkflow,
        table: 'individual_aid',
        id: r.id,
        to: 'ordered',
        actor,
        request,
        notFoundLabel: 'Aide',
        set: () => ({ updated_at: new Date() }),
        audit: (row) => ({
          action: 'aid.ordered',
          personId: row.person_id,
          targetType: 'individual_aid',
          targetId: row.id,
          details: { order: number, amountCents: Number(row.amount_cents) },
        }),
      });
      lineNo++;
      await trx
        .insertInto('aid_payment_order_line')
        .values({
          department_code: dep,
          order_id: order.id,
          line_no: lineNo,
          aid_id: r.id,
          kind: r.kind,
          hub_code: r.hub_code,
          hub_name: r.hub_name,
          payee_label: r.payee_label,
          payee_reference: r.payee_reference,
          amount_cents: Number(r.amount_cents),
        })
        .execute();
      await timeline(aidEvents, {
        personId: r.person_id,
        occurredOn: today,
        type: 'aid_ordered',
        data: { aidId: r.id, kind: r.kind, amountCents: Number(r.amount_cents), orderNumber: number },
      });
    }
    await audit({
      action: 'aid.payment_order_built',
      targetType: 'aid_payment_order',
      targetId: order.id,
      personIds: [...new Set(rows.map((r) => r.person_id))],
      details: {
        number,
        lines: rows.length,
        totalCents: rows.reduce((s, r) => s + Number(r.amount_cents), 0),
        hubId: input.hubId,
      },
    });
    return order.id;
  });
  return getPaymentOrder(ctx, actor, orderId, request);
}

/** The CSV for the finance system: the lines not cancelled, frozen at the order (same bytes each time). */
export async function exportPaymentOrderCsv(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<{ fileName: string; content: string }> {
  const order = await loadOrder(ctx.db, actor.departmentCode, id);
  const lines = order.lines.filter((l) => l.status !== 'cancelled');
  const trace = personListTrace(
    'aids.payment_order_export',
    { order: order.number },
    lines.map((l) => l.personId),
  );
  await ctx.audit.record({
    actor,
    action: 'aid.payment_order_exported',
    targetType: 'aid_payment_order',
    targetId: id,
    personIds: trace.personIds,
    details: trace.details,
    request,
  });
  return {
    fileName: `ordre-paiement-aides-${order.number}.csv`,
    content: paymentOrderCsv({ number: order.number, orderedOn: order.orderedOn }, lines),
  };
}

/** Marks paid the order's lines still in payment (all, or those chosen), with the day and reference. */
export async function markPaymentOrderPaid(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: PaymentOrderPaid,
  request: RequestInfo,
): Promise<PaymentOrderDetail> {
  const order = await loadOrder(ctx.db, actor.departmentCode, id);
  if (input.paidOn < order.orderedOn)
    throw invalid(
      'paidOn',
      `Le paiement ne peut pas précéder l’ordre (établi le ${order.orderedOn.split('-').reverse().join('/')}).`,
    );
  if (input.paidOn > parisToday())
    throw invalid('paidOn', 'Le paiement ne peut pas être daté dans le futur.');
  if (input.aidIds)
    for (const aidId of input.aidIds)
      if (!order.lines.some((l) => l.aidId === aidId))
        throw invalid('aidIds', 'Une aide choisie ne figure pas dans cet ordre de paiement.');
  const targets = input.aidIds ?? order.lines.filter((l) => l.status === 'ordered').map((l) => l.aidId);
  if (targets.length === 0)
    throw unprocessable('Toutes les lignes de cet ordre sont déjà payées ou annulées.');
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    for (const aidId of targets)
      await transition(trx, {
        workflow: aidWorkflow,
        table: 'individual_aid',
        id: aidId,
        to: 'paid',
        actor,
        request,
        notFoundLabel: 'Aide',
        set: () => ({
          paid_on: input.paidOn,
          payment_reference: input.paymentReference,
          updated_at: new Date(),
        }),
        audit: (row) => ({
          action: 'aid.paid',
          personId: row.person_id,
          targetType: 'individual_aid',
          targetId: row.id,
          details: { order: order.number, paidOn: input.paidOn, paymentReference: input.paymentReference },
        }),
        timeline: (row) => ({
          departmentCode: actor.departmentCode,
          personId: row.person_id,
          occurredOn: input.paidOn,
          type: 'aid_paid',
          data: {
            aidId: row.id,
            kind: row.kind,
            amountCents: Number(row.amount_cents),
            orderNumber: order.number,
          },
          actorAccountId: actor.accountId,
        }),
      });
  });
  return getPaymentOrder(ctx, actor, id, request);
}
