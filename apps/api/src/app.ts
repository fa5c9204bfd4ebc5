import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadDemo, loadDemoPersons } from './demo/load-demo';
import { registerJobHandlers } from './jobs';
import { ensureContractSchedule } from './modules/accompaniment/application/contract-jobs';
import { ensureAlertDigestSchedule } from './modules/accompaniment/application/digest';
import { markInterruptedFluxRuns } from './modules/beneficiaries/application/flux-runs';
import { ensureImmersionSchedule } from './modules/immersions';
import { ensureMessageTemplates } from './modules/messaging/application/templates';
import { ensureDiagnosticReferential } from './modules/orientation/application/referential';
import { ensureSanctionSchedule } from './modules/sanctions';
import { ensureTerritory } from './modules/territory/application/load-territory';
import { type Config, loadConfig } from './platform/config';
import { type AppContext, createContext } from './platform/context';
import type { RegisteredRoute } from './platform/http/access';
import { chooseLogFormat, createLogger } from './platform/logger';
import { buildServer } from './server';

export interface RunningApp {
  ctx: AppContext;
  app: FastifyInstance;
  routes: RegisteredRoute[];
  url: string;
  close(): Promise<void>;
}

/** Starts everything: database, migrations, territory, demo data, HTTP server, job worker. */
export async function startApp(
  overrides: Partial<Config> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningApp> {
  const config = loadConfig(env, overrides);
  // Links in e-mails and the OIDC redirect need the real port before the server listens.
  if (config.port === 0) config.port = await freePort(config.host);
  const log = createLogger(config.logLevel, undefined, chooseLogFormat());
  const ctx = await createContext(config, log);
  try {
    await ensureTerritory(ctx);
    // Runs left "running" by a process that died: marked interrupted (nothing of them applied).
    await markInterruptedFluxRuns(ctx);
    await ensureMessageTemplates(ctx);
    await ensureAlertDigestSchedule(ctx);
    await ensureContractSchedule(ctx);
    await ensureImmersionSchedule(ctx);
    await ensureSanctionSchedule(ctx);
    await ensureDiagnosticReferential(ctx);
    if (config.demo) {
      await loadDemo(ctx);
      await loadDemoPersons(ctx, config.demoPersons);
    }
    const { app, routes } = await buildServer(ctx);
    await app.listen({ port: config.port, host: config.host });
    const url =
      config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
    registerJobHandlers(ctx);
    if (config.jobsEnabled) ctx.jobs.start(config.jobsPollMs);
    return {
      ctx,
      app,
      routes,
      url,
      async close() {
        await app.close();
        await ctx.close();
      },
    };
  } catch (err) {
    await ctx.close();
    throw err;
  }
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
