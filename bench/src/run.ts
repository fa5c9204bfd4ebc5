import { benchAudit } from './audit';
import { benchFlux, benchSearch } from './entry';
import { benchIndicators } from './indicators';
import { benchLoad } from './load';
import { benchReadModel } from './read-model';
import { benchSession } from './session';

/** `npm run bench [-- name…]`: each benchmark prints its figures and whether its target is met. */
const benchmarks: Record<string, () => Promise<boolean>> = {
  session: benchSession,
  audit: benchAudit,
  flux: benchFlux,
  search: benchSearch,
  load: benchLoad,
  'read-model': benchReadModel,
  indicators: benchIndicators,
};
/** Run by `npm run bench` without names: the quick ones. flux, search, load, read-model and indicators are asked by name. */
const quick = ['session', 'audit'];

const wanted = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith('-') && !all[i - 1]?.startsWith('--'));
const unknown = wanted.filter((w) => !benchmarks[w]);
if (unknown.length) {
  process.stderr.write(
    `Benchmark inconnu : ${unknown.join(', ')}. Disponibles : ${Object.keys(benchmarks).join(', ')}\n`,
  );
  process.exit(2);
}
let allMet = true;
for (const name of wanted.length ? wanted : quick) {
  process.stdout.write(`\n== ${name} ==\n`);
  allMet = (await benchmarks[name]!()) && allMet;
}
process.exit(allMet ? 0 : 1);
