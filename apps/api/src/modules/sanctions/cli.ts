import type { Permission, Role } from '@parcours/contracts';
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
  registerCafFileCommand(program);
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

/**
 * `sanctions caf-file --date J --as E-MAIL [--out F.csv]`: the CAF file of day J (the same file when
 * it already exists), recorded for the agent E-MAIL (a département role with sanction.manage),
 * written to F (or printed). Layout: docs/caf-transmission.md.
 */
function registerCafFileCommand(program: Command) {
  const sanctions = program.command('sanctions').description('droits et devoirs, sanctions');
  sanctions
    .command('caf-file')
    .description('fichier du jour des décisions à transmettre à la CAF')
    .requiredOption('--date <AAAA-MM-JJ>', 'jour du fichier (les lignes en attente jusqu’à ce jour)')
    .requiredOption('--as <e-mail>', 'compte de l’agent pour qui le fichier est généré (tracé)')
    .option('--out <fichier.csv>', 'fichier à écrire (sinon, le CSV est affiché)')
    .configureOutput({ outputError: (text, write) => write(inFrench(text)) })
    .action(async (opts: { date: string; as: string; out?: string }) => {
      const { hasPermission } = await import('@parcours/contracts');
      const { generateCafFile, downloadCafFile } = await import('./application/caf-files');
      await withContext(async (ctx) => {
        const account = await ctx.db
          .selectFrom('account')
          .selectAll()
          .where('email', '=', opts.as.toLowerCase())
          .where('department_code', '=', ctx.config.departmentCode)
          .executeTakeFirst();
        if (!account || !hasPermission(account.role as Role, 'sanction.manage'))
          throw new Error(`Aucun compte ${opts.as} pouvant transmettre les sanctions dans ce département.`);
        const role = account.role as Role;
        const actor = {
          accountId: account.id,
          departmentCode: account.department_code,
          role,
          email: account.email,
          displayName: account.display_name,
          hubId: account.hub_id,
          structureId: account.structure_id,
          personId: null,
          sessionIdHash: '',
          csrfToken: '',
          expiresAt: new Date(Date.now() + 60_000),
          can: (p: Permission) => hasPermission(role, p),
        };
        const request = { ip: '127.0.0.1', id: `cli-${process.pid}` };
        const file = await generateCafFile(ctx, actor, { date: opts.date }, request);
        const { content, fileName } = await downloadCafFile(ctx, actor, file.id, request);
        if (opts.out) {
          const { writeFile } = await import('node:fs/promises');
          await writeFile(opts.out, content, 'utf8');
          out(
            `${fileName} : ${file.lineCount} ligne(s), ${file.created ? 'généré' : 'déjà généré ce jour'} — écrit dans ${opts.out} (sha256 ${file.contentHash}).`,
          );
        } else process.stdout.write(content);
      });
    });
}
