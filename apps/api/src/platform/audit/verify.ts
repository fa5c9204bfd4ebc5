import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { AuditVerifyResult } from './audit';
import { chainedFieldsOf, chainMac, GENESIS, legacyChainHash } from './chain';
import { checkpointSignatureOk, readCheckpoints } from './checkpoints';
import type { AuditKey } from './key';

/**
 * Walks the chain of a département in pages and checks every MAC, then the checkpoints kept
 * outside the database: a checkpoint naming a trace that is gone reveals a cut tail.
 */
export async function verifyChain(
  db: Db,
  auditKey: AuditKey,
  departmentCode: string,
  files: string[],
): Promise<AuditVerifyResult> {
  const checkpoints = files
    .flatMap((f) => readCheckpoints(f))
    .filter((c) => c.checkpoint.departmentCode === departmentCode);
  const start = await db
    .selectFrom('audit_chain_start')
    .select('legacy_until_seq')
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();
  const legacyUntil = BigInt(start?.legacy_until_seq ?? '0');
  const base = {
    missingFrom: null,
    missingTo: null,
    checkpoints: checkpoints.length,
    lastCheckpointSeq: null,
  };
  const fail = (
    checked: number,
    brokenAtSeq: string | null,
    reason: string,
    extra: Partial<AuditVerifyResult> = {},
  ) => ({ ...base, ok: false, checked, brokenAtSeq, reason, ...extra }) satisfies AuditVerifyResult;

  const expected = new Map<string, { mac: string; source: string }>();
  let lastCheckpointSeq: bigint | null = null;
  for (const { checkpoint: c, source } of checkpoints) {
    if (c.keyId !== auditKey.id) {
      return fail(0, null, `point de contrôle scellé par une autre clé que AUDIT_KEY (${source})`);
    }
    if (!checkpointSignatureOk(auditKey, c)) return fail(0, null, `point de contrôle falsifié (${source})`);
    if (BigInt(c.legacyUntilSeq) !== legacyUntil) {
      return fail(0, null, `début du chaînage par clé modifié (table audit_chain_start ; ${source})`);
    }
    expected.set(c.seq, { mac: c.mac, source });
    if (lastCheckpointSeq === null || BigInt(c.seq) > lastCheckpointSeq) lastCheckpointSeq = BigInt(c.seq);
  }

  let prevHash = GENESIS;
  let checked = 0;
  const key = auditKey.key;
  // Pages of the chain in seq order; the next page is fetched while this one is checked.
  const page = (afterSeq: string) =>
    db
      .selectFrom('audit_event')
      .select([
        'seq',
        'department_code',
        // The instant as it was sealed (ISO, milliseconds, UTC), without building a Date per row.
        sql<string>`to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(
          'occurred_at',
        ),
        'actor_account_id',
        'actor_role',
        'action',
        'person_id',
        'target_type',
        'target_id',
        'reason',
        'ip',
        'request_id',
        'details',
        'person_ids',
        'prev_hash',
        'hash',
      ])
      .where('department_code', '=', departmentCode)
      .where(sql<boolean>`seq > ${afterSeq}::bigint`)
      .orderBy('seq')
      .limit(10_000)
      .execute();
  let next = page('0');
  for (;;) {
    const rows = await next;
    if (rows.length === 0) break;
    next = page(rows.at(-1)!.seq);
    // An early return leaves it unawaited: its failure must not be unhandled.
    next.catch(() => {});
    for (const row of rows) {
      checked++;
      if (row.prev_hash !== prevHash) {
        return fail(checked, row.seq, 'chaînage rompu (trace supprimée ou insérée)');
      }
      const fields = chainedFieldsOf(row);
      const legacy = legacyUntil > 0n && BigInt(row.seq) <= legacyUntil;
      const value = legacy
        ? fields.person_ids === null
          ? legacyChainHash(prevHash, fields)
          : null
        : chainMac(key, prevHash, fields);
      if (value !== row.hash) return fail(checked, row.seq, 'contenu modifié');
      const cp = expected.get(row.seq);
      if (cp) {
        if (cp.mac !== row.hash) {
          return fail(checked, row.seq, `trace différente de celle du point de contrôle (${cp.source})`);
        }
        expected.delete(row.seq);
      }
      prevHash = row.hash;
    }
  }
  const last = lastCheckpointSeq === null ? null : lastCheckpointSeq.toString();
  if (expected.size > 0) {
    // Checkpointed traces that are gone: the tail (or a part of it) was cut.
    const seqs = [...expected.keys()].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const first = seqs[0]!;
    const before = await db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('department_code', '=', departmentCode)
      .where(sql<boolean>`seq < ${first.toString()}::bigint`)
      .executeTakeFirst();
    const from = (before?.seq ? BigInt(before.seq) + 1n : 1n).toString();
    const to = seqs.at(-1)!.toString();
    return fail(checked, from, `traces manquantes n° ${from} à ${to} (nommées par un point de contrôle)`, {
      missingFrom: from,
      missingTo: to,
      lastCheckpointSeq: last,
    });
  }
  return { ...base, ok: true, checked, brokenAtSeq: null, reason: null, lastCheckpointSeq: last };
}
