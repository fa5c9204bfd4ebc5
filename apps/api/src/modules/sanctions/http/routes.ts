import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import {
  cancelCase,
  decide,
  endCase,
  notify,
  recordObservations,
  sendNotice,
} from '../application/case-steps';
import { openCase } from '../application/cases';
import { dismissFailure } from '../application/failure-dismissal';
import { failureQueue, personSanctions, recordFailure } from '../application/failures';
import { caseLettersPdf } from '../application/letters';
import { addSanctionPractice, addSanctionRegime, getSanctionRules } from '../application/sanction-rules';
import { sanctionStatistics } from '../application/statistics';
import { registerCafRoutes } from './caf-routes';
import { registerEpSessionRoutes } from './ep-routes';
import { registerSasRoutes } from './sas-routes';

const routes = api.sanctions;
const cases = api.sanctionCases;

/** Duties and sanctions: the dated rule sets (regimes, the département's practice), failures and cases. */
export async function registerSanctionsModule(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.rules, ({ actor }) => getSanctionRules(ctx, actor));
  registerRoute(app, routes.addRegime, ({ actor, body, request }) =>
    addSanctionRegime(ctx, actor, body, request),
  );
  registerRoute(app, routes.addPractice, ({ actor, body, request }) =>
    addSanctionPractice(ctx, actor, body, request),
  );
  registerRoute(app, cases.statistics, ({ actor, query }) => sanctionStatistics(ctx, actor, query));
  registerRoute(app, cases.failureQueue, ({ actor, query, request }) =>
    failureQueue(ctx, actor, query, request),
  );
  registerRoute(app, cases.ofPerson, ({ actor, params, request }) =>
    personSanctions(ctx, actor, params.id, request),
  );
  registerRoute(app, cases.recordFailure, ({ actor, params, body, request }) =>
    recordFailure(ctx, actor, params.id, body, request),
  );
  registerRoute(app, cases.dismissFailure, ({ actor, params, body, request }) =>
    dismissFailure(ctx, actor, params.id, params.failureId, body, request),
  );
  registerRoute(app, cases.openCase, ({ actor, params, body, request }) =>
    openCase(ctx, actor, params.id, body, request),
  );
  registerRoute(app, cases.sendNotice, ({ actor, params, body, request }) =>
    sendNotice(ctx, actor, params.id, params.caseId, body, request),
  );
  registerRoute(app, cases.recordObservations, ({ actor, params, body, request }) =>
    recordObservations(ctx, actor, params.id, params.caseId, body, request),
  );
  registerRoute(app, cases.decide, ({ actor, params, body, request }) =>
    decide(ctx, actor, params.id, params.caseId, body, request),
  );
  registerRoute(app, cases.notify, ({ actor, params, body, request }) =>
    notify(ctx, actor, params.id, params.caseId, body, request),
  );
  registerRoute(app, cases.end, ({ actor, params, body, request }) =>
    endCase(ctx, actor, params.id, params.caseId, body, request),
  );
  registerRoute(app, cases.cancel, ({ actor, params, body, request }) =>
    cancelCase(ctx, actor, params.id, params.caseId, body, request),
  );
  registerRoute(app, cases.caseLettersPdf, async ({ actor, params, request, reply }) => {
    const { pdf, fileName } = await caseLettersPdf(ctx, actor, params.id, params.caseId, request);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
  registerCafRoutes(app, ctx);
  registerEpSessionRoutes(app, ctx);
  registerSasRoutes(app, ctx);
}
