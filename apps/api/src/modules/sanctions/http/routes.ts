import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { addSanctionPractice, addSanctionRegime, getSanctionRules } from '../application/sanction-rules';

const routes = api.sanctions;

/** Duties and sanctions: the dated rule sets (regimes, the département's practice). */
export async function registerSanctionsModule(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.rules, ({ actor }) => getSanctionRules(ctx, actor));
  registerRoute(app, routes.addRegime, ({ actor, body, request }) =>
    addSanctionRegime(ctx, actor, body, request),
  );
  registerRoute(app, routes.addPractice, ({ actor, body, request }) =>
    addSanctionPractice(ctx, actor, body, request),
  );
}
