import { type Actor, type AuthConfig, api, type Permission, type SessionResponse } from '@parcours/contracts';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { ApiRequestError, setCsrfToken } from '../../lib/api';
import { call } from '../../lib/client';
import { loginPath, markLoggedOut } from './sign-in-state';

export const sessionKey = ['auth', 'session'] as const;
export const authConfigKey = ['auth', 'config'] as const;

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await call(api.access.session, { redirectOnUnauthorized: false });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY });
}

/** Store a new session (after login) and drop what a previous user may have left in the cache. */
export function applySession(queryClient: QueryClient, session: SessionResponse): void {
  setCsrfToken(session.csrfToken);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  queryClient.setQueryData(sessionKey, session);
}

const fallbackConfig: AuthConfig = { oidcEnabled: false, oidcLabel: '', departmentName: '' };

export function useAuthConfig() {
  return useQuery({
    queryKey: authConfigKey,
    queryFn: () => call(api.access.authConfig, { redirectOnUnauthorized: false }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDepartmentName(): string {
  const config = useAuthConfig();
  return (config.data ?? fallbackConfig).departmentName;
}

/** Leave the application with a full page load, so no personal data stays in memory. */
export function leaveToLogin(reason: 'logout' | 'expired'): void {
  setCsrfToken(null);
  // A beneficiary goes back to the space's own sign-in page.
  if (window.location.pathname.startsWith('/espace')) {
    window.location.assign('/espace/connexion');
    return;
  }
  if (reason === 'logout') {
    markLoggedOut();
    window.location.assign('/connexion');
    return;
  }
  window.location.assign(loginPath(window.location.pathname + window.location.search, 'session_expiree'));
}

// --- The signed-in actor ---

const ActorContext = createContext<Actor | null>(null);

export function ActorProvider({ actor, children }: { actor: Actor; children: ReactNode }) {
  return <ActorContext value={actor}>{children}</ActorContext>;
}

export function useActor(): Actor {
  const actor = useContext(ActorContext);
  if (!actor) throw new Error('useActor() outside of an authenticated page');
  return actor;
}

export function useOptionalActor(): Actor | null {
  return useContext(ActorContext);
}

export function actorCan(actor: Actor | null, permission: Permission): boolean {
  return !!actor && actor.permissions.includes(permission);
}

export function useCan(permission: Permission): boolean {
  return actorCan(useContext(ActorContext), permission);
}

/** End this session on the server, then leave for the login page. */
export async function logout(scope: 'this' | 'all' = 'this'): Promise<void> {
  try {
    await call(scope === 'all' ? api.access.logoutAll : api.access.logout, { redirectOnUnauthorized: false });
  } catch (error) {
    // Already signed out on the server: nothing left to end.
    if (!(error instanceof ApiRequestError && error.status === 401)) throw error;
  }
  leaveToLogin('logout');
}
