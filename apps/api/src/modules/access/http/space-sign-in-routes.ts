import { api } from '@parcours/contracts';
import type { SessionService } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { unauthenticated } from '../../../platform/errors';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import {
  requestSpaceCode,
  requestSpaceLink,
  signInWithCode,
  signInWithLink,
} from '../application/beneficiary-login';
import { sessionResponse } from '../application/session';

const routes = api.space;

/** The beneficiary's passwordless sign-in (link by e-mail, code by SMS): public, rate limited. */
export async function registerSpaceSignInRoutes(app: TypedApp, ctx: AppContext, sessions: SessionService) {
  const rateLimit = { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' };
  const open = async (
    account: { id: string; department_code: string },
    method: 'link' | 'sms_code',
    req: Parameters<SessionService['create']>[1],
    reply: Parameters<SessionService['create']>[0],
  ) => {
    const token = await sessions.create(reply, req, account, method);
    const actor = await sessions.loadToken(token, { cache: false });
    if (!actor) throw unauthenticated();
    return sessionResponse(ctx, actor);
  };
  registerRoute(app, routes.requestLink, ({ body, request }) => requestSpaceLink(ctx, body.email, request), {
    config: { rateLimit },
  });
  registerRoute(app, routes.requestCode, ({ body, request }) => requestSpaceCode(ctx, body.phone, request), {
    config: { rateLimit },
  });
  registerRoute(
    app,
    routes.signInWithLink,
    async ({ body, request, req, reply }) =>
      open(await signInWithLink(ctx, body.token, request), 'link', req, reply),
    { config: { rateLimit } },
  );
  registerRoute(
    app,
    routes.signInWithCode,
    async ({ body, request, req, reply }) =>
      open(await signInWithCode(ctx, body, request), 'sms_code', req, reply),
    { config: { rateLimit } },
  );
}
