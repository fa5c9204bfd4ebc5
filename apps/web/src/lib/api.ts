import type { FieldError, SessionResponse } from '@parcours/contracts';

/** An error answered by the API (or a network failure, status 0). `message` is French and shown as is. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;
  /** The answer's body as received: an import refused with its report carries the report here. */
  readonly body: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldError[] = [],
    requestId?: string,
    body?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
    this.body = body;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiRequestError {
  return error instanceof ApiRequestError && (code === undefined || error.code === code);
}

/** French message for any error, for display in an Alert. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return 'Une erreur inattendue est survenue. Réessayez dans un instant.';
}

// --- CSRF token (from the session response; sent on every non-GET request) ---

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The current CSRF token, for requests that do not go through apiFetch/apiUpload. */
export function getCsrfToken(): string | null {
  return csrfToken;
}

// --- Handlers wired by the application (navigation lives outside this module) ---

interface ApiHandlers {
  /** The session is gone (401 UNAUTHENTICATED on an authenticated call). */
  onUnauthorized: () => void;
  /** A GET was refused (403 FORBIDDEN): show the "Accès refusé" page. */
  onForbidden: () => void;
  /** The session was fetched again (CSRF token renewed). */
  onSessionRefreshed: (session: SessionResponse) => void;
}

let handlers: ApiHandlers = {
  onUnauthorized: () => {
    const back = window.location.pathname + window.location.search;
    window.location.assign(`/connexion?retour=${encodeURIComponent(back)}`);
  },
  onForbidden: () => {
    window.location.assign('/acces-refuse');
  },
  onSessionRefreshed: () => {},
};

export function configureApi(next: Partial<ApiHandlers>): void {
  handlers = { ...handlers, ...next };
}

// --- Activity tracking (the server's idle timeout restarts on each authenticated call) ---

let lastActivityAt = Date.now();
const activityListeners = new Set<() => void>();

export function getLastActivityAt(): number {
  return lastActivityAt;
}

export function subscribeToActivity(listener: () => void): () => void {
  activityListeners.add(listener);
  return () => {
    activityListeners.delete(listener);
  };
}

function recordActivity(): void {
  lastActivityAt = Date.now();
  for (const listener of activityListeners) listener();
}

// --- apiFetch ---

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiFetchOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Redirect to the login page on 401 UNAUTHENTICATED (default true). */
  redirectOnUnauthorized?: boolean;
  /** Show the "Accès refusé" page on 403 FORBIDDEN (default: true for GET only, so forms keep their values). */
  redirectOnForbidden?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

// --- Page view (one audited reading of a file per page view, not one per API call) ---

let view: { path: string; id: string } | null = null;

/**
 * The id of the current page view, sent as `X-Parcours-View`: a new one each time the page's path
 * changes (or the application reloads); every call of a page shares it, so the server records one
 * `person.read` for the file shown, whatever the number of calls the page makes.
 */
export function currentViewId(): string {
  const path = typeof window === 'undefined' ? '' : window.location.pathname;
  if (!view || view.path !== path) {
    // getRandomValues, not randomUUID: the latter is missing outside secure contexts (plain http).
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    view = { path, id: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') };
  }
  return view.id;
}

async function send(url: string, options: ApiFetchOptions, method: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Parcours-View': currentViewId() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError(
      0,
      'NETWORK_ERROR',
      'Le serveur Parcours est injoignable. Vérifiez votre connexion puis réessayez.',
    );
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  return parseBody(await response.text(), response.headers.get('Content-Type'));
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (!(contentType ?? '').includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toError(status: number, body: unknown): ApiRequestError {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object') {
      const e = error as { code?: unknown; message?: unknown; fields?: unknown; requestId?: unknown };
      const fields = Array.isArray(e.fields)
        ? (e.fields as unknown[]).filter(
            (f): f is FieldError =>
              !!f &&
              typeof f === 'object' &&
              typeof (f as FieldError).path === 'string' &&
              typeof (f as FieldError).message === 'string',
          )
        : [];
      return new ApiRequestError(
        status,
        typeof e.code === 'string' ? e.code : `HTTP_${status}`,
        typeof e.message === 'string' && e.message ? e.message : defaultMessage(status),
        fields,
        typeof e.requestId === 'string' ? e.requestId : undefined,
        body,
      );
    }
  }
  return new ApiRequestError(status, `HTTP_${status}`, defaultMessage(status), [], undefined, body);
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Votre session a expiré. Veuillez vous reconnecter.';
  if (status === 403) return "Vous n'avez pas les droits nécessaires pour cette action.";
  if (status === 404) return "L'élément demandé est introuvable.";
  if (status === 409)
    return "Ces données ont été modifiées par quelqu'un d'autre entre-temps. Rechargez-les.";
  if (status === 413)
    return 'Le fichier est trop volumineux : il dépasse la taille maximale acceptée par Parcours.';
  if (status === 429) return 'Trop de tentatives. Patientez quelques minutes avant de réessayer.';
  if (status >= 500)
    return `Le service Parcours a rencontré une erreur (code ${status}). Réessayez dans un instant.`;
  return `La requête a échoué (code ${status}).`;
}

