import type { FastifyRequest } from 'fastify';
import type { RequestActor } from '../auth/sessions';
import { unauthenticated } from './errors';

/** The authenticated actor of a protected route (the access layer has already required one). */
export function actorOf(req: FastifyRequest): RequestActor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/** What the audit trail keeps of a request: where it came from and its id. */
export const requestOf = (req: FastifyRequest) => ({ ip: req.ip, id: req.id });
