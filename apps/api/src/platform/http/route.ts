import type {
  ParsedBodyOf,
  ParsedParamsOf,
  ParsedQueryOf,
  ReplyOf,
  RouteDef,
  RouteScope,
} from '@parcours/contracts';
import { successStatusOf } from '@parcours/contracts';
import type { FastifyContextConfig, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RequestActor } from '../auth/sessions';
import type { AccessRule } from './access';
import { type RequestInfo, requestOf } from './request';
import type { TypedApp } from './types';

/** What a handler receives: validated inputs, the actor, the request's audit facts. */
export interface RouteCall<D extends RouteDef> {
  params: ParsedParamsOf<D>;
  query: ParsedQueryOf<D>;
  body: ParsedBodyOf<D>;
  /** The signed-in agent; `null` only on public routes. */
  actor: D['access'] extends { public: string } ? RequestActor | null : RequestActor;
  request: RequestInfo;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** A handler answers the route's success body, or the reply it has sent itself (files, redirects). */
export type RouteHandler<D extends RouteDef> = (
  call: RouteCall<D>,
) => Promise<ReplyOf<D> | FastifyReply> | ReplyOf<D> | FastifyReply;

export interface RouteOptions {
  bodyLimit?: number;
  /** Extra route config (rate limit). */
  config?: Omit<FastifyContextConfig, 'access'>;
}

export function accessRuleOf(def: RouteDef): AccessRule {
  if ('public' in def.access) return { public: true, reason: def.access.public };
  const scope: RouteScope | undefined = def.access.scope;
  return scope ? { permission: def.access.permission, scope } : { permission: def.access.permission };
}

/**
 * Registers a handler against a shared route definition: method, path, schemas, access rule and
 * success status all come from the definition.
 */
export function registerRoute<D extends RouteDef>(
  app: TypedApp,
  def: D,
  handler: RouteHandler<D>,
  options: RouteOptions = {},
): void {
  const response: Record<number, z.ZodType> = {};
  for (const [code, spec] of Object.entries(def.responses)) {
    if (spec instanceof z.ZodType) response[Number(code)] = spec;
  }
  const status = successStatusOf(def);
  app.route({
    method: def.method,
    url: def.path,
    bodyLimit: options.bodyLimit,
    config: { ...options.config, access: accessRuleOf(def) },
    schema: {
      tags: [...def.tags],
      ...(def.summary ? { summary: def.summary } : {}),
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.body ? { body: def.body } : {}),
      ...(Object.keys(response).length ? { response } : {}),
    },
    handler: async (req, reply) => {
      const result = await handler({
        params: req.params,
        query: req.query,
        body: req.body,
        actor: req.actor,
        request: requestOf(req),
        req,
        reply,
      } as RouteCall<D>);
      if (result === reply) return reply;
      reply.status(status);
      return status === 204 ? reply.send() : result;
    },
  });
}
