import { sql } from 'kysely';
import { refreshAccompanimentReadModel } from '../../apps/api/src/modules/accompaniment';
import { rebuildProjections } from '../../apps/api/src/platform/events';
import { benchApp, percentile, report } from './support';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : Number(process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
};

/**
 * `npm run bench -- read-model [--persons 200000]`: the entry-spell read model of the accompaniment
 * (first accompaniment appointment, first contract) on a département of synthetic persons — about
 * 1.3 entry spells, 5 appointments and 1 contract each. Measures the refresh of one person (what
 * every booking, move, outcome and signature pays in its transaction) and the rebuild of the
 * département (`projections rebuild`).
 */
export async function benchReadModel(): Promise<boolean> {
  const { app, engine, close } = await benchApp();
  const persons = arg('persons', engine === 'PostgreSQL' ? 200_000 : 20_000);
  const db = app.ctx.db;
  try {
    const t0 = performance.now();
    await sql`CREATE TEMP TABLE bench_p AS
      SELECT gen_random_uuid() AS id, g FROM generate_series(1, ${persons}::int) g`.execute(db);
    await sql`INSERT INTO person (id, department_code, birth_name, first_name, birth_date, sex)
      SELECT id, '13', 'BENCH', 'Personne', date '1980-01-01' + (g % 9000), 'F' FROM bench_p`.execute(db);
    await sql`INSERT INTO entry_spell (department_code, person_id, entry_date, source, oriented_on)
      SELECT '13', id, date '2024-01-01' + (g % 300), 'bench', date '2024-01-01' + (g % 300) + 20 FROM bench_p`.execute(
      db,
    );
    await sql`INSERT INTO entry_spell (department_code, person_id, entry_date, source, oriented_on)
      SELECT '13', id, date '2025-06-01' + (g % 200), 'bench',
        CASE WHEN g % 2 = 0 THEN date '2025-06-01' + (g % 200) + 15 END
      FROM bench_p WHERE g % 3 = 0`.execute(db);
    await sql`INSERT INTO appointment (department_code, person_id, on_date, purpose, status, source)
      SELECT '13', id, date '2024-01-01' + (g % 300) + k * 40,
        (ARRAY['orientation', 'accompaniment', 'accompaniment', 'contract'])[1 + (g + k) % 4],
        (ARRAY['seen', 'cancelled', 'noshow', 'planned', 'excused'])[1 + (g * k) % 5], 'bench'
      FROM bench_p, generate_series(1, 5) k`.execute(db);
    await sql`INSERT INTO engagement_contract (department_code, person_id, signed_on, start_date, end_date,
        weekly_hours, hours_regime, source, status)
      SELECT '13', id, date '2024-03-01' + (g % 400), date '2024-03-01' + (g % 400),
        date '2024-09-01' + (g % 400), 15, 'standard', 'bench', 'ended'
      FROM bench_p`.execute(db);
    await sql`ANALYZE`.execute(db);
    process.stdout.write(
      `${persons} personnes synthétiques (${engine}) écrites en ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
    );

    let t = performance.now();
    const [filled] = await rebuildProjections(db, '13', ['accompaniment.entry-spells']);
    const fill = (performance.now() - t) / 1000;
    t = performance.now();
    const [again] = await rebuildProjections(db, '13', ['accompaniment.entry-spells']);
    const rebuild = (performance.now() - t) / 1000;
    process.stdout.write(
      `reconstruction : ${filled!.rows} entrées, ${filled!.changed} renseignées en ${fill.toFixed(1)} s ; à l’identique (${again!.changed} corrigée) en ${rebuild.toFixed(1)} s\n`,
    );

    const sample = await sql<{ id: string }>`SELECT id FROM bench_p ORDER BY random() LIMIT 300`.execute(db);
    const times: number[] = [];
    for (const { id } of sample.rows) {
      const s = performance.now();
      await db.transaction().execute((trx) => refreshAccompanimentReadModel(trx, '13', [id]));
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(`rafraîchissement d’une personne : p50 ${percentile(times, 50).toFixed(2)} ms\n`);
    const onePerson = report(
      engine,
      'rafraîchissement d’une personne, p95',
      percentile(times, 95),
      'ms',
      20,
      'lower',
    );
    const whole = report(engine, 'reconstruction du département', rebuild, 's', 30, 'lower');
    return onePerson && whole;
  } finally {
    await close();
  }
}
