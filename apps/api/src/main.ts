import { startApp } from './app';
import { ConfigError } from './platform/config';

try {
  const running = await startApp();
  const { config } = running.ctx;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite embarqué (${config.dataDir})`;
  process.stdout.write(
    `\nParcours est démarré : ${running.url}\n  base : ${where}\n${config.demo ? '  démonstration : comptes listés dans le README (mot de passe Parcours-demo-2026)\n' : ''}\n`,
  );
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
