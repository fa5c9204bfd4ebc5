import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

/** `history import <file.ndjson> [--json] [--apply-valid]` (exit code 1 when the file is rejected). */
export function registerHistoryCommands(program: Command) {
  const history = program.command('history').description('reprise de l’historique d’un autre logiciel');
  history
    .command('import')
    .description('importe un fichier d’historique NDJSON (rien n’est appliqué si une ligne est rejetée)')
    .argument('<fichier>', 'fichier NDJSON (shared/formats/history.md)')
    .option('--json', 'rapport complet en JSON')
    .option('--apply-valid', 'applique les lignes valides même si d’autres sont rejetées')
    .action(async (file: string, opts: { json?: boolean; applyValid?: boolean }) => {
      if (!fs.existsSync(file)) throw new Error(`Fichier introuvable : ${file}`);
      // Loaded when the command runs: the CLI stays light for the others.
      const { importHistory } = await import('./application/import-history');
      const { formatReport } = await import('./application/format-report');
      await withContext(async (ctx) => {
        const report = await importHistory(ctx, fs.createReadStream(file), {
          fileName: path.basename(file),
          actor: null,
          applyValidLines: Boolean(opts.applyValid),
        });
        out(opts.json ? report : formatReport(report));
        if (report.status === 'rejected') process.exitCode = 1;
      });
    });
}
