import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';
import { rebuildProjections } from './projectors';

/** `projections rebuild`: recomputes every read model (projector) from the recorded facts. */
export function registerProjectionCommands(program: Command) {
  const projections = program
    .command('projections')
    .description('modèles de lecture maintenus à partir des événements');
  projections
    .command('rebuild')
    .description('recalcule chaque modèle de lecture à partir des faits enregistrés')
    .option('--only <nom...>', 'seulement ces projections')
    .option('--json', 'résultat en JSON')
    .action(async (opts: { only?: string[]; json?: boolean }) => {
      await withContext(async (ctx) => {
        const results = await rebuildProjections(ctx.db, ctx.config.departmentCode, opts.only);
        if (opts.json) return out(results);
        for (const r of results) {
          out(`${r.name} (${r.description}) : ${r.rows} ligne(s), ${r.changed} corrigée(s).`);
        }
        if (results.length === 0) out('Aucune projection enregistrée.');
      });
    });
}
