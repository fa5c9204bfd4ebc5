import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

/** `alerts digest [--date YYYY-MM-DD]`: sends the daily digest of the alerts now. */
export function registerAlertCommands(program: Command) {
  const alerts = program.command('alerts').description('alertes d’accompagnement');
  alerts
    .command('digest')
    .description(
      'envoie maintenant le récapitulatif des alertes à chaque référent et responsable de structure',
    )
    .option('--date <AAAA-MM-JJ>', 'date des alertes (défaut : aujourd’hui)')
    .option('--json', 'résultat en JSON')
    .action(async (opts: { date?: string; json?: boolean }) => {
      const { calendarDate } = await import('@parcours/contracts');
      const date = opts.date === undefined ? undefined : calendarDate.safeParse(opts.date);
      if (date && !date.success) throw new Error(`Date invalide : ${opts.date} (attendu AAAA-MM-JJ).`);
      const { sendAlertDigests } = await import('./application/digest');
      await withContext(async (ctx) => {
        const result = await sendAlertDigests(ctx, ctx.config.departmentCode, date?.data);
        if (opts.json) out(result);
        else {
          out(
            `Récapitulatif du ${result.date} : ${result.sent.length} e-mail(s) envoyé(s), ${result.optedOut} agent(s) désabonné(s).`,
          );
          for (const s of result.sent) out(`  ${s.email} : ${s.alerts} alerte(s)`);
        }
      });
    });
}
