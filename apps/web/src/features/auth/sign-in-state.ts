/**
 * What the application and the sign-in pages pass to each other through the address and the
 * tab's storage. Free of the contracts' schemas: the light sign-in bundle imports it.
 */

const loggedOutKey = 'parcours.deconnecte';

export function markLoggedOut(): void {
  try {
    sessionStorage.setItem(loggedOutKey, '1');
  } catch {
    // storage unavailable: the login page simply shows no confirmation
  }
}

/** Read (once) the "you have been signed out" flag left when signing out. */
export function consumeLoggedOutFlag(): boolean {
  try {
    const value = sessionStorage.getItem(loggedOutKey);
    sessionStorage.removeItem(loggedOutKey);
    return value === '1';
  } catch {
    return false;
  }
}

/** A return path taken from the URL: only paths of this application, never the sign-in pages. */
export function safeReturnPath(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/connexion')) return '/';
  return value;
}

/** The login page's address, coming back to `back` (a path of the application) once signed in. */
export function loginPath(back: string, reason?: 'session_expiree'): string {
  const params = new URLSearchParams();
  if (reason) params.set('erreur', reason);
  if (back !== '/' && !back.startsWith('/connexion')) params.set('retour', back);
  const query = params.toString();
  return query ? `/connexion?${query}` : '/connexion';
}
