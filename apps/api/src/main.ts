import { startApp } from './app';
import { startBanner } from './banner';
import { ConfigError } from './platform/config';

try {
  const running = await startApp();
  process.stdout.write(startBanner(running.url, running.ctx.config));
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
}
