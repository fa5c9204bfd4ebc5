import path from 'node:path';
import type { Command } from 'commander';
import { out, withContext } from '../../cli-support';

/**
 * `offer export-data-inclusion --out DIR`: the catalogue as data·inclusion v1 (DIR/structures.json,
 * DIR/services.json), validated against the schemas before anything is written (exit code 1 and
 * the first problems otherwise).
 */
export function registerOpenDataCommands(offer: Command) {
  offer
    .command('export-data-inclusion')
    .description('exporte le catalogue au format data·inclusion v1 (structures.json et services.json)')
    .requiredOption('--out <dossier>', 'dossier où écrire structures.json et services.json')
    .action(async (opts: { out: string }) => {
      const { writeDataInclusionExport } = await import('./application/open-data');
      await withContext(async (ctx) => {
        const result = await writeDataInclusionExport(ctx, path.resolve(opts.out));
        out(
          `Export data·inclusion écrit : ${result.structures} structure(s), ${result.services} service(s) — ${result.files.join(', ')}`,
        );
      });
    });
}
