import {
  type BodyOf,
  type ParamsOf,
  pathOf,
  type QueryOf,
  type ResponseOf,
  type RouteDef,
  urlOf,
} from '@parcours/contracts';
import { type ApiFetchOptions, type ApiUploadOptions, apiFetch, apiUpload, type QueryValue } from './api';

type WithParams<D extends RouteDef> = D['params'] extends object
  ? { params: ParamsOf<D> }
  : { params?: undefined };
type WithBody<D extends RouteDef> = D['body'] extends object ? { body: BodyOf<D> } : { body?: undefined };

export type CallOptions<D extends RouteDef> = WithParams<D> &
  WithBody<D> & { query?: QueryOf<D> } & Pick<
    ApiFetchOptions,
    'signal' | 'redirectOnUnauthorized' | 'redirectOnForbidden'
  >;

/** Options are required when the route has path parameters or a body. */
type CallArgs<D extends RouteDef> = D['params'] extends object
  ? [CallOptions<D>]
  : D['body'] extends object
    ? [CallOptions<D>]
    : [CallOptions<D>?];

/**
 * Calls a route declared in `@parcours/contracts`: path, method and answer type come from its
 * definition (`call(api.agenda.listSlots, { query })`).
 */
export function call<D extends RouteDef>(def: D, ...[options]: CallArgs<D>): Promise<ResponseOf<D>> {
  const o = (options ?? {}) as CallOptions<D>;
  return apiFetch<ResponseOf<D>>(pathOf(def, o.params as Record<string, unknown> | undefined), {
    method: def.method,
    body: o.body,
    query: o.query as Record<string, QueryValue> | undefined,
    signal: o.signal,
    redirectOnUnauthorized: o.redirectOnUnauthorized,
    redirectOnForbidden: o.redirectOnForbidden,
  });
}

/** Sends a file as the raw body of an upload route, with progress. */
export function upload<D extends RouteDef>(
  def: D,
  options: Omit<ApiUploadOptions, 'query'> & { params?: ParamsOf<D>; query?: QueryOf<D> },
): Promise<ResponseOf<D>> {
  return apiUpload<ResponseOf<D>>(urlOf(def, options.params as Record<string, unknown> | undefined), {
    ...options,
    query: options.query as Record<string, QueryValue> | undefined,
  });
}

/** The URL of a route (files to download or open: PDF, XLSX, CSV). */
export function hrefOf<D extends RouteDef>(
  def: D,
  ...[options]: D['params'] extends object
    ? [{ params: ParamsOf<D>; query?: QueryOf<D> }]
    : [{ query?: QueryOf<D> }?]
): string {
  const o = options as { params?: Record<string, unknown>; query?: Record<string, unknown> } | undefined;
  return urlOf(def, o?.params, o?.query);
}
