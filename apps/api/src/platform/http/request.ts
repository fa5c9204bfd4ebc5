import type { FastifyRequest } from 'fastify';
import { viewIdOf } from '../audit/view-dedupe';
import type { RequestActor } from '../auth/sessions';
import { unauthenticated } from '../errors';
import type { RequestInfo } from '../request-info';

/** The authenticated actor of a protected route (the access layer has already required one). */
export function actorOf(req: FastifyRequest): RequestActor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export type { RequestInfo };

const infos = new WeakMap<FastifyRequest, RequestInfo>();

export function requestOf(req: FastifyRequest): RequestInfo {
  let info = infos.get(req);
  if (!info) {
    info = { ip: req.ip, id: req.id, view: viewIdOf(req.headers['x-parcours-view']), memo: new Map() };
    infos.set(req, info);
  }
  return info;
}
