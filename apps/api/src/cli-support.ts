import pino from 'pino';
import { loadConfig } from './platform/config';
import { type AppContext, createContext } from './platform/context';
import { createLogger } from './platform/logger';

/**
 * Runs a command with the application context, closed afterwards: the database migrated and, as
 * on the server's first start, the département's territory present (every record refers to it),
 * unless the command loads the territory itself.
 */
export async function withContext<T>(
  fn: (ctx: AppContext) => Promise<T>,
  opts: { territory: boolean } = { territory: true },
): Promise<T> {
  const config = loadConfig();
  const ctx = await createContext(config, createLogger(process.env.LOG_LEVEL ?? 'warn', pino.destination(2)));
  try {
    if (opts.territory) {
      const { ensureTerritory } = await import('./modules/territory/application/load-territory');
      await ensureTerritory(ctx);
    }
    // As at the server's start: runs of a process that died are marked interrupted.
    const { markInterruptedFluxRuns } = await import('./modules/beneficiaries/application/flux-runs');
    await markInterruptedFluxRuns(ctx);
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export const out = (value: unknown) =>
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
