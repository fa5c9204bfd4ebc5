import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditTrail } from '../../apps/api/src/platform/audit/audit';
import { benchApp, report } from './support';

/**
 * Audit trail: keyed chained appends ("agent X read file Y"), sequential writers and a crowd
 * (group commit), and the verification walk (HMAC of every trace, checkpoints).
 */
export async function benchAudit(): Promise<boolean> {
  const { app, engine, close } = await benchApp();
  try {
    const admin = await app.ctx.db
      .selectFrom('account')
      .selectAll()
      .where('email', '=', 'admin@parcours.test')
      .executeTakeFirstOrThrow();
    const actor = { accountId: admin.id, role: admin.role, departmentCode: admin.department_code };
    const person = '11111111-1111-4111-8111-111111111111';
    const n = 5000;
    const t0 = performance.now();
    // Four concurrent writers, as several agents opening files at the same moment.
    await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        for (let i = w; i < n; i += 4) {
          await app.ctx.audit.personRead(actor, person, { ip: '127.0.0.1', id: `b${i}` });
        }
      }),
    );
    const appendRate = n / ((performance.now() - t0) / 1000);

    // 200 callers at once, each waiting for its trace (as 200 connections reading files).
    const crowd = 200;
    const rounds = 25;
    const before = { ...app.ctx.audit.stats };
    const t2 = performance.now();
    await Promise.all(
      Array.from({ length: crowd }, async (_, w) => {
        for (let i = 0; i < rounds; i++) {
          await app.ctx.audit.personRead(actor, person, { ip: '127.0.0.1', id: `c${w}-${i}` });
        }
      }),
    );
    const crowdRate = (crowd * rounds) / ((performance.now() - t2) / 1000);
    const batches = app.ctx.audit.stats.batches - before.batches;

    // Checkpoints in a throw-away file (the bench database is in memory), checked by the walk too.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-bench-audit-'));
    const trail = new AuditTrail(app.ctx.db, { checkpointFile: path.join(dir, 'checkpoints.jsonl') });
    await trail.checkpoint('bench', { all: true });
    const t1 = performance.now();
    const result = await trail.verify(admin.department_code);
    fs.rmSync(dir, { recursive: true, force: true });
    const verifyRate = result.checked / ((performance.now() - t1) / 1000);
    if (!result.ok) throw new Error(`chain broken: ${result.reason}`);
    process.stdout.write(
      `moteur : ${engine}, ${n + crowd * rounds} traces ajoutées (${crowd * rounds} par ${crowd} appelants simultanés en ${batches} transactions), ${result.checked} vérifiées (HMAC), ${result.checkpoints} point(s) de contrôle\n`,
    );
    const a = report(engine, 'ajout, 4 écrivains', appendRate, 'traces/s', 500, 'higher');
    const c = report(engine, `ajout, ${crowd} appelants (groupé)`, crowdRate, 'traces/s', 1500, 'higher');
    const v = report(engine, 'vérification', verifyRate, 'traces/s', 20_000, 'higher');
    return a && c && v;
  } finally {
    await close();
  }
}
