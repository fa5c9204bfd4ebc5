import { accountCreateSchema, roles } from '@parcours/contracts';
import { Command } from 'commander';
import { out, withContext } from './cli-support';
import { registerDemoGenerateCommand } from './demo/generate/cli';
import { registerBeneficiariesCommands } from './modules/beneficiaries/cli';
import { registerHistoryCommands } from './modules/history/cli';
import { registerOrientationCommands } from './modules/orientation/cli';
import { loadConfig } from './platform/config';
import { openDatabase } from './platform/db/database';
import { migrate } from './platform/db/migrate';
import { AppError } from './platform/http/errors';

const program = new Command('parcours')
  .description('Parcours — commandes d’administration (npm run cli -- <commande>)')
  .showHelpAfterError();

const db = program.command('db').description('base de données');
db.command('migrate')
  .description('applique les migrations en attente')
  .action(async () => {
    const config = loadConfig();
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrate(handle.db);
      out(
        applied.length
          ? `Migrations appliquées : ${applied.join(', ')}`
          : 'Base à jour : aucune migration en attente.',
      );
    } finally {
      await handle.close();
    }
  });

const territory = program.command('territory').description('territoire : communes et pôles d’insertion');
territory
  .command('load')
  .description('charge (ou complète) le territoire du département depuis un fichier JSON')
  .option('--file <fichier>', 'fichier de territoire (défaut : celui du département configuré)')
  .action(async (opts: { file?: string }) => {
    const { defaultTerritoryFile, loadTerritory, readTerritoryFile } = await import(
      './modules/territory/application/load-territory'
    );
    await withContext(
      async (ctx) => {
        const file = opts.file ?? defaultTerritoryFile(ctx.config.departmentCode);
        const result = await loadTerritory(ctx, readTerritoryFile(file));
        out(`Territoire chargé : ${result.communes} communes, ${result.hubs} pôles.`);
        if (result.unassigned.length) out(`Communes sans pôle : ${result.unassigned.join(', ')}`);
      },
      { territory: false },
    );
  });

const demo = program.command('demo').description('données de démonstration (synthétiques)');
demo
  .command('load')
  .description('charge le territoire, les structures et un compte par rôle')
  .action(async () => {
    const { loadDemo, loadDemoPersons } = await import('./demo/load-demo');
    await withContext(async (ctx) => {
      const r = await loadDemo(ctx);
      const persons = await loadDemoPersons(ctx, ctx.config.demoPersons);
      out(
        `Démonstration chargée : ${r.structures} structure(s), ${r.accounts} compte(s) et ${persons} personne(s) créés.`,
      );
    });
  });

const users = program.command('users').description('comptes des agents');
users
  .command('create')
  .description('crée un compte local')
  .requiredOption('--email <email>', 'adresse e-mail')
  .requiredOption('--name <nom>', 'nom affiché')
  .requiredOption('--role <rôle>', `rôle : ${roles.join(', ')}`)
  .option('--hub <code>', "code du pôle d'insertion (rôles rattachés à un pôle)")
  .option('--structure <nom>', 'nom de la structure (référent, opérateur)')
  .option(
    '--password <mot de passe>',
    'mot de passe (sinon lu dans PARCOURS_PASSWORD ; sans mot de passe, connexion OIDC ou réinitialisation)',
  )
  .action(
    async (opts: {
      email: string;
      name: string;
      role: string;
      hub?: string;
      structure?: string;
      password?: string;
    }) => {
      const { createAccount } = await import('./modules/access/application/accounts');
      await withContext(async (ctx) => {
        const dep = ctx.config.departmentCode;
        const hub = opts.hub
          ? await ctx.db
              .selectFrom('insertion_hub')
              .select('id')
              .where('code', '=', opts.hub)
              .where('department_code', '=', dep)
              .executeTakeFirst()
          : null;
        if (opts.hub && !hub) throw new Error(`Pôle inconnu : ${opts.hub}`);
        const structure = opts.structure
          ? await ctx.db
              .selectFrom('structure')
              .select('id')
              .where('name', '=', opts.structure)
              .where('department_code', '=', dep)
              .executeTakeFirst()
          : null;
        if (opts.structure && !structure) throw new Error(`Structure inconnue : ${opts.structure}`);
        const input = accountCreateSchema.safeParse({
          email: opts.email,
          displayName: opts.name,
          role: opts.role,
          hubId: hub?.id ?? null,
          structureId: structure?.id ?? null,
          password: opts.password ?? process.env.PARCOURS_PASSWORD ?? null,
        });
        if (!input.success)
          throw new Error(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
        const account = await createAccount(ctx, null, input.data, null);
        out(`Compte créé : ${account.email} (${account.role}), id ${account.id}`);
      });
    },
  );

const audit = program.command('audit').description("journal d'audit");
audit
  .command('verify')
  .description('vérifie le chaînage des traces (détecte toute modification ou suppression)')
  .option('--json', 'résultat en JSON')
  .action(async (opts: { json?: boolean }) => {
    await withContext(async (ctx) => {
      const result = await ctx.audit.verify(ctx.config.departmentCode);
      if (opts.json) out(result);
      else if (result.ok) out(`Journal intègre : ${result.checked} trace(s) vérifiée(s).`);
      else out(`Journal ALTÉRÉ à la trace n° ${result.brokenAtSeq} : ${result.reason}.`);
      if (!result.ok) process.exitCode = 2;
    });
  });

const jobs = program.command('jobs').description('tâches en arrière-plan');
jobs
  .command('run')
  .description('exécute les tâches dues puis s’arrête')
  .action(async () => {
    await withContext(async (ctx) => {
      const { registerJobHandlers } = await import('./jobs');
      registerJobHandlers(ctx);
      out(`${await ctx.jobs.drain()} tâche(s) exécutée(s).`);
    });
  });

registerBeneficiariesCommands(program);
registerHistoryCommands(program);
registerOrientationCommands(program);
registerDemoGenerateCommand(demo);

program.addHelpText(
  'after',
  `
Commandes :
  db migrate                 applique les migrations en attente
  territory load [--file F]  charge ou complète le territoire (communes, pôles)
  demo load                  territoire, structures et un compte par rôle
  users create …             crée un compte (npm run cli -- users create --help)
  audit verify [--json]      vérifie l'intégrité du journal d'audit
  jobs run                   exécute les tâches dues
  flux import <fichier>      importe un flux CAF/MSA (XML ou CSV) [--json]
  history import <fichier>   reprend l'historique d'un autre outil (NDJSON) [--json] [--apply-valid]
  demo generate --persons N  écrit un département fictif : historique NDJSON et flux CAF XML
  orientation rebuild-read-model  recalcule les orientations initiales des entrées (modèle de lecture)`,
);

program.parseAsync(process.argv).catch((err: unknown) => {
  const fields =
    err instanceof AppError && err.fields
      ? err.fields.map((f) => `\n  ${f.path} : ${f.message}`).join('')
      : '';
  process.stderr.write(`Erreur : ${err instanceof Error ? err.message : String(err)}${fields}\n`);
  process.exit(1);
});
