import { hasPermission, type Permission, type RouteScope } from '@parcours/contracts';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import type { RequestActor } from '../auth/sessions';
import type { AppContext } from '../context';
import { DomainError, forbidden, unauthenticated } from '../errors';

/**
 * Every route states who may call it. `public` needs a reason so the exception is visible in
 * review; otherwise a permission (from the role) and optionally a scope check on the request.
 */
export type AccessRule =
  | { public: true; reason: string }
  | {
      permission: Permission;
      /** What the route needs beyond the permission (a person in scope…), checked once inputs are valid. */
      scope?: RouteScope;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes that plugins declare (OpenAPI viewer), listed here and only here: the API map is for
 * signed-in agents, public only when `OPENAPI_PUBLIC=true`.
 */
const PLUGIN_DOC_PREFIXES = ['/api/docs'];

export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessRule | undefined;
  /** The route's Zod schemas (params, querystring, body): tests derive hostile inputs from them. */
  schema?: FastifySchema;
}

/** The checks behind each route scope: they throw a domain error (and audit the refusal). */
export type ScopeChecks = Record<RouteScope, (req: FastifyRequest, actor: RequestActor) => Promise<void>>;

export function installAccessControl(
  app: FastifyInstance,
  ctx: AppContext,
  scopeChecks: ScopeChecks,
): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.config?.access && PLUGIN_DOC_PREFIXES.some((p) => route.url.startsWith(p))) {
      const access: AccessRule = ctx.config.openapiPublic
        ? { public: true, reason: 'documentation OpenAPI (OPENAPI_PUBLIC=true)' }
        : { permission: 'reference.read' };
      route.config = { ...route.config, access };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({ method, url: route.url, access: route.config?.access, schema: route.schema });
    }
    if (!route.config?.access) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declared without an access rule`);
    }
  });

  app.addHook('preValidation', async (req) => {
    const rule = req.routeOptions.config.access;
    // Unknown routes (404 handler) carry no rule and reach no data.
    if (!rule) return;
    const stateChanging = !SAFE_METHODS.has(req.method);
    if ('public' in rule) {
      if (stateChanging) checkOrigin(req, ctx);
      return;
    }
    const actor = req.actor;
    if (!actor) throw unauthenticated();
    if (stateChanging && req.headers['x-csrf-token'] !== actor.csrfToken) {
      throw new DomainError(
        'forbidden',
        'CSRF_FAILED',
        'Jeton de sécurité invalide : rechargez la page et recommencez.',
      );
    }
    if (!hasPermission(actor.role, rule.permission)) {
      await ctx.audit.record({
        actor,
        action: 'access.denied',
        targetType: 'route',
        targetId: `${req.method} ${req.routeOptions.url}`,
        request: req,
      });
      throw forbidden();
    }
  });
  // After validation: the scope's inputs (a person id…) are well-formed by then.
  app.addHook('preHandler', async (req) => {
    const rule = req.routeOptions.config.access;
    if (!rule || 'public' in rule || !rule.scope || !req.actor) return;
    const check = scopeChecks[rule.scope];
    await check(req, req.actor);
  });
  return routes;
}

/**
 * Public state-changing routes (login, password reset) have no session token yet: they demand
 * JSON (a cross-site form cannot send it without a CORS preflight) and a same-origin Origin.
 */
function checkOrigin(req: FastifyRequest, ctx: AppContext) {
  const origin = req.headers.origin;
  if (origin) {
    const allowed = ctx.config.publicUrl ? new URL(ctx.config.publicUrl).host : req.headers.host;
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== allowed) {
      throw new DomainError('forbidden', 'CSRF_FAILED', 'Requête refusée : origine non autorisée.');
    }
  }
  const type = req.headers['content-type'] ?? '';
  if (req.body !== undefined && !type.startsWith('application/json')) {
    throw new DomainError('forbidden', 'CSRF_FAILED', 'Requête refusée : format non autorisé.');
  }
}
