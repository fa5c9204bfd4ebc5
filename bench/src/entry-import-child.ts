import path from 'node:path';
import { withContext } from '../../apps/api/src/cli-support';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';

// One import, alone in its process, doing what `npm run cli -- flux import <file>` does once its
// command is chosen (context, import, report): its peak RSS is the import's. The database was
// migrated and given its territory beforehand by the parent.
const file = process.argv[2]!;
let t0 = 0;
const report = await withContext((ctx) => {
  t0 = performance.now();
  return importFlux(ctx, {
    filePath: file,
    fileName: path.basename(file),
    format: 'xml',
    actor: null,
    policy: ctx.config.fluxPartialPolicy,
  });
});
const seconds = (performance.now() - t0) / 1000;
if (report.status !== 'applied') {
  process.stderr.write(`${report.message}\n${JSON.stringify(report.rejected.slice(0, 5))}\n`);
  process.exit(1);
}
const persons = report.persons.created + report.persons.updated + report.persons.unchanged;
process.stdout.write(
  `${JSON.stringify({ seconds, persons, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
