import type { ErrorCode, FieldError } from '@parcours/contracts';

/** An error meant for the client: stable code, HTTP status and a French message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export const notFound = (what = 'Ressource') => new AppError('NOT_FOUND', 404, `${what} introuvable.`);
export const forbidden = (message = "Vous n'avez pas accès à cette ressource.") =>
  new AppError('FORBIDDEN', 403, message);
export const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', 401, 'Vous devez vous connecter pour accéder à cette ressource.');
export const versionConflict = () =>
  new AppError(
    'CONFLICT',
    409,
    'Cette fiche a été modifiée par quelqu’un d’autre entre-temps. Rechargez la page pour voir la dernière version.',
  );
export const invalid = (path: string, message: string, code = 'invalid') =>
  new AppError('VALIDATION_ERROR', 400, 'Certaines données sont invalides.', [{ path, code, message }]);
