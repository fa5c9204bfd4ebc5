import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { catalogueFilters, getAction, searchCatalogue } from '../application/catalogue';
import {
  createAction,
  setActionOperators,
  setActionTerritories,
  updateAction,
} from '../application/catalogue-admin';
import { cancelSession, createSession, updateSession } from '../application/sessions';

const routes = api.catalogue;

export async function registerCatalogueRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.filters, ({ actor }) => catalogueFilters(ctx, actor));
  registerRoute(app, routes.search, ({ actor, query }) => searchCatalogue(ctx, actor, query));
  registerRoute(app, routes.getAction, ({ actor, params }) => getAction(ctx, actor, params.id));
  registerRoute(app, routes.createAction, ({ actor, body, request }) =>
    createAction(ctx, actor, body, request),
  );
  registerRoute(app, routes.updateAction, ({ actor, params, body, request }) =>
    updateAction(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.setOperators, ({ actor, params, body, request }) =>
    setActionOperators(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.setTerritories, ({ actor, params, body, request }) =>
    setActionTerritories(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.createSession, ({ actor, params, body, request }) =>
    createSession(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.updateSession, ({ actor, params, body, request }) =>
    updateSession(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.cancelSession, ({ actor, params, body, request }) =>
    cancelSession(ctx, actor, params.id, body, request),
  );
}
