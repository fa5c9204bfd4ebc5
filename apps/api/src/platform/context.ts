import { sql } from 'kysely';
import type { Logger } from 'pino';
import { AuditTrail } from './audit/audit';
import { loadAuditKey } from './audit/key';
import type { Config } from './config';
import { type DbHandle, openDatabase } from './db/database';
import { auditPowers, grantAppRole, migrate } from './db/migrate';
import { JobQueue } from './jobs/queue';
import { Mailer } from './mail/mailer';

/** What every use case may depend on. Built once per process (or per test). */
export interface AppContext {
  config: Config;
  db: DbHandle['db'];
  engine: DbHandle['engine'];
  log: Logger;
  audit: AuditTrail;
  jobs: JobQueue;
  mailer: Mailer;
  close(): Promise<void>;
}

/**
 * Migrates with the owner's connection (MIGRATION_DATABASE_URL) when it differs from the
 * application's, then grants the application's role its restricted rights; otherwise migrates
 * through the application's own connection, as a single-role setup does.
 */
export async function migrateDatabase(config: Config, handle: DbHandle, log?: Logger): Promise<string[]> {
  const ownerUrl = config.migrationDatabaseUrl;
  if (handle.engine !== 'postgres' || !ownerUrl || ownerUrl === config.databaseUrl) return migrate(handle.db);
  const owner = await openDatabase({ databaseUrl: ownerUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const applied = await migrate(owner.db);
    const { rows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(handle.db);
    const role = rows[0]!.role;
    const { rows: ownerRows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(owner.db);
    if (ownerRows[0]!.role !== role) {
      await grantAppRole(owner.db, role);
      log?.info(
        { role },
        "droits du rôle de l'application accordés (journal d'audit : lecture et ajout seulement)",
      );
    }
    return applied;
  } finally {
    await owner.close();
  }
}

export async function createContext(config: Config, log: Logger): Promise<AppContext> {
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    snapshot: config.pgliteSnapshot,
  });
  try {
    await migrateDatabase(config, handle, log);
    if (handle.engine === 'postgres') {
      const powers = await auditPowers(handle.db);
      if (powers.length > 0) {
        // A warning in production; for information elsewhere (the CLI's JSON output stays clean).
        log[process.env.NODE_ENV === 'production' ? 'warn' : 'info'](
          { powers },
          "audit: le rôle PostgreSQL de l'application peut modifier le journal d'audit (voir MIGRATION_DATABASE_URL dans le README)",
        );
      }
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  const key = loadAuditKey({ auditKey: config.auditKey, dataDir: config.dataDir }, log);
  const audit = new AuditTrail(handle.db, { key, checkpointFile: config.auditCheckpointFile, log });
  audit.startCheckpoints(config.auditCheckpointMinutes);
  const jobs = new JobQueue(handle.db, log, config.departmentCode);
  const mailer = new Mailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  return {
    config,
    db: handle.db,
    engine: handle.engine,
    log,
    audit,
    jobs,
    mailer,
    async close() {
      await jobs.stop();
      audit.stopCheckpoints();
      // The head of every chain this process moved, signed outside the database before leaving.
      await audit
        .checkpoint('shutdown')
        .catch((err) => log.error({ err }, 'audit: point de contrôle de fin impossible'));
      mailer.close();
      await handle.close();
    },
  };
}
