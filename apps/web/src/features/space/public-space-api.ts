import type { api, BodyOf, ResponseOf } from '@parcours/contracts';
import { type PublicSpaceRouteName, publicSpaceRoutePaths } from '@parcours/contracts/public-paths';
import { apiFetch } from '../../lib/api';

/**
 * The beneficiary's sign-in calls, part of the light sign-in bundle (`connexion.html`): paths from
 * the Zod-free `public-paths`, types from the full definitions (imported as types only).
 */
type Def<N extends PublicSpaceRouteName> = (typeof api.space)[N];

export function spacePublicCall<N extends PublicSpaceRouteName>(
  name: N,
  body: BodyOf<Def<N>>,
): Promise<ResponseOf<Def<N>>> {
  const { method, path } = publicSpaceRoutePaths[name];
  return apiFetch<ResponseOf<Def<N>>>(path, { method, body, redirectOnUnauthorized: false });
}

/** Where the space opens once signed in (the application's bundle, a full page load). */
export const SPACE_HOME = '/espace';
