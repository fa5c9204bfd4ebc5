import type { AuditAction, ErrorCode, FieldError } from '@parcours/contracts';

/**
 * What went wrong, in the domain's words. Use cases throw these; only the HTTP edge
 * (`platform/http/errors.ts`) turns a kind into a status.
 */
export type ErrorKind =
  | 'invalid'
  | 'unprocessable'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

/** A refusal meant for the user: stable code, French message, field messages when a form is at fault. */
export class DomainError extends Error {
  /**
   * A refusal to write to the audit trail once the transaction that found it has rolled back
   * (the HTTP edge writes it with the request's actor): a refusal inside a transaction is traced too.
   */
  trace?: RefusalTrace;

  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export interface RefusalTrace {
  action: AuditAction;
  personId: string | null;
  targetType: string;
  targetId: string;
}

export const notFound = (what = 'Ressource') =>
  new DomainError('not_found', 'NOT_FOUND', `${what} introuvable.`);
export const forbidden = (message = "Vous n'avez pas accès à cette ressource.") =>
  new DomainError('forbidden', 'FORBIDDEN', message);
export const unauthenticated = (message = 'Vous devez vous connecter pour accéder à cette ressource.') =>
  new DomainError('unauthenticated', 'UNAUTHENTICATED', message);
export const conflict = (message: string, fields?: FieldError[]) =>
  new DomainError('conflict', 'CONFLICT', message, fields);
export const versionConflict = () =>
  conflict(
    'Cette fiche a été modifiée par quelqu’un d’autre entre-temps. Rechargez la page pour voir la dernière version.',
  );
/** One field at fault (the form shows the message next to it). */
export const invalid = (path: string, message: string, code = 'invalid') =>
  invalidFields([{ path, code, message }]);
/** Several fields at fault, or a whole request refused with its own message (no fields). */
export const invalidFields = (fields: FieldError[], message = 'Certaines données sont invalides.') =>
  new DomainError('invalid', 'VALIDATION_ERROR', message, fields.length ? fields : undefined);
export const badRequest = (message: string) => new DomainError('invalid', 'VALIDATION_ERROR', message);
/** Well-formed but impossible in the person's situation (rights closed, nobody to convene…). */
export const unprocessable = (message: string, code: ErrorCode = 'VALIDATION_ERROR', fields?: FieldError[]) =>
  new DomainError('unprocessable', code, message, fields);
