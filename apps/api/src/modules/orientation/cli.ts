import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

/**
 * `orientation rebuild-read-model`: recomputes the initial orientation of every entry spell from
 * the facts. Kept as an alias of `projections rebuild --only orientation.entry-spells`.
 */
export function registerOrientationCommands(program: Command) {
  const orientation = program.command('orientation').description('orientation des nouveaux entrants');
  orientation
    .command('rebuild-read-model')
    .description('recalcule l’orientation initiale de chaque entrée à partir des orientations enregistrées')
    .option('--json', 'résultat en JSON')
    .action(async (opts: { json?: boolean }) => {
      const { entrySpellProjector } = await import('./application/read-model');
      await withContext(async (ctx) => {
        const { rows, changed } = await entrySpellProjector.rebuild(ctx.db, ctx.config.departmentCode);
        const result = { spells: rows, changed };
        out(
          opts.json
            ? result
            : `Modèle de lecture recalculé : ${result.spells} entrée(s), ${result.changed} corrigée(s).`,
        );
      });
    });
}
