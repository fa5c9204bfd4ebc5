import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors';

/**
 * Input no route may receive, whatever its schema: PostgreSQL refuses the NUL character in text,
 * and no field of Parcours has a use for it. Checked before validation, on every route.
 */
export function rejectNulBytes(req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) {
  // A callback hook, not an async one: it runs on every request and needs no promise.
  const path = partPath('params', req.params) ?? partPath('query', req.query) ?? partPath('body', req.body);
  if (path === null) return done();
  done(
    new DomainError('invalid', 'VALIDATION_ERROR', 'Certaines données sont invalides.', [
      { path, code: 'nul_character', message: 'Caractère interdit (caractère nul).' },
    ]),
  );
}

function partPath(part: string, value: unknown): string | null {
  const path = nulPath(value, 0);
  return path === null ? null : path || part;
}

/** The path of the first string holding a NUL (keys included), '' for the value itself, or null. */
function nulPath(value: unknown, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\0') ? '' : null;
  // Uploads (streams, buffers) are checked by their own parsers; deep nesting is refused by Zod.
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 20) return null;
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return null;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key.includes('\0')) return key.replaceAll('\0', '');
    const inner = nulPath((value as Record<string, unknown>)[key], depth + 1);
    if (inner !== null) return inner ? `${key}.${inner}` : key;
  }
  return null;
}

/**
 * PostgreSQL "data exception" errors (SQLSTATE class 22: impossible date, number out of range,
 * invalid text representation, NUL in text…) are caused by a value the client sent that the edge
 * validation let through: a 400, not a 500. Validation at the edge stays the rule; this is the net.
 */
export function isDatabaseDataError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
