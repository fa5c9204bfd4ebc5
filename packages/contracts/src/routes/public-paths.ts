/**
 * Method and path of the routes the sign-in pages call. Kept free of Zod so the light sign-in
 * bundle (`apps/web/connexion.html`) needs no schema at all; `routes/access.ts` builds the full
 * definitions from these, so each path is still written once.
 */
export const publicRoutePaths = {
  authConfig: { method: 'GET', path: '/api/auth/config' },
  session: { method: 'GET', path: '/api/auth/session' },
  login: { method: 'POST', path: '/api/auth/login' },
  requestPasswordReset: { method: 'POST', path: '/api/auth/password-reset/request' },
  confirmPasswordReset: { method: 'POST', path: '/api/auth/password-reset/confirm' },
  oidcLogin: { method: 'GET', path: '/api/auth/oidc/login' },
} as const;

export type PublicRouteName = keyof typeof publicRoutePaths;

/** The sign-in pages: the server answers them with `connexion.html`, the light sign-in bundle. */
export const signInPagePaths = ['/connexion', '/mot-de-passe-oublie', '/reinitialiser-mot-de-passe'] as const;
