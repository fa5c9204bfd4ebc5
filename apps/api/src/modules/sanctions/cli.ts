import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

/** Commander's own refusals (unknown option, missing value, extra argument) in French; the help as is. */
export function inFrench(text: string): string {
  if (!text.startsWith('error:')) return text;
  const unknown = /unknown option '([^']+)'/.exec(text);
  if (unknown) return `Erreur : option inconnue ${unknown[1]}.\n`;
  const missing = /option '(--[\w-]+)[^']*' argument missing/.exec(text);
  if (missing) return `Erreur : valeur manquante pour l’option ${missing[1]}.\n`;
  if (/too many arguments/.test(text))
    return 'Erreur : arguments en trop, seules les options sont attendues.\n';
  return text;
}

/**
 * `rules sanction --facts-date J --household-persons N --single-parent-increase yes|no --repeat 1|2
 * [--json]`: the bounds of a sanction under the regime in force at the facts' date (the
 * département's own stored sets included), as one JSON object with `--json`; bad input → a French
 * message on standard error, exit code 1.
 */
export function registerSanctionCommands(program: Command) {
  const rules = program.command('rules').description('règles datées en vigueur à une date');
  rules
    .command('sanction')
    .description('bornes d’une sanction selon le régime en vigueur à la date des faits')
    .option('--facts-date <AAAA-MM-JJ>', 'date des faits (le manquement)')
    .option('--household-persons <N>', 'nombre de personnes du foyer, la personne comprise (au moins 1)')
    .option('--single-parent-increase <yes|no>', 'le foyer perçoit la majoration pour isolement')
    .option('--repeat <1|2>', '1 : premier manquement ; 2 : manquement répété')
    .option('--json', 'résultat en JSON (un objet sur une ligne)')
    .configureOutput({ outputError: (text, write) => write(inFrench(text)) })
    .action(
      async (opts: {
        factsDate?: string;
        householdPersons?: string;
        singleParentIncrease?: string;
        repeat?: string;
        json?: boolean;
      }) => {
        const { parseSanctionBoundsQuery } = await import('./application/bounds-query');
        const { sanctionBoundsFor } = await import('./application/sanction-rules');
        // Checked before opening the database: a typo answers at once.
        const { factsDate, situation } = parseSanctionBoundsQuery({
          factsDate: opts.factsDate,
          householdPersons: opts.householdPersons,
          singleParentIncrease: opts.singleParentIncrease as 'yes' | 'no' | undefined,
          repeat: opts.repeat as '1' | '2' | undefined,
        });
        await withContext(async (ctx) => {
          const b = await sanctionBoundsFor(ctx.db, ctx.config.departmentCode, factsDate, situation);
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(b)}\n`);
            return;
          }
          const percent =
            b.minPercent === null ? `jusqu’à ${b.maxPercent} %` : `de ${b.minPercent} à ${b.maxPercent} %`;
          out(
            `Régime ${b.regime} : ${percent} de l’allocation, pendant ${b.minMonths} à ${b.maxMonths} mois ; avis de l’équipe pluridisciplinaire ${b.epOpinionRequiredForRemoval ? 'obligatoire' : 'non requis'} pour une radiation.`,
          );
        });
      },
    );
}
