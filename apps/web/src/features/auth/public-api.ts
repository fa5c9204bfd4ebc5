import type { AuthConfig, api, BodyOf, ResponseOf, SessionResponse } from '@parcours/contracts';
import { type PublicRouteName, publicRoutePaths } from '@parcours/contracts/public-paths';
import { ApiRequestError, apiFetch } from '../../lib/api';

/**
 * The sign-in pages' calls. They are served by their own light bundle (`connexion.html`): the
 * routes' paths come from the Zod-free `public-paths` of the contracts and their types from the
 * full definitions, imported as types only, so no schema ships with the login page.
 */
type Def<N extends PublicRouteName> = (typeof api.access)[N];

export function publicCall<N extends PublicRouteName>(
  name: N,
  body?: BodyOf<Def<N>>,
): Promise<ResponseOf<Def<N>>> {
  const { method, path } = publicRoutePaths[name];
  return apiFetch<ResponseOf<Def<N>>>(path, { method, body, redirectOnUnauthorized: false });
}

export const oidcLoginHref = publicRoutePaths.oidcLogin.path;

/** The current session, or null when nobody is signed in. */
export async function currentSession(): Promise<SessionResponse | null> {
  try {
    return await publicCall('session');
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export const fallbackAuthConfig: AuthConfig = { oidcEnabled: false, oidcLabel: '', departmentName: '' };
