import type { AuthConfig, SessionResponse } from '@parcours/contracts';
import { permissionsOf, type RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { accountScopeNames, departmentName } from '../infra/accounts-repo';

/** What the login page offers: password always, OIDC when configured, under the département's name. */
export async function authConfig(ctx: AppContext, oidcEnabled: boolean): Promise<AuthConfig> {
  return {
    oidcEnabled,
    oidcLabel: ctx.config.oidcLabel,
    departmentName:
      (await departmentName(ctx.db, ctx.config.departmentCode)) ?? `Département ${ctx.config.departmentCode}`,
  };
}

/** The signed-in agent as the web sees it: identity, scope names, permissions, timeouts. */
export async function sessionResponse(ctx: AppContext, actor: RequestActor): Promise<SessionResponse> {
  const scope = await accountScopeNames(ctx.db, actor.accountId);
  return {
    actor: {
      accountId: actor.accountId,
      email: actor.email,
      displayName: actor.displayName,
      role: actor.role,
      departmentCode: actor.departmentCode,
      hubId: actor.hubId,
      hubName: scope.hub_name,
      structureId: actor.structureId,
      structureName: scope.structure_name,
      personId: actor.personId,
      permissions: permissionsOf(actor.role),
    },
    csrfToken: actor.csrfToken,
    idleTimeoutSeconds: ctx.config.sessionIdleMinutes * 60,
    expiresAt: actor.expiresAt.toISOString(),
  };
}
