import { type DreesStatistics, statisticsQuerySchema } from '@parcours/contracts';
import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

const MASKED = '< 5';
const cellText = (v: number | null) => (v === null ? MASKED : String(v));

/** The tables as plain text: one block per table, masked cells « < 5 ». */
function printTables(stats: DreesStatistics) {
  out(
    `Statistiques DREES au ${stats.on} (flux du ${stats.yearStart} au ${stats.on}) — secret statistique appliqué.`,
  );
  out(
    '« < 5 » : effectif de 1 à 4, ou case masquée en plus pour qu’aucun total ne permette de retrouver une petite case.',
  );
  for (const t of stats.tables) {
    out(`\n${t.title}`);
    const totals = t.columns.length > 1;
    out([t.rowHeader, ...t.columns, ...(totals ? ['Total'] : [])].join(' | '));
    t.rows.forEach((label, r) => {
      const cells = (t.cells[r] ?? []).map(cellText);
      out([label, ...cells, ...(totals ? [cellText(t.rowTotals[r] ?? null)] : [])].join(' | '));
    });
    out(['Total', ...t.columnTotals.map(cellText), ...(totals ? [cellText(t.total)] : [])].join(' | '));
  }
}

/** `statistics drees --on J [--out F.xlsx] [--json]`. */
export function registerStatisticsCommands(program: Command) {
  const statistics = program
    .command('statistics')
    .description('statistiques publiées (secret statistique appliqué)');
  statistics
    .command('drees')
    .description(
      'statistiques DREES (orientation et accompagnement des bénéficiaires du RSA) à une date, par défaut le dernier 31 décembre',
    )
    .option('--on <AAAA-MM-JJ>', 'date d’observation (défaut : le dernier 31 décembre)')
    .option('--out <fichier.xlsx>', 'écrit le classeur XLSX (une feuille par tableau)')
    .option('--json', 'les tableaux en JSON sur la sortie standard')
    .action(async (opts: { on?: string; out?: string; json?: boolean }) => {
      const parsed = statisticsQuerySchema.safeParse({ on: opts.on });
      if (!parsed.success)
        throw new Error(
          `date --on invalide : ${parsed.error.issues[0]?.message ?? 'format AAAA-MM-JJ attendu'}`,
        );
      const { dreesStatistics } = await import('./application/drees-statistics');
      const { dreesWorkbook } = await import('./application/statistics-export');
      await withContext(async (ctx) => {
        const stats = await dreesStatistics(ctx.db, ctx.config.departmentCode, parsed.data.on);
        if (opts.out) {
          const fs = await import('node:fs');
          const content = await dreesWorkbook(stats);
          fs.writeFileSync(opts.out, content);
          if (!opts.json)
            out(`Classeur écrit dans ${opts.out} (${stats.tables.length} tableaux au ${stats.on}).`);
        }
        if (opts.json) out(stats);
        else if (!opts.out) printTables(stats);
      });
    });
}
