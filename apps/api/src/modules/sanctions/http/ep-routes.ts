import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { addToEpAgenda, giveEpOpinion, inviteToSession, removeFromEpAgenda } from '../application/ep-agenda';
import { referToEp } from '../application/ep-referral';
import { addEpMember, removeEpMember, setEpPresence } from '../application/ep-session-members';
import {
  cancelEpSession,
  closeEpSession,
  holdEpSession,
  postponeEpSession,
} from '../application/ep-session-moves';
import { createEpSession, epSessionMinutes, getEpSession, listEpSessions } from '../application/ep-sessions';

const ep = api.epSessions;

/** The EP sessions of the pôles (issue 14 point 4) and the referral of a case to the EP. */
export function registerEpSessionRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, ep.list, ({ actor, query }) => listEpSessions(ctx, actor, query));
  registerRoute(app, ep.create, ({ actor, body, request }) => createEpSession(ctx, actor, body, request));
  registerRoute(app, ep.get, ({ actor, params, request }) => getEpSession(ctx, actor, params.id, request));
  registerRoute(app, ep.addMember, ({ actor, params, body, request }) =>
    addEpMember(ctx, actor, params.id, body, request),
  );
  registerRoute(app, ep.setPresence, ({ actor, params, body, request }) =>
    setEpPresence(ctx, actor, params.id, params.memberId, body, request),
  );
  registerRoute(app, ep.removeMember, ({ actor, params, request }) =>
    removeEpMember(ctx, actor, params.id, params.memberId, request),
  );
  registerRoute(app, ep.addToAgenda, ({ actor, params, body, request }) =>
    addToEpAgenda(ctx, actor, params.id, body, request),
  );
  registerRoute(app, ep.removeFromAgenda, ({ actor, params, request }) =>
    removeFromEpAgenda(ctx, actor, params.id, params.itemId, request),
  );
  registerRoute(app, ep.invite, ({ actor, params, body, request }) =>
    inviteToSession(ctx, actor, params.id, params.itemId, body, request),
  );
  registerRoute(app, ep.giveOpinion, ({ actor, params, body, request }) =>
    giveEpOpinion(ctx, actor, params.id, params.itemId, body, request),
  );
  registerRoute(app, ep.hold, ({ actor, params, body, request }) =>
    holdEpSession(ctx, actor, params.id, body, request),
  );
  registerRoute(app, ep.close, ({ actor, params, body, request }) =>
    closeEpSession(ctx, actor, params.id, body, request),
  );
  registerRoute(app, ep.postpone, ({ actor, params, body, request }) =>
    postponeEpSession(ctx, actor, params.id, body, request),
  );
  registerRoute(app, ep.cancel, ({ actor, params, body, request }) =>
    cancelEpSession(ctx, actor, params.id, body, request),
  );
  registerRoute(app, ep.minutes, async ({ actor, params, request, reply }) => {
    const { pdf, fileName } = await epSessionMinutes(ctx, actor, params.id, request);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
  registerRoute(app, ep.refer, ({ actor, params, body, request }) =>
    referToEp(ctx, actor, params.id, params.caseId, body, request),
  );
}
