import { benchApp, report } from './support';

/** Audit trail: chained appends ("agent X read file Y") and the verification walk. */
export async function benchAudit(): Promise<boolean> {
  const { app, engine, close } = await benchApp();
  try {
    const admin = await app.ctx.db
      .selectFrom('account')
      .selectAll()
      .where('email', '=', 'admin@parcours.test')
      .executeTakeFirstOrThrow();
    const actor = { accountId: admin.id, role: admin.role, departmentCode: admin.department_code };
    const n = 5000;
    const t0 = performance.now();
    // Four concurrent writers, as several agents opening files at the same moment.
    await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        for (let i = w; i < n; i += 4) {
          await app.ctx.audit.personRead(actor, '11111111-1111-4111-8111-111111111111', {
            ip: '127.0.0.1',
            id: `b${i}`,
          });
        }
      }),
    );
    const appendRate = n / ((performance.now() - t0) / 1000);
    const t1 = performance.now();
    const result = await app.ctx.audit.verify(admin.department_code);
    const verifyRate = result.checked / ((performance.now() - t1) / 1000);
    if (!result.ok) throw new Error('chain broken');
    process.stdout.write(`moteur : ${engine}, ${n} traces ajoutées, ${result.checked} vérifiées\n`);
    const a = report(engine, 'ajout', appendRate, 'traces/s', 500, 'higher');
    const v = report(engine, 'vérification', verifyRate, 'traces/s', 20_000, 'higher');
    return a && v;
  } finally {
    await close();
  }
}
