import { OidcClient } from '../../../platform/auth/oidc';
import type { AppContext } from '../../../platform/context';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { findOidcAccount, recordOidcLogin } from '../infra/accounts-repo';
import { saveOidcLoginState, takeOidcLoginState } from '../infra/oidc-state-repo';

/** Why an OIDC login ends back on the login page (`/connexion?erreur=…`). */
export type OidcFailure = 'oidc_echec' | 'oidc_inconnu';

const publicUrlOf = (ctx: AppContext) =>
  ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`;

/** The OIDC client when single sign-on is configured, its callback on this server's public URL. */
export function oidcClientOf(ctx: AppContext): OidcClient | undefined {
  if (!ctx.config.oidc) return undefined;
  return new OidcClient(ctx.config.oidc, `${publicUrlOf(ctx).replace(/\/$/, '')}/api/auth/oidc/callback`);
}

export function requireOidc(oidc: OidcClient | undefined): OidcClient {
  if (!oidc) throw notFound('Connexion OpenID Connect');
  return oidc;
}

/**
 * Starts a login at the provider: the state is kept (and bound to the browser by the edge's
 * cookie). A provider that does not answer sends the agent back to the login page.
 */
export async function startOidcLogin(ctx: AppContext, oidc: OidcClient) {
  try {
    const { url, state, nonce, codeVerifier } = await oidc.authorizationUrl();
    await saveOidcLoginState(ctx.db, ctx.config.departmentCode, { state, nonce, codeVerifier });
    return { ok: true as const, url: url.href, state };
  } catch (err) {
    ctx.log.error({ err }, 'oidc login start failed');
    return { ok: false as const, reason: 'oidc_echec' as OidcFailure };
  }
}

/**
 * The provider's answer: the state must be the browser's own and recent, the identity an active
 * agent's account. Agents are provisioned by an administrator; the first OIDC login links the
 * identity by e-mail. Answers the account to open a session for, or why it failed.
 */
export async function completeOidcLogin(
  ctx: AppContext,
  oidc: OidcClient,
  /** `url` is the callback's request URL (path and query), as the provider redirected the browser. */
  input: { state: string | undefined; cookieState: string | undefined; url: string },
  request: RequestInfo,
) {
  const fail = (reason: OidcFailure) => ({ ok: false as const, reason });
  if (!input.state || !input.cookieState || input.state !== input.cookieState) return fail('oidc_echec');
  const saved = await takeOidcLoginState(ctx.db, input.state);
  if (!saved) return fail('oidc_echec');
  let identity: { subject: string; email: string | null };
  try {
    identity = await oidc.callback(new URL(input.url, publicUrlOf(ctx)), saved);
  } catch (err) {
    ctx.log.warn({ err }, 'oidc callback failed');
    return fail('oidc_echec');
  }
  const account = await findOidcAccount(ctx.db, identity);
  if (!account?.active || account.role === 'beneficiary') {
    await ctx.audit.record({
      actor: null,
      departmentCode: ctx.config.departmentCode,
      action: 'auth.login_failed',
      details: { method: 'oidc', reason: account ? 'disabled' : 'unknown_identity' },
      request,
    });
    return fail('oidc_inconnu');
  }
  await recordOidcLogin(ctx.db, account.id, identity.subject);
  await ctx.audit.record({
    actor: { accountId: account.id, role: account.role, departmentCode: account.department_code },
    action: 'auth.login',
    details: { method: 'oidc' },
    request,
  });
  return { ok: true as const, account };
}
