import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

/** `orientation rebuild-read-model`: recomputes the initial orientation of every entry spell from the facts. */
export function registerOrientationCommands(program: Command) {
  const orientation = program.command('orientation').description('orientation des nouveaux entrants');
  orientation
    .command('rebuild-read-model')
    .description('recalcule l’orientation initiale de chaque entrée à partir des orientations enregistrées')
    .option('--json', 'résultat en JSON')
    .action(async (opts: { json?: boolean }) => {
      const { rebuildOrientationReadModel } = await import('./application/read-model');
      await withContext(async (ctx) => {
        const result = await rebuildOrientationReadModel(ctx.db, ctx.config.departmentCode);
        out(
          opts.json
            ? result
            : `Modèle de lecture recalculé : ${result.spells} entrée(s), ${result.changed} corrigée(s).`,
        );
      });
    });
}
