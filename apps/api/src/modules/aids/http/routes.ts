import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { decideAid, listPersonAids, requestAid, withdrawAid } from '../application/aids';
import { addAidCeilings, getAidCeilings } from '../application/ceilings';
import { listEnvelopes, setEnvelope } from '../application/envelopes';
import {
  buildPaymentOrder,
  exportPaymentOrderCsv,
  getPaymentOrder,
  listPaymentOrders,
  markPaymentOrderPaid,
} from '../application/payment-orders';
import { aidQueue } from '../application/queue';

const routes = api.aids;

/** Individual aids: requests, decisions, envelopes, ceilings and payment orders. */
export async function registerAidsModule(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.listForPerson, ({ actor, params, request }) =>
    listPersonAids(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.request, ({ actor, params, body, request }) =>
    requestAid(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.withdraw, ({ actor, params, body, request }) =>
    withdrawAid(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.queue, ({ actor, query, request }) => aidQueue(ctx, actor, query, request));
  registerRoute(app, routes.decide, ({ actor, params, body, request }) =>
    decideAid(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.envelopes, ({ actor, query }) => listEnvelopes(ctx, actor, query.year));
  registerRoute(app, routes.setEnvelope, ({ actor, body, request }) =>
    setEnvelope(ctx, actor, body, request),
  );
  registerRoute(app, routes.ceilings, ({ actor }) => getAidCeilings(ctx, actor));
  registerRoute(app, routes.addCeilings, ({ actor, body, request }) =>
    addAidCeilings(ctx, actor, body, request),
  );
  registerRoute(app, routes.paymentOrders, ({ actor }) => listPaymentOrders(ctx, actor));
  registerRoute(app, routes.buildPaymentOrder, ({ actor, body, request }) =>
    buildPaymentOrder(ctx, actor, body, request),
  );
  registerRoute(app, routes.paymentOrder, ({ actor, params, request }) =>
    getPaymentOrder(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.paymentOrderCsv, async ({ actor, params, request, reply }) => {
    const { fileName, content } = await exportPaymentOrderCsv(ctx, actor, params.id, request);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(content, 'utf8'));
  });
  registerRoute(app, routes.markPaid, ({ actor, params, body, request }) =>
    markPaymentOrderPaid(ctx, actor, params.id, body, request),
  );
}
