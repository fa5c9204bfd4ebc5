import './modules/event-subscribers';
import './modules/timeline-events';
import { accountCreateSchema, roles } from '@parcours/contracts';
import { Command } from 'commander';
import { out, withContext } from './cli-support';
import { registerDemoGenerateCommand } from './demo/generate/cli';
import { registerAlertCommands } from './modules/accompaniment/alert-cli';
import { registerContractCommands } from './modules/accompaniment/contract-cli';
import { registerBeneficiariesCommands } from './modules/beneficiaries/cli';
import { registerHistoryCommands } from './modules/history/cli';
import { registerOfferCommands } from './modules/offer/cli';
import { registerOrientationCommands } from './modules/orientation/cli';
import { registerSanctionCommands } from './modules/sanctions/cli';
import { registerSteeringCommands } from './modules/steering/cli';
import { loadConfig } from './platform/config';
import { migrateDatabase } from './platform/context';
import { openDatabase } from './platform/db/database';
import { grantAppRole, migrate } from './platform/db/migrate';
import { DomainError } from './platform/errors';
import { registerProjectionCommands } from './platform/events/cli';

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
      const applied = await migrateDatabase(config, handle);
      out(
        applied.length
          ? `Migrations appliquées : ${applied.join(', ')}`
          : 'Base à jour : aucune migration en attente.',
      );
    } finally {
      await handle.close();
    }
  });
db.command('grant-app-role')
  .description(
    "accorde au rôle PostgreSQL de l'application ses droits (journal d'audit : lecture et ajout seulement), avec MIGRATION_DATABASE_URL ou DATABASE_URL",
  )
  .argument('<role>', 'rôle PostgreSQL (LOGIN) de DATABASE_URL')
  .action(async (role: string) => {
    const config = loadConfig();
    const url = config.migrationDatabaseUrl ?? config.databaseUrl;
    if (!url)
      throw new Error('Commande réservée à PostgreSQL : définir MIGRATION_DATABASE_URL ou DATABASE_URL.');
    const handle = await openDatabase({ databaseUrl: url, dataDir: config.dataDir, poolSize: 1 });
    try {
      await migrate(handle.db);
      await grantAppRole(handle.db, role);
      out(
        `Droits accordés à ${role} : tables en lecture et écriture, journal d'audit en lecture et ajout seulement.`,
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
  .description(
    'vérifie les sceaux (HMAC) des traces et les points de contrôle hors base (détecte toute modification, suppression ou troncature)',
  )
  .option('--json', 'résultat en JSON')
  .option(
    '--checkpoints <fichier...>',
    'points de contrôle à confronter (fichier de points de contrôle ou journal JSON) ; défaut : AUDIT_CHECKPOINT_FILE',
  )
  .action(async (opts: { json?: boolean; checkpoints?: string[] }) => {
    await withContext(async (ctx) => {
      const result = await ctx.audit.verify(ctx.config.departmentCode, { checkpointFiles: opts.checkpoints });
      if (opts.json) out(result);
      else if (result.ok) {
        out(
          `Journal intègre : ${result.checked} trace(s) vérifiée(s), ${result.checkpoints} point(s) de contrôle confronté(s).`,
        );
        if (result.checkpoints === 0 && result.checked > 0) {
          out(
            'Attention : aucun point de contrôle trouvé, une fin de journal coupée ne serait pas détectée.',
          );
        }
      } else if (result.missingFrom) {
        out(
          `Journal ALTÉRÉ : traces n° ${result.missingFrom} à ${result.missingTo} manquantes (${result.reason}).`,
        );
      } else {
        out(`Journal ALTÉRÉ à la trace n° ${result.brokenAtSeq ?? '—'} : ${result.reason}.`);
      }
      if (!result.ok) process.exitCode = 2;
    });
  });
audit
  .command('checkpoint')
  .description('écrit maintenant un point de contrôle signé de la tête du journal (fichier et journal JSON)')
  .action(async () => {
    await withContext(async (ctx) => {
      const written = await ctx.audit.checkpoint('manual', { all: true });
      for (const c of written) out(`Point de contrôle : département ${c.departmentCode}, trace n° ${c.seq}.`);
      if (written.length === 0) out('Journal vide : aucun point de contrôle.');
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

registerAlertCommands(program);
registerContractCommands(program);
registerBeneficiariesCommands(program);
registerHistoryCommands(program);
registerOrientationCommands(program);
registerOfferCommands(program);
registerSteeringCommands(program);
registerSanctionCommands(program);
registerProjectionCommands(program);
registerDemoGenerateCommand(demo);

program.addHelpText(
  'after',
  `
Commandes :
  db migrate                 applique les migrations en attente
  territory load [--file F]  charge ou complète le territoire (communes, pôles)
  demo load                  territoire, structures et un compte par rôle
  users create …             crée un compte (npm run cli -- users create --help)
  db grant-app-role ROLE     droits du rôle PostgreSQL de l'application (audit : lecture et ajout)
  audit verify [--json]      vérifie les sceaux du journal d'audit et ses points de contrôle
  audit checkpoint           écrit un point de contrôle signé de la tête du journal
  jobs run                   exécute les tâches dues
  flux import <fichier>      importe un flux CAF/MSA (XML ou CSV) [--json]
  history import <fichier>   reprend l'historique d'un autre outil (NDJSON) [--json] [--apply-valid]
  demo generate --persons N  écrit un département fictif : historique NDJSON et flux CAF XML
  projections rebuild [--json]    recalcule tous les modèles de lecture à partir des faits
  alerts digest [--date J]   envoie maintenant le récapitulatif des alertes d’accompagnement
  contracts daily [--date J] met en vigueur / termine les contrats d’engagement selon leurs dates
  orientation rebuild-read-model  recalcule les orientations initiales des entrées (modèle de lecture)
  indicators --from J --to J [--hub CODE]  indicateurs du Plan Pauvreté (JSON sur la sortie standard)
  statistics drees --on J [--out F.xlsx] [--json]  statistiques DREES au 31 décembre (ou au jour J)
  convention export --year A --out F.xlsx  tableau des indicateurs de la convention, mis en page comme l’annexe
  rules sanction --facts-date J --household-persons N --single-parent-increase yes|no --repeat 1|2 [--json]
                             bornes d’une sanction selon le régime en vigueur à la date des faits`,
);

program.parseAsync(process.argv).catch((err: unknown) => {
  const fields =
    err instanceof DomainError && err.fields
      ? err.fields.map((f) => `\n  ${f.path} : ${f.message}`).join('')
      : '';
  process.stderr.write(`Erreur : ${err instanceof Error ? err.message : String(err)}${fields}\n`);
  process.exit(1);
});
