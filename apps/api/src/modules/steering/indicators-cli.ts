import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

/**
 * `indicators --from D --to D [--hub CODE]`: the Plan Pauvreté figures as the API answers them
 * (the same JSON object) on standard output; bad input → a French message, exit code 1.
 */
export function registerIndicatorCommands(program: Command) {
  program
    .command('indicators')
    .description('indicateurs du Plan Pauvreté sur une période (JSON sur la sortie standard)')
    .requiredOption('--from <AAAA-MM-JJ>', 'premier jour de la période (inclus)')
    .requiredOption('--to <AAAA-MM-JJ>', 'dernier jour de la période (inclus)')
    .option(
      '--hub <code>',
      'code du pôle d’insertion (l’id d’une ligne hub de l’historique) ; défaut : le département',
    )
    .action(async (opts: { from: string; to: string; hub?: string }) => {
      const { parsePlanPauvreteQuery, planPauvreteIndicatorsOf } = await import(
        './application/indicators-query'
      );
      // Checked before opening the database: a typo answers at once.
      const query = parsePlanPauvreteQuery(opts);
      await withContext(async (ctx) => {
        out(await planPauvreteIndicatorsOf(ctx, ctx.config.departmentCode, query));
      });
    });
}
