import type { z } from 'zod';
import { ApiRequestError, errorMessage, isApiError } from './api';

/** Field name → French message. */
export type FieldErrors = Record<string, string>;

export interface FormErrorState {
  /** General message (shown in an Alert above the form). */
  message: string | null;
  fields: FieldErrors;
}

export const noErrors: FormErrorState = { message: null, fields: {} };

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FormErrorState };

const invalidFormMessage = 'Le formulaire contient des erreurs. Corrigez les champs signalés.';

/** Validate values with a contracts schema; first message per field. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): Validation<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fields: FieldErrors = {};
  const loose: string[] = [];
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    if (!key) loose.push(issue.message);
    else fields[key] ??= issue.message;
  }
  return { ok: false, errors: { message: loose[0] ?? invalidFormMessage, fields } };
}

/** Normalise an API field path ("body.email", "/email", "email") to a form field name. */
function fieldName(path: string): string {
  return path
    .replace(/^\//, '')
    .replaceAll('/', '.')
    .replace(/^(body|query|params)\./, '');
}

/** Turn any error into a form error state; field messages the form does not know go into the general message. */
export function errorsFromApi(error: unknown, knownFields: readonly string[] = []): FormErrorState {
  if (!(error instanceof ApiRequestError)) return { message: errorMessage(error), fields: {} };
  const fields: FieldErrors = {};
  const loose: string[] = [];
  for (const field of error.fields) {
    const name = fieldName(field.path);
    if (knownFields.includes(name)) fields[name] ??= field.message;
    else loose.push(field.message);
  }
  const message = [error.message, ...loose].filter(Boolean).join(' ');
  return { message: message || invalidFormMessage, fields };
}

/**
 * A 409 that means "someone saved this record in the meantime" (reload, keep my input). A 409 that
 * names fields is a conflict with other data (an e-mail already used, a name already taken): its
 * messages go under those fields like any refusal.
 */
export function isVersionConflict(error: unknown): boolean {
  return isApiError(error, 'CONFLICT') && error.fields.length === 0;
}

export function hasErrors(state: FormErrorState): boolean {
  return state.message !== null || Object.keys(state.fields).length > 0;
}

/** Move focus to the first invalid field of a form (after React has rendered the errors). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  if (!form) return;
  requestAnimationFrame(() => {
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else form.querySelector<HTMLElement>('[data-form-alert]')?.focus();
  });
}

/** '' → null, trimmed otherwise. */
export function emptyToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
