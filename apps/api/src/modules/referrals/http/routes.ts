import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { addReferralDelays, getReferralDelays } from '../application/delays';
import {
  acceptReferral,
  enterReferral,
  exitReferral,
  getOperatorReferral,
  listOperatorActions,
  listOperatorReferrals,
  recordAttendance,
  refuseReferral,
} from '../application/operator';
import { cancelReferral, createReferral, listPersonReferrals } from '../application/referent';

const routes = api.referrals;

/** Fiches de liaison: the référent's side (person file) and the operator portal. */
export async function registerReferralsModule(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.listForPerson, ({ actor, params, request }) =>
    listPersonReferrals(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.create, ({ actor, params, body, request }) =>
    createReferral(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.cancel, ({ actor, params, body, request }) =>
    cancelReferral(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.delays, ({ actor }) => getReferralDelays(ctx, actor));
  registerRoute(app, routes.addDelays, ({ actor, body, request }) =>
    addReferralDelays(ctx, actor, body, request),
  );
  registerRoute(app, routes.operatorList, ({ actor, query, request }) =>
    listOperatorReferrals(ctx, actor, query, request),
  );
  registerRoute(app, routes.operatorActions, ({ actor }) => listOperatorActions(ctx, actor));
  registerRoute(app, routes.operatorGet, ({ actor, params, request }) =>
    getOperatorReferral(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.accept, ({ actor, params, body, request }) =>
    acceptReferral(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.refuse, ({ actor, params, body, request }) =>
    refuseReferral(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.enter, ({ actor, params, body, request }) =>
    enterReferral(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.exit, ({ actor, params, body, request }) =>
    exitReferral(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.recordAttendance, ({ actor, params, body, request }) =>
    recordAttendance(ctx, actor, params.id, body, request),
  );
}
