import type { Config } from './platform/config';

/** The few lines `npm start` prints once the server listens: where to go, where the data is. */
export function startBanner(url: string, config: Pick<Config, 'databaseUrl' | 'dataDir' | 'demo'>): string {
  const data = config.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `PGlite embarquée, dossier ${config.dataDir}`;
  const lines = [
    '',
    `Parcours est démarré : ${url}`,
    `  données : ${data}`,
    ...(config.demo
      ? [
          '  démonstration : admin@parcours.test, orientation@parcours.test… (liste dans le README), mot de passe Parcours-demo-2026',
        ]
      : []),
    '  arrêt : Ctrl+C',
    '',
    '',
  ];
  return lines.join('\n');
}
