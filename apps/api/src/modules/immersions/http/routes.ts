import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { getImmersionPdf } from '../application/document';
import { assessImmersion, renewImmersion } from '../application/follow-up';
import { createImmersion, transitionImmersion, updateImmersion } from '../application/immersions';
import { addImmersionLimits, getImmersionLimits } from '../application/limits';
import { immersionSignatureSummary, signImmersionWithLink } from '../application/public-signature';
import { getImmersion, listPersonImmersions } from '../application/read';
import { sendImmersionSignLink, signImmersionOnScreen } from '../application/signatures';

const routes = api.immersions;

/** PMSMP immersions: conventions, workflow, signatures (on screen, e-mailed link), renewal, assessment, PDF. */
export async function registerImmersionsModule(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.listForPerson, ({ actor, params, request }) =>
    listPersonImmersions(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.create, ({ actor, params, body, request }) =>
    createImmersion(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.get, ({ actor, params, request }) =>
    getImmersion(ctx, actor, params.immersionId, request),
  );
  registerRoute(app, routes.update, ({ actor, params, body, request }) =>
    updateImmersion(ctx, actor, params.immersionId, body, request),
  );
  registerRoute(app, routes.transition, ({ actor, params, body, request }) =>
    transitionImmersion(ctx, actor, params.immersionId, body, request),
  );
  registerRoute(app, routes.signOnScreen, ({ actor, params, body, request }) =>
    signImmersionOnScreen(ctx, actor, params.immersionId, body, request),
  );
  registerRoute(app, routes.sendSignLink, ({ actor, params, body, request }) =>
    sendImmersionSignLink(ctx, actor, params.immersionId, body, request),
  );
  registerRoute(app, routes.renew, ({ actor, params, body, request }) =>
    renewImmersion(ctx, actor, params.immersionId, body, request),
  );
  registerRoute(app, routes.assess, ({ actor, params, body, request }) =>
    assessImmersion(ctx, actor, params.immersionId, body, request),
  );
  registerRoute(app, routes.pdf, async ({ actor, params, request, reply }) => {
    const { pdf, fileName } = await getImmersionPdf(ctx, actor, params.immersionId, request);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
  registerRoute(app, routes.limits, ({ actor }) => getImmersionLimits(ctx, actor));
  registerRoute(app, routes.addLimits, ({ actor, body, request }) =>
    addImmersionLimits(ctx, actor, body, request),
  );
  registerRoute(app, routes.signatureSummary, ({ body, request }) =>
    immersionSignatureSummary(ctx, body.token, request),
  );
  registerRoute(app, routes.signWithLink, ({ body, request }) => signImmersionWithLink(ctx, body, request));
}
