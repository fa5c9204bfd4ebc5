import { loadConfig } from './platform/config';
import { type AppContext, createContext } from './platform/context';
import { createLogger } from './platform/logger';

/** Runs a command with the application context (database migrated), closed afterwards. */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const ctx = await createContext(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export const out = (value: unknown) =>
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
