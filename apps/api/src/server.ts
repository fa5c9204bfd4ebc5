import './modules/event-subscribers';
import './modules/timeline-events';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { ApiError } from '@parcours/contracts';
import { signInPagePaths } from '@parcours/contracts/public-paths';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet, { type HelmetOptions } from 'helmet';
import { z } from 'zod';
import { requirePerson } from './modules/beneficiaries';
import { registerModuleRoutes } from './modules/http-routes';
import { SessionService } from './platform/auth/sessions';
import type { AppContext } from './platform/context';
import { ping } from './platform/db/database';
import { DomainError } from './platform/errors';
import { installAccessControl, type RegisteredRoute } from './platform/http/access';
import { httpStatusOf } from './platform/http/errors';
import { isDatabaseDataError, rejectNulBytes } from './platform/http/hostile-input';
import { requestOf } from './platform/http/request';

z.config(z.locales.fr());

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

function isDatabaseDown(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  const message = (err as { message?: unknown }).message;
  return (
    (typeof code === 'string' && (DB_DOWN_CODES.has(code) || code.startsWith('08'))) ||
    (typeof message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|PGlite is closed|driver has already been destroyed|not currently accepting connections|too many connections/i.test(
        message,
      ))
  );
}

function errorBody(
  code: ApiError['error']['code'],
  message: string,
  requestId: string,
  fields?: ApiError['error']['fields'],
): ApiError {
  return { error: { code, message, requestId, ...(fields ? { fields } : {}) } };
}

/** The stable code a strict type put in its Zod issue (`params.code`), if any. */
function fieldCode(params: unknown): string | undefined {
  const code = (params as { params?: { code?: unknown } } | undefined)?.params?.code;
  return typeof code === 'string' ? code : undefined;
}

export async function buildServer(
  ctx: AppContext,
): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    // Only our own proxies' `X-Forwarded-For` is believed: anything else is written by the client
    // and would let it choose the address that the login throttle and the audit record.
    trustProxy: ctx.config.trustedProxies ?? false,
    // URLs refused before routing (malformed escapes, a path parameter too long): the API's format.
    frameworkErrors: (err, req, reply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      (reply as FastifyReply)
        .status(tooLong ? 414 : 400)
        .send(
          errorBody(
            'VALIDATION_ERROR',
            tooLong ? 'Adresse trop longue.' : 'Adresse mal formée (caractères d’échappement invalides).',
            req.id,
          ),
        );
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes = installAccessControl(app, ctx, {
    // The `:id` parameter names a person: the one person gate, loaded once for the request.
    person: async (req, actor) => {
      const { id } = req.params as { id: string };
      await requirePerson(ctx, actor, id, requestOf(req), req.method === 'GET' ? 'read' : 'act');
    },
  });
  const sessions = new SessionService(ctx);

  // Security headers first, so every answer (errors and 404 included) carries them.
  const https = ctx.config.publicUrl?.startsWith('https://') ?? false;
  // Computed once: helmet rebuilt its middleware and re-parsed the policy on every request
  // (~2.5 % of a person-file reading under load). Set before any handler, so a route's own policy
  // (the OpenAPI viewer) still replaces it.
  const headers = staticSecurityHeaders(securityHeaders(https));
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  // Before any route (it hooks each one as declared) and before @fastify/static: brotli or gzip
  // as the client asks; answers under 1 kB gain nothing. Request bodies are not inflated.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    globalDecompression: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Parcours API', version: '0.1.0', description: 'API du système d’information Parcours' },
    },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', (req, _reply, done) => {
    if (!req.url.startsWith('/api/')) return done();
    // A cached session answers synchronously; otherwise the database is asked.
    const actor = sessions.peek(req);
    if (actor !== undefined) {
      req.actor = actor;
      return done();
    }
    sessions.load(req).then((loaded) => {
      req.actor = loaded;
      done();
    }, done);
  });
  // After the access check (hooks run in order): strangers learn nothing about validation.
  app.addHook('preValidation', rejectNulBytes);
  app.addHook('onSend', (req, reply, payload, done) => {
    // API answers hold personal data (exports and PDF too): never kept by a browser or a proxy.
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || (err.validationContext ?? ''),
        // Strict scalar types (calendar dates…) give their own stable code in the params.
        code: fieldCode(v.params) ?? v.keyword,
        message: v.message ?? 'Valeur invalide.',
      }));
      // A search or filter has no form to show field errors next to: its own reason is the message.
      const single = fields.length === 1 && err.validationContext === 'querystring' ? fields[0] : undefined;
      return reply
        .status(400)
        .send(
          errorBody(
            'VALIDATION_ERROR',
            single ? single.message : 'Certaines données sont invalides.',
            req.id,
            fields,
          ),
        );
    }
    if (err instanceof DomainError) {
      const answer = () =>
        reply.status(httpStatusOf[err.kind]).send(errorBody(err.code, err.message, req.id, err.fields));
      if (!err.trace || !req.actor) return answer();
      // A refusal found inside a transaction: traced now that it has rolled back, before answering.
      return ctx.audit
        .record({ ...err.trace, actor: req.actor, request: requestOf(req) })
        .then(answer, (auditErr: unknown) => {
          req.log.error({ err: auditErr }, 'audit: refus non tracé');
          return reply
            .status(503)
            .send(errorBody('SERVICE_UNAVAILABLE', 'Service momentanément indisponible.', req.id));
        });
    }
    if (err.statusCode === 429) {
      return reply
        .status(429)
        .send(
          errorBody('RATE_LIMITED', 'Trop de tentatives. Patientez une minute avant de réessayer.', req.id),
        );
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(413)
        .send(errorBody('PAYLOAD_TOO_LARGE', 'Le contenu envoyé est trop volumineux.', req.id));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send(
          errorBody('VALIDATION_ERROR', 'Format du contenu non pris en charge : envoyez du JSON.', req.id),
        );
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply
        .status(400)
        .send(errorBody('VALIDATION_ERROR', 'Le contenu JSON envoyé est mal formé.', req.id));
    }
    if (err.statusCode === 404) {
      return reply.status(404).send(errorBody('NOT_FOUND', 'Ressource introuvable.', req.id));
    }
    // Any other refusal by Fastify or a plugin (empty body, bad URL…): its status, a French message.
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const [code, message] =
        err.statusCode === 401
          ? (['UNAUTHENTICATED', 'Vous devez vous connecter pour accéder à cette ressource.'] as const)
          : err.statusCode === 403
            ? (['FORBIDDEN', "Vous n'avez pas accès à cette ressource."] as const)
            : (['VALIDATION_ERROR', 'Requête mal formée.'] as const);
      return reply.status(err.statusCode).send(errorBody(code, message, req.id));
    }
    if (isDatabaseDataError(err)) {
      // The edge validation missed a value the database refuses: logged to be fixed, the user told.
      req.log.warn({ err }, 'database refused a value');
      return reply
        .status(400)
        .send(
          errorBody('VALIDATION_ERROR', 'Une valeur envoyée est invalide (date, nombre ou texte).', req.id),
        );
    }
    if (isDatabaseDown(err)) {
      req.log.error({ err }, 'database unavailable');
      return reply
        .status(503)
        .send(
          errorBody(
            'SERVICE_UNAVAILABLE',
            'Service momentanément indisponible. Réessayez dans quelques instants.',
            req.id,
          ),
        );
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL_ERROR', 'Une erreur inattendue est survenue.', req.id));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', 'Ressource introuvable.', req.id));
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/health', { config: { access: { public: true, reason: 'sonde de vie' } } }, async () => ({
    status: 'ok',
  }));
  typed.get(
    '/ready',
    { config: { access: { public: true, reason: 'sonde de disponibilité' } } },
    async (req, reply) => {
      if (await ping(ctx.db)) return { status: 'ready' };
      return reply
        .status(503)
        .send(errorBody('SERVICE_UNAVAILABLE', 'Base de données indisponible.', req.id));
    },
  );

  // After the error handler, so the viewer's routes answer 401/403 in the API's format.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // The viewer ships its own hashed inline code: its own policy, still not frameable.
    staticCSP: true,
    transformStaticCSP: (header) => {
      const csp = header.replace("frame-ancestors 'self'", "frame-ancestors 'none'");
      return https ? csp : csp.replace(/\s*upgrade-insecure-requests;?/, '');
    },
  });
  await registerModuleRoutes(typed, ctx, sessions);

  await registerWebApp(app, ctx.config.webDistDir);
  return { app, routes };
}

