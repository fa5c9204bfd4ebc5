import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { out } from '../../cli-support';

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('un entier positif est attendu');
  return n;
};

/** `demo generate --persons N [--seed S] [--today D] [--history F] [--flux F]`: files only, no database. */
export function registerDemoGenerateCommand(demo: Command) {
  demo
    .command('generate')
    .description('écrit un département fictif (Bouches-du-Rhône) : historique NDJSON, flux CAF XML')
    .requiredOption('--persons <nombre>', 'nombre de personnes (demandeurs, conjoints, enfants…)', positive)
    .option('--seed <graine>', 'graine : la même graine donne les mêmes fichiers', positive, 1)
    .option('--today <AAAA-MM-JJ>', 'date de génération (défaut : aujourd’hui)')
    .option('--history <fichier>', 'historique à écrire (format history.md)', 'demo-historique.ndjson')
    .option('--flux <fichier>', 'flux CAF mensuel à écrire aussi (XML VRSB, windows-1252)')
    .action(
      async (opts: { persons: number; seed: number; today?: string; history: string; flux?: string }) => {
        const { generateDemo, generateDemoFlux } = await import('./index');
        const stream = fs.createWriteStream(opts.history);
        const summary = await generateDemo({ ...opts, out: { historyNdjson: stream } });
        stream.end();
        await finished(stream);
        out(
          `Historique écrit : ${opts.history} (${summary.households} foyers, ${summary.persons} personnes, ${summary.lines} lignes).`,
        );
        if (opts.flux) {
          const flux = await generateDemoFlux({ ...opts, out: fs.createWriteStream(opts.flux) });
          out(`Flux CAF écrit : ${opts.flux} (${flux.households} foyers, ${flux.persons} personnes).`);
        }
      },
    );
}
