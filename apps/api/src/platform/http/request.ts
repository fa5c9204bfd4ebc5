import type { FastifyRequest } from 'fastify';
import { viewIdOf } from '../audit/view-dedupe';
import type { RequestActor } from '../auth/sessions';
import { unauthenticated } from './errors';

/** The authenticated actor of a protected route (the access layer has already required one). */
export function actorOf(req: FastifyRequest): RequestActor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/**
 * What the audit trail keeps of a request: where it came from and its id, plus the page view it
 * belongs to (`x-parcours-view`, sent by the web client) so a page's calls make one file read.
 */
export const requestOf = (req: FastifyRequest) => ({
  ip: req.ip,
  id: req.id,
  view: viewIdOf(req.headers['x-parcours-view']),
});
