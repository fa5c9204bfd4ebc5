import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { requestSignatureCode } from '../../access';
import { openSpaceForPerson } from '../application/open-space';
import { personAppointmentNotices, reportAbsence, spaceOverview } from '../application/space';

const routes = api.space;

/** The beneficiary's own space (the sign-in routes are the access context's). */
export async function registerSpaceModule(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.overview, ({ actor, request }) => spaceOverview(ctx, actor, request));
  registerRoute(app, routes.reportAbsence, ({ actor, params, body, request }) =>
    reportAbsence(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.noticesOfPerson, ({ actor, params, request }) =>
    personAppointmentNotices(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.openForPerson, ({ actor, params, body, request }) =>
    openSpaceForPerson(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.requestSignatureCode, ({ actor, body, request }) =>
    requestSignatureCode(ctx, actor, body.channel, request),
  );
}
