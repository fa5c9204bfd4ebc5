import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditKey } from './key';

/**
 * A signed statement of a département's chain head, kept OUTSIDE the database (an append-only file
 * and the JSON log): cutting the tail of the chain leaves a checkpoint naming a trace that no
 * longer exists, and nobody without the key can write a checkpoint that matches a forged head.
 */
export interface AuditCheckpoint {
  v: 1;
  departmentCode: string;
  seq: string;
  mac: string;
  /** Last seq chained with the plain SHA-256 of earlier versions (0: none). */
  legacyUntilSeq: string;
  keyId: string;
  at: string;
  reason: string;
  sig: string;
}

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'sig'>;

function signature(key: Buffer, c: UnsignedCheckpoint): string {
  const canonical = JSON.stringify([
    'parcours-audit-checkpoint',
    c.v,
    c.departmentCode,
    c.seq,
    c.mac,
    c.legacyUntilSeq,
    c.keyId,
    c.at,
    c.reason,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

export function signCheckpoint(key: AuditKey, c: Omit<UnsignedCheckpoint, 'v' | 'keyId'>): AuditCheckpoint {
  const unsigned: UnsignedCheckpoint = { v: 1, ...c, keyId: key.id };
  return { ...unsigned, sig: signature(key.key, unsigned) };
}

export function checkpointSignatureOk(key: AuditKey, c: AuditCheckpoint): boolean {
  const expected = Buffer.from(signature(key.key, c), 'hex');
  const given = Buffer.from(typeof c.sig === 'string' ? c.sig : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function appendCheckpoints(file: string, checkpoints: AuditCheckpoint[]): Promise<void> {
  if (checkpoints.length === 0) return;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  // One write in append mode: lines from concurrent processes never interleave.
  await fs.promises.appendFile(file, checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''), {
    mode: 0o600,
  });
}

export interface ReadCheckpoint {
  checkpoint: AuditCheckpoint;
  /** Where it was read, for the report: `file:line`. */
  source: string;
}

function isCheckpoint(value: unknown): value is AuditCheckpoint {
  const c = value as AuditCheckpoint;
  return (
    !!c &&
    typeof c === 'object' &&
    c.v === 1 &&
    typeof c.departmentCode === 'string' &&
    typeof c.seq === 'string' &&
    /^\d+$/.test(c.seq) &&
    typeof c.mac === 'string' &&
    typeof c.legacyUntilSeq === 'string' &&
    /^\d+$/.test(c.legacyUntilSeq) &&
    typeof c.keyId === 'string' &&
    typeof c.sig === 'string'
  );
}

/**
 * Reads checkpoints from the checkpoints file or from a JSON log (pino lines carrying an
 * `auditCheckpoint` field). Other lines (other log entries, a line cut by a crash) are skipped.
 */
export function readCheckpoints(file: string): ReadCheckpoint[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: ReadCheckpoint[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line.startsWith('{')) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const candidate = isCheckpoint(value) ? value : (value as { auditCheckpoint?: unknown }).auditCheckpoint;
    if (isCheckpoint(candidate)) out.push({ checkpoint: candidate, source: `${file}:${i + 1}` });
  }
  return out;
}
