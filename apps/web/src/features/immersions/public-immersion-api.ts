import type { api, BodyOf, ResponseOf } from '@parcours/contracts';
import { publicImmersionRoutePaths } from '@parcours/contracts/public-paths';
import { apiFetch } from '../../lib/api';

/**
 * The signing page's calls, part of the light sign-in bundle (`connexion.html`): paths from the
 * Zod-free `public-paths`, types from the full definitions (imported as types only).
 */
type Name = keyof typeof publicImmersionRoutePaths;
type Def<N extends Name> = (typeof api.immersions)[N];

export function immersionPublicCall<N extends Name>(
  name: N,
  body: BodyOf<Def<N>>,
): Promise<ResponseOf<Def<N>>> {
  const { method, path } = publicImmersionRoutePaths[name];
  return apiFetch<ResponseOf<Def<N>>>(path, { method, body, redirectOnUnauthorized: false });
}
