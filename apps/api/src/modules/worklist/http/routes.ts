import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { getWorklist } from '../application/worklist';

/** The home page's worklist. */
export async function registerWorklistModule(app: TypedApp, ctx: AppContext) {
  registerRoute(app, api.worklist.home, ({ actor }) => getWorklist(ctx, actor));
}
