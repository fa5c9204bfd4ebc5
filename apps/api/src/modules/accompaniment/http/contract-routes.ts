import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { getContractPdf } from '../application/contract-document';
import { getContract, listPersonContracts } from '../application/contract-read';
import { signContractInSpace } from '../application/contract-space-sign';
import { transitionContract } from '../application/contract-transitions';
import { amendContract, createContract, signContract, updateDraft } from '../application/contracts';

const routes = api.contracts;

/** Contracts of engagement: list, drafting, workflow moves, signatures, amendments, PDF. */
export function registerContractRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, routes.listForPerson, ({ actor, params, request }) =>
    listPersonContracts(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.create, ({ actor, params, body, request }) =>
    createContract(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.get, ({ actor, params, request }) => getContract(ctx, actor, params.id, request));
  registerRoute(app, routes.updateDraft, ({ actor, params, body, request }) =>
    updateDraft(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.transition, ({ actor, params, body, request }) =>
    transitionContract(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.sign, ({ actor, params, body, request }) =>
    signContract(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.amend, ({ actor, params, request }) =>
    amendContract(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.pdf, async ({ actor, params, request, reply }) => {
    const { pdf, fileName } = await getContractPdf(ctx, actor, params.id, params.number, request);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
  registerRoute(app, routes.signInSpace, ({ actor, params, body, request }) =>
    signContractInSpace(ctx, actor, params.id, body, request),
  );
}
