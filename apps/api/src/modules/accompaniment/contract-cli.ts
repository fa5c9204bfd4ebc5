import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

/** `contracts daily [--date YYYY-MM-DD]`: the contracts' daily moves now (in force, ended). */
export function registerContractCommands(program: Command) {
  const contracts = program.command('contracts').description('contrats d’engagement');
  contracts
    .command('daily')
    .description(
      'met en vigueur les contrats signés dont le début est arrivé et termine ceux qui ont pris fin',
    )
    .option('--date <AAAA-MM-JJ>', 'date du jour (défaut : aujourd’hui)')
    .option('--json', 'résultat en JSON')
    .action(async (opts: { date?: string; json?: boolean }) => {
      const { calendarDate } = await import('@parcours/contracts');
      const date = opts.date === undefined ? undefined : calendarDate.safeParse(opts.date);
      if (date && !date.success) throw new Error(`Date invalide : ${opts.date} (attendu AAAA-MM-JJ).`);
      const { runContractDailyMoves } = await import('./application/contract-jobs');
      await withContext(async (ctx) => {
        const result = await runContractDailyMoves(ctx, ctx.config.departmentCode, date?.data);
        if (opts.json) out(result);
        else out(`${result.inForce} contrat(s) mis en vigueur, ${result.ended} contrat(s) terminé(s).`);
      });
    });
}
