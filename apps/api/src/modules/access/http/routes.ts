import { api } from '@parcours/contracts';
import type { SessionService } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { unauthenticated } from '../../../platform/errors';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import {
  createAccount,
  getAccount,
  listAccounts,
  revokeAccountSessions,
  saveAccount,
  sendAccountReset,
  unlockAccount,
} from '../application/accounts';
import { listAudit, personAudit, verifyAudit } from '../application/audit';
import { exportAuditCsv } from '../application/audit-export';
import {
  changePassword,
  confirmPasswordReset,
  login,
  logout,
  requestPasswordReset,
} from '../application/auth';
import { listJobs, retryJob } from '../application/jobs';
import { completeOidcLogin, oidcClientOf, requireOidc, startOidcLogin } from '../application/oidc';
import { authConfig, sessionResponse } from '../application/session';

const routes = api.access;
const OIDC_STATE_COOKIE = 'parcours_oidc_state';
const OIDC_COOKIE_PATH = '/api/auth/oidc';

export async function registerAccessModule(app: TypedApp, ctx: AppContext, sessions: SessionService) {
  const oidc = oidcClientOf(ctx);
  const rateLimit = { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' };

  // ---- Authentication -------------------------------------------------------------------------
  registerRoute(app, routes.authConfig, () => authConfig(ctx, Boolean(oidc)));
  registerRoute(app, routes.session, ({ actor }) => sessionResponse(ctx, actor));
  registerRoute(
    app,
    routes.login,
    async ({ body, request, req, reply }) => {
      const account = await login(ctx, body, request);
      const token = await sessions.create(reply, req, account, 'password');
      // Not cached: the session's first request checks it in the database (fresh from login).
      const actor = await sessions.loadToken(token, { cache: false });
      if (!actor) throw unauthenticated();
      return sessionResponse(ctx, actor);
    },
    { config: { rateLimit } },
  );
  registerRoute(app, routes.logout, async ({ actor, request, reply }) => {
    await logout(ctx, sessions, actor, 'one', request);
    sessions.clearCookie(reply);
  });
  registerRoute(app, routes.logoutAll, async ({ actor, request, reply }) => {
    await logout(ctx, sessions, actor, 'all', request);
    sessions.clearCookie(reply);
  });
  registerRoute(
    app,
    routes.requestPasswordReset,
    async ({ body, request }) => {
      await requestPasswordReset(ctx, body.email, request);
      return {
        message:
          'Si un compte correspond à cette adresse, un e-mail de réinitialisation vient d’être envoyé.',
      };
    },
    { config: { rateLimit } },
  );
  registerRoute(
    app,
    routes.confirmPasswordReset,
    ({ body, request }) => confirmPasswordReset(ctx, sessions, body, request),
    { config: { rateLimit } },
  );
  registerRoute(app, routes.changePassword, ({ actor, body, request }) =>
    changePassword(ctx, actor, body, request),
  );

  // OIDC: redirects, and a cookie that binds the callback to the browser that started the login.
  registerRoute(app, routes.oidcLogin, async ({ reply }) => {
    const started = await startOidcLogin(ctx, requireOidc(oidc));
    if (!started.ok) return reply.redirect(`/connexion?erreur=${started.reason}`);
    reply.setCookie(OIDC_STATE_COOKIE, started.state, {
      path: OIDC_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.cookieSecure,
      maxAge: 600,
    });
    return reply.redirect(started.url);
  });
  registerRoute(app, routes.oidcCallback, async ({ req, reply, request }) => {
    const client = requireOidc(oidc);
    const state = (req.query as Record<string, string | undefined>).state;
    const cookieState = req.cookies[OIDC_STATE_COOKIE];
    reply.clearCookie(OIDC_STATE_COOKIE, { path: OIDC_COOKIE_PATH });
    const done = await completeOidcLogin(ctx, client, { state, cookieState, url: req.url }, request);
    if (!done.ok) return reply.redirect(`/connexion?erreur=${done.reason}`);
    await sessions.create(reply, req, done.account, 'oidc');
    return reply.redirect('/');
  });

  // ---- Accounts (administrators) --------------------------------------------------------------
  registerRoute(app, routes.listAccounts, async ({ actor, query }) => ({
    items: await listAccounts(ctx, actor, query),
  }));
  registerRoute(app, routes.getAccount, ({ actor, params }) => getAccount(ctx, actor, params.id));
  registerRoute(app, routes.createAccount, ({ actor, body, request }) =>
    createAccount(ctx, actor, body, request),
  );
  registerRoute(app, routes.updateAccount, ({ actor, params, body, request }) =>
    saveAccount(ctx, sessions, actor, params.id, body, request),
  );
  registerRoute(app, routes.unlockAccount, ({ actor, params, request }) =>
    unlockAccount(ctx, actor, params.id, request),
  );
  registerRoute(app, routes.revokeAccountSessions, ({ actor, params, request }) =>
    revokeAccountSessions(ctx, sessions, actor, params.id, request),
  );
  registerRoute(app, routes.sendAccountReset, ({ actor, params, request }) =>
    sendAccountReset(ctx, actor, params.id, request),
  );

  // ---- Audit trail ----------------------------------------------------------------------------
  registerRoute(app, routes.listAudit, ({ actor, query, request }) => listAudit(ctx, actor, query, request));
  registerRoute(app, routes.exportAudit, async ({ actor, query, request, reply }) => {
    const csv = await exportAuditCsv(ctx, actor, query, request);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.fileName}"`)
      .send(csv.content);
  });
  registerRoute(app, routes.personAudit, ({ actor, params, query, request }) =>
    personAudit(ctx, actor, params.id, query, request),
  );
  registerRoute(app, routes.verifyAudit, ({ actor, request }) => verifyAudit(ctx, actor, request));

  // ---- Background jobs ------------------------------------------------------------------------
  registerRoute(app, routes.listJobs, ({ actor, query }) => listJobs(ctx, actor, query.status));
  registerRoute(app, routes.retryJob, ({ actor, params, request }) =>
    retryJob(ctx, actor, params.id, request),
  );
}
