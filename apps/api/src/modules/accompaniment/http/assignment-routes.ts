import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { assignPersons, getAssignmentInbox, listAssignmentStructures } from '../application/assignment';
import { addPortfolioCaps, getPortfolioCaps } from '../application/portfolio-caps';
import { changeReferent, getPersonReferents } from '../application/referent-change';

const routes = api.accompaniment;

/** Référent unique: assignment inbox, portfolio caps, change of référent and its history. */
export function registerAssignmentRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.assignmentStructures, async ({ actor }) => ({
    items: await listAssignmentStructures(ctx, actor),
  }));
  registerRoute(app, routes.assignmentInbox, ({ actor, query, request }) =>
    getAssignmentInbox(ctx, actor, query, request),
  );
  registerRoute(app, routes.assignPersons, ({ actor, body, request }) =>
    assignPersons(ctx, actor, body, request),
  );
  registerRoute(app, routes.portfolioCaps, ({ actor }) => getPortfolioCaps(ctx, actor));
  registerRoute(app, routes.addPortfolioCaps, ({ actor, body, request }) =>
    addPortfolioCaps(ctx, actor, body, request),
  );
  registerRoute(app, routes.personReferents, ({ actor, params, request }) =>
    getPersonReferents(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.changeReferent, ({ actor, params, body, request }) =>
    changeReferent(ctx, actor, params.id, body, request),
  );
}