let refreshing: Promise<boolean> | null = null;

/** Fetch the session again to renew the CSRF token (once, shared by concurrent callers). */
function refreshCsrfToken(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await send('/api/auth/session', {}, 'GET');
      if (!response.ok) return false;
      const session = (await readBody(response)) as SessionResponse;
      setCsrfToken(session.csrfToken);
      handlers.onSessionRefreshed(session);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * The one way the web talks to the API: same-origin cookie session, JSON in and out,
 * `X-CSRF-Token` on every non-GET request, French error messages as `ApiRequestError`.
 */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const url = buildUrl(path, options.query);
  let response = await send(url, options, method);
  let body = await readBody(response);

  if (response.status === 403 && method !== 'GET' && isCsrfFailure(body)) {
    // The token may have been rotated (new login elsewhere, password change): renew it and retry once.
    if (await refreshCsrfToken()) {
      response = await send(url, options, method);
      body = await readBody(response);
    }
  }

  if (response.ok) {
    recordActivity();
    return body as T;
  }
  throw failure(response.status, body, method, options);
}

/** The error of a failed call, after the application-wide reactions (login page, "Accès refusé"). */
function failure(
  status: number,
  body: unknown,
  method: string,
  options: Pick<ApiFetchOptions, 'redirectOnUnauthorized' | 'redirectOnForbidden'>,
): ApiRequestError {
  const error = toError(status, body);
  if (status === 401 && (error.code === 'UNAUTHENTICATED' || error.code === 'HTTP_401')) {
    if (options.redirectOnUnauthorized ?? true) handlers.onUnauthorized();
  } else if (status === 403 && (error.code === 'FORBIDDEN' || error.code === 'HTTP_403')) {
    recordActivity();
    if (options.redirectOnForbidden ?? method === 'GET') handlers.onForbidden();
  } else if (status !== 401 && error.code !== 'CSRF_FAILED') {
    recordActivity();
  }
  return error;
}

function isCsrfFailure(body: unknown): boolean {
  return (
    !!body &&
    typeof body === 'object' &&
    'error' in body &&
    !!(body as { error: { code?: unknown } }).error &&
    (body as { error: { code?: unknown } }).error.code === 'CSRF_FAILED'
  );
}

// --- apiUpload: a file sent as the raw request body, with upload progress ---

export interface ApiUploadOptions {
  /** The file (or any blob), sent as is. */
  body: Blob;
  /** e.g. application/octet-stream, text/csv, application/x-ndjson. */
  contentType: string;
  query?: Record<string, QueryValue>;
  /** Bytes sent so far (total is the body's size when the browser does not know it). */
  onUploadProgress?: (loaded: number, total: number) => void;
  /** The whole body has been sent; the server is now working on it. */
  onUploaded?: () => void;
  /** Aborting rejects with a DOMException named AbortError. */
  signal?: AbortSignal;
  redirectOnUnauthorized?: boolean;
  /** Default false (a form keeps its values and shows the message). */
  redirectOnForbidden?: boolean;
}

interface RawAnswer {
  status: number;
  body: unknown;
}

const uploadInterrupted =
  'L’envoi du fichier a été interrompu. Vérifiez votre connexion puis réessayez. Si le fichier est très volumineux, il dépasse peut-être la taille maximale acceptée par Parcours.';

function sendWithXhr(url: string, options: ApiUploadOptions): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(new DOMException('Envoi annulé', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', options.contentType);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      options.onUploadProgress?.(event.loaded, event.lengthComputable ? event.total : options.body.size);
    };
    xhr.upload.onload = () => options.onUploaded?.();
    xhr.onload = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve({
        status: xhr.status,
        body:
          xhr.status === 204 ? undefined : parseBody(xhr.responseText, xhr.getResponseHeader('Content-Type')),
      });
    };
    xhr.onerror = () => {
      signal?.removeEventListener('abort', onAbort);
      reject(new ApiRequestError(0, 'NETWORK_ERROR', uploadInterrupted));
    };
    xhr.onabort = () => {
      signal?.removeEventListener('abort', onAbort);
      reject(new DOMException('Envoi annulé', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(options.body);
  });
}

/**
 * Send a file as the raw body of a POST (XMLHttpRequest, so that the upload progress can be shown),
 * with the same session, CSRF token and French errors as apiFetch.
 */
export async function apiUpload<T>(path: string, options: ApiUploadOptions): Promise<T> {
  const url = buildUrl(path, options.query);
  const settings = { ...options, redirectOnForbidden: options.redirectOnForbidden ?? false };
  let answer = await sendWithXhr(url, settings);
  if (answer.status === 403 && isCsrfFailure(answer.body) && (await refreshCsrfToken())) {
    answer = await sendWithXhr(url, settings);
  }
  if (answer.status >= 200 && answer.status < 300) {
    recordActivity();
    return answer.body as T;
  }
  throw failure(answer.status, answer.body, 'POST', settings);
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
