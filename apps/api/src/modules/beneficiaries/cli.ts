import path from 'node:path';
import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

export function registerBeneficiariesCommands(program: Command) {
  const flux = program.command('flux').description('flux CAF / MSA');
  flux
    .command('import <fichier>')
    .description('importe un flux (XML VRSB/VIRS ou CSV) : une transaction, idempotent, rapport')
    .option('--json', 'rapport complet en JSON')
    .option('--format <format>', 'xml ou csv (défaut : selon l’extension)')
    .option('--nat-flux <D|I>', 'CSV : nature du flux (D bénéficiaires, I instruction)', 'D')
    .option('--type-flux <I|M|R>', 'CSV : type du flux (I quotidien, M mensuel, R reprise)', 'I')
    .option('--created-on <AAAA-MM-JJ>', 'CSV : date de création du flux (date des faits)')
    .option('--force', 'appliquer un flux plus ancien que le dernier appliqué')
    .option('--apply-valid', 'appliquer les foyers valides et rejeter les autres (défaut : tout ou rien)')
    .option('--progress', 'affiche la progression (foyers appliqués) sur la sortie d’erreur')
    .action(
      async (
        file: string,
        opts: {
          json?: boolean;
          format?: string;
          natFlux: string;
          typeFlux: string;
          createdOn?: string;
          force?: boolean;
          applyValid?: boolean;
          progress?: boolean;
        },
      ) => {
        const format = (opts.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'xml')) as
          | 'xml'
          | 'csv';
        if (format === 'csv' && !opts.createdOn)
          throw new Error('--created-on est obligatoire pour un fichier CSV.');
        // Loaded when the command runs: the CLI loads only what the chosen command needs.
        const { importFlux } = await import('./application/import-flux');
        await withContext(async (ctx) => {
          const report = await importFlux(ctx, {
            filePath: path.resolve(file),
            fileName: path.basename(file),
            format,
            csv:
              format === 'csv'
                ? {
                    natFlux: opts.natFlux as 'D' | 'I',
                    typeFlux: opts.typeFlux as 'I' | 'M' | 'R',
                    createdOn: opts.createdOn!,
                  }
                : undefined,
            actor: null,
            force: opts.force,
            policy: opts.applyValid ? 'apply-valid' : ctx.config.fluxPartialPolicy,
            // Digits without separators: scripts (and the kill test) read this line.
            onProgress: opts.progress
              ? (p) =>
                  process.stderr.write(
                    `Progression : ${p.households} ${p.households > 1 ? 'foyers appliqués' : 'foyer appliqué'}, ${Math.floor((100 * p.bytesRead) / Math.max(1, p.totalBytes))} %\n`,
                  )
              : undefined,
          });
          if (opts.json) out(report);
          else {
            out(report.message);
            out(
              `Foyers : ${report.households.created} créés, ${report.households.updated} mis à jour, ${report.households.unchanged} inchangés. ` +
                `Personnes : ${report.persons.created} créées, ${report.persons.updated} mises à jour, ${report.persons.unchanged} inchangées. ` +
                `Nouveaux entrants : ${report.newEntrants}. Doublons suspectés : ${report.duplicatesSuspected}.`,
            );
            if (report.members)
              out(
                `Composition des foyers : ${report.members.joined} arrivée(s), ${report.members.left} départ(s), ${report.members.moved} changement(s) de foyer.`,
              );
            for (const c of (report.identityConflicts ?? []).slice(0, 20))
              out(
                `  Conflit d'identité ${c.place} (dossier ${c.claimNumber}) : ${c.incoming.birthName} ${c.incoming.firstName} ${c.incoming.birthDate} ${c.incoming.sex} ≠ personne connue ${c.existing.birthName} ${c.existing.firstName} ${c.existing.birthDate} ${c.existing.sex} — enregistré à part, à examiner (doublons)`,
              );
            for (const e of report.rejected.slice(0, 20))
              out(`  ${e.place}${e.field ? ` [${e.field}]` : ''} : ${e.reason}`);
            if (report.rejectedCount > 20)
              out(`  … et ${report.rejectedCount - 20} autre(s) erreur(s) (--json pour tout voir)`);
          }
          if (report.status === 'rejected') process.exitCode = 1;
        });
      },
    );
}
