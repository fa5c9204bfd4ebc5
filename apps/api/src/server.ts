import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { ApiError } from '@parcours/contracts';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAccessModule } from './modules/access/http/routes';
import { registerAccompanimentModule } from './modules/accompaniment/http/routes';
import { registerBeneficiariesModule } from './modules/beneficiaries/http/routes';
import { registerHistoryModule } from './modules/history/http/routes';
import { registerMessagingModule } from './modules/messaging/http/routes';
import { registerOrientationQueueRoutes } from './modules/orientation/http/queue-routes';
import { registerOrientationModule } from './modules/orientation/http/routes';
import { registerTerritoryModule } from './modules/territory/http/routes';
import { SessionService } from './platform/auth/sessions';
import type { AppContext } from './platform/context';
import { ping } from './platform/db/database';
import { installAccessControl, type RegisteredRoute } from './platform/http/access';
import { AppError } from './platform/http/errors';

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

export async function buildServer(
  ctx: AppContext,
): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    trustProxy: Boolean(ctx.config.publicUrl),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes = installAccessControl(app, ctx);
  const sessions = new SessionService(ctx);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Parcours API', version: '0.1.0', description: 'API du système d’information Parcours' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/')) req.actor = await sessions.load(req);
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || (err.validationContext ?? ''),
        code: v.keyword,
        message: v.message ?? 'Valeur invalide.',
      }));
      return reply
        .status(400)
        .send(errorBody('VALIDATION_ERROR', 'Certaines données sont invalides.', req.id, fields));
    }
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, req.id, err.fields));
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
    if (
      err.statusCode === 400 ||
      err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return reply.status(400).send(errorBody('VALIDATION_ERROR', 'Requête mal formée.', req.id));
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

  await registerAccessModule(typed, ctx, sessions);
  await registerTerritoryModule(typed, ctx);
  await registerBeneficiariesModule(typed, ctx);
  await registerHistoryModule(typed, ctx);
  await registerAccompanimentModule(typed, ctx);
  await registerMessagingModule(typed, ctx);
  await registerOrientationModule(typed, ctx);
  await registerOrientationQueueRoutes(typed, ctx);

  await registerWebApp(app, ctx.config.webDistDir);
  return { app, routes };
}

/** Serves the built SPA: real files as they are, any other non-API path gets index.html. */
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
      return reply.header('cache-control', 'no-store').sendFile('index.html');
    },
  );
}
