import type { Logger } from 'pino';
import { AuditTrail } from './audit/audit';
import type { Config } from './config';
import { type DbHandle, openDatabase } from './db/database';
import { migrate } from './db/migrate';
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

export async function createContext(config: Config, log: Logger): Promise<AppContext> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(handle.db);
  const jobs = new JobQueue(handle.db, log, config.departmentCode);
  const mailer = new Mailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  return {
    config,
    db: handle.db,
    engine: handle.engine,
    log,
    audit: new AuditTrail(handle.db),
    jobs,
    mailer,
    async close() {
      await jobs.stop();
      mailer.close();
      await handle.close();
    },
  };
}
