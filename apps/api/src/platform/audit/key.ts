import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

/** The secret of the audit chain: never stored in the database, so a database owner cannot re-seal. */
export interface AuditKey {
  key: Buffer;
  /** Public fingerprint (not the key): tells which key sealed a checkpoint. */
  id: string;
  source: 'env' | 'file' | 'memory';
}

export const AUDIT_KEY_FILE = 'audit.key';

export function auditKeyFrom(key: Buffer, source: AuditKey['source']): AuditKey {
  const id = createHmac('sha256', key).update('parcours-audit-key-id').digest('hex').slice(0, 16);
  return { key, id, source };
}

// An in-memory database lives as long as the process: one key per process is enough.
let memoryKey: AuditKey | undefined;

/**
 * AUDIT_KEY when given (production); otherwise a key generated once in `<dataDir>/audit.key`,
 * readable by its owner only (mode 0600); for an in-memory database, a key for this process.
 */
export function loadAuditKey(
  opts: { auditKey: Buffer | undefined; dataDir: string },
  log?: Logger,
): AuditKey {
  if (opts.auditKey) return auditKeyFrom(opts.auditKey, 'env');
  if (opts.dataDir.startsWith('memory://')) {
    memoryKey ??= auditKeyFrom(randomBytes(32), 'memory');
    return memoryKey;
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, AUDIT_KEY_FILE);
  try {
    // 'wx': created once; a concurrent first start reads the other's key instead.
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    log?.info({ file }, "audit: clé du journal d'audit créée");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && mode & 0o077) {
    // Others must not read the key; tighten rather than refuse to start.
    fs.chmodSync(file, 0o600);
    log?.warn({ file, mode: mode.toString(8) }, "audit: droits de la clé du journal d'audit ramenés à 0600");
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64,}$/i.test(hex)) throw new Error(`audit: clé illisible dans ${file}`);
  return auditKeyFrom(Buffer.from(hex, 'hex'), 'file');
}
