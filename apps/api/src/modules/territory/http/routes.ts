import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import {
  assignCommune,
  createStructure,
  getStructure,
  listCommunes,
  listHubs,
  listStructures,
  previewCommuneMove,
  renameHub,
  updateStructure,
} from '../application/territory';

const routes = api.territory;

export async function registerTerritoryModule(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.listHubs, async ({ actor }) => ({
    items: await listHubs(ctx.db, actor.departmentCode),
  }));
  registerRoute(app, routes.renameHub, ({ actor, params, body, request }) =>
    renameHub(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.listCommunes, async ({ actor, query }) => ({
    items: await listCommunes(ctx.db, actor.departmentCode, query),
  }));
  registerRoute(app, routes.assignCommune, ({ actor, params, body, request }) =>
    assignCommune(ctx, actor, params.inseeCode, body.hubId, request),
  );
  registerRoute(app, routes.previewCommuneMove, ({ actor, params, query }) =>
    previewCommuneMove(ctx, actor, params.inseeCode, query.hubId),
  );
  registerRoute(app, routes.listStructures, async ({ actor, query }) => ({
    items: await listStructures(ctx.db, actor.departmentCode, query),
  }));
  registerRoute(app, routes.getStructure, ({ actor, params }) => getStructure(ctx, actor, params.id));
  registerRoute(app, routes.createStructure, ({ actor, body, request }) =>
    createStructure(ctx, actor, body, request),
  );
  registerRoute(app, routes.updateStructure, ({ actor, params, body, request }) =>
    updateStructure(ctx, actor, params.id, body, request),
  );
}