/**
 * Helmet's headers with a strict policy the SPA runs under: Vite's build has no inline script or
 * style (React sets styles through the DOM, which CSP allows). HSTS only behind https.
 */
function securityHeaders(https: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        scriptSrcAttr: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

/** The headers helmet sets with these options (they depend on nothing in the request). */
function staticSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

/** Serves the built SPA: real files as they are, the sign-in pages connexion.html, any other non-API path index.html. */
async function registerWebApp(app: FastifyInstance, distDir: string) {
  const hasBuild = fs.existsSync(path.join(distDir, 'index.html'));
  if (hasBuild) await app.register(fastifyStatic, { root: distDir, serve: false });
  app.get(
    '/*',
    { config: { access: { public: true, reason: 'application web (fichiers statiques)' } } },
    (req, reply) => {
      const urlPath = decodeURIComponent(req.url.split('?')[0] ?? '/');
      if (urlPath.startsWith('/api/')) {
        return reply.status(404).send(errorBody('NOT_FOUND', 'Ressource introuvable.', req.id));
      }
      if (!hasBuild) {
        return reply
          .type('text/plain; charset=utf-8')
          .send("L'application web n'est pas construite : lancez `npm run build -w @parcours/web`.");
      }
      const file = path.normalize(urlPath).replace(/^(\.\.[/\\])+/, '');
      const candidate = path.join(distDir, file);
      if (
        candidate.startsWith(distDir) &&
        file !== '/' &&
        fs.existsSync(candidate) &&
        fs.statSync(candidate).isFile()
      ) {
        const immutable = file.startsWith('/assets/');
        return reply.sendFile(file, { maxAge: immutable ? '365d' : 0, immutable });
      }
      // The sign-in pages are their own light page; every other path is the application's.
      const page = (signInPagePaths as readonly string[]).includes(urlPath) ? 'connexion.html' : 'index.html';
      return reply.header('cache-control', 'no-store').sendFile(page);
    },
  );
}
