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

/** The beneficiary's passwordless sign-in (issue 11): `routes/space.ts` builds the definitions. */
export const publicSpaceRoutePaths = {
  requestLink: { method: 'POST', path: '/api/space/auth/link' },
  signInWithLink: { method: 'POST', path: '/api/space/auth/link/confirm' },
  requestCode: { method: 'POST', path: '/api/space/auth/code' },
  signInWithCode: { method: 'POST', path: '/api/space/auth/code/confirm' },
} as const;

export type PublicSpaceRouteName = keyof typeof publicSpaceRoutePaths;

/** A party signs a PMSMP convention through the e-mailed single-use link (issue 12): `routes/immersions.ts`. */
export const publicImmersionRoutePaths = {
  signatureSummary: { method: 'POST', path: '/api/public/immersion-signature' },
  signWithLink: { method: 'POST', path: '/api/public/immersion-signature/sign' },
} as const;

/** The sign-in pages: the server answers them with `connexion.html`, the light sign-in bundle. */
export const signInPagePaths = [
  '/connexion',
  '/mot-de-passe-oublie',
  '/reinitialiser-mot-de-passe',
  // The beneficiary's space: sign-in by e-mail link or SMS code, and the link's landing page.
  '/espace/connexion',
  '/espace/lien',
  // A party signs a PMSMP convention through the e-mailed link (no account).
  '/immersion/signer',
] as const;
