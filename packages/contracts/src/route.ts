import type { z } from 'zod';
import type { Permission } from './roles';

/**
 * One API route, declared once: the server registers its handler against it, the web calls it
 * through the generated client, the tests walk it. Paths use `:name` parameters.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An answer that is a file (PDF, XLSX, CSV, XML): the web links to it, it is not parsed. */
export interface BinaryResponse {
  readonly kind: 'binary';
  readonly contentType: string;
}
/** An answer without a body (204). */
export interface EmptyResponse {
  readonly kind: 'empty';
}
export const binary = (contentType: string): BinaryResponse => ({ kind: 'binary', contentType });
export const empty: EmptyResponse = { kind: 'empty' };
export type ResponseSpec = z.ZodType | BinaryResponse | EmptyResponse;

/**
 * What the route needs beyond the permission: `person` — the `:id` path parameter names a person,
 * and the person gate (scope, audited refusal) runs before the handler.
 */
export type RouteScope = 'person';

export type RouteAccess =
  | { readonly public: string }
  | { readonly permission: Permission; readonly scope?: RouteScope };

export interface RouteDef {
  readonly method: HttpMethod;
  readonly path: `/api/${string}`;
  readonly access: RouteAccess;
  /** OpenAPI tags, and a one-line summary when the path does not say enough. */
  readonly tags: readonly string[];
  readonly summary?: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** A file sent as the raw body, with one of these content types (no JSON body). */
  readonly upload?: readonly string[];
  readonly responses: { readonly [status: number]: ResponseSpec };
}

/** Declares a route; the literal type is kept so that clients infer params, body and answer. */
export const defineRoute = <const D extends RouteDef>(def: D): D => def;

type SuccessStatus = 200 | 201 | 202 | 204;
type SuccessSpec<D extends RouteDef> = D['responses'][Extract<keyof D['responses'], SuccessStatus>];

type Out<S> = S extends z.ZodType ? z.output<S> : S extends EmptyResponse ? undefined : never;
// biome-ignore lint/suspicious/noConfusingVoidType: a 204 handler returns nothing (a use case's Promise<void>).
type In<S> = S extends z.ZodType ? z.input<S> : S extends EmptyResponse ? void : never;

/** What a successful call answers (parsed JSON), as the web receives it. */
export type ResponseOf<D extends RouteDef> = Out<SuccessSpec<D>>;
/** What a handler may return for a successful call (before the response schema strips it). */
export type ReplyOf<D extends RouteDef> = In<SuccessSpec<D>>;
export type ParamsOf<D extends RouteDef> = D['params'] extends z.ZodType ? z.input<D['params']> : undefined;
export type QueryOf<D extends RouteDef> = D['query'] extends z.ZodType ? z.input<D['query']> : undefined;
export type BodyOf<D extends RouteDef> = D['body'] extends z.ZodType ? z.input<D['body']> : undefined;
/** Parsed (validated) inputs, as the handler receives them. */
export type ParsedParamsOf<D extends RouteDef> = D['params'] extends z.ZodType
  ? z.output<D['params']>
  : Record<string, never>;
export type ParsedQueryOf<D extends RouteDef> = D['query'] extends z.ZodType
  ? z.output<D['query']>
  : Record<string, never>;
export type ParsedBodyOf<D extends RouteDef> = D['body'] extends z.ZodType ? z.output<D['body']> : unknown;

/** The status of a successful answer: the route's first 2xx response. */
export function successStatusOf(def: RouteDef): number {
  const codes = Object.keys(def.responses)
    .map(Number)
    .filter((c) => c >= 200 && c < 300)
    .sort((a, b) => a - b);
  return codes[0] ?? 200;
}

/** The path with its `:name` parameters filled in (encoded). */
export function pathOf(def: Pick<RouteDef, 'path'>, params?: Record<string, unknown>): string {
  return def.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`Paramètre ${name} manquant pour ${def.path}`);
    }
    return encodeURIComponent(String(value));
  });
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** The query string of a call (`?a=1&b=x`), empty values left out; arrays repeat the key. */
export function queryStringOf(query?: Record<string, unknown>): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** Path and query of a call: for links to files and for any client. */
export function urlOf(
  def: Pick<RouteDef, 'path'>,
  params?: Record<string, unknown>,
  query?: Record<string, unknown>,
) {
  return pathOf(def, params) + queryStringOf(query);
}

/** Every route of a group of contexts, for registration checks and test sweeps. */
export function routeList(groups: Record<string, Record<string, RouteDef>>): RouteDef[] {
  return Object.values(groups).flatMap((g) => Object.values(g));
}
