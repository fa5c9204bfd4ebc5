import path from 'node:path';
import { ensureTerritory } from '../../apps/api/src/app';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { loadConfig } from '../../apps/api/src/platform/config';
import { createContext } from '../../apps/api/src/platform/context';
import { createLogger } from '../../apps/api/src/platform/logger';

// One import, alone in its process: its peak RSS is the import's.
const file = process.argv[2]!;
const ctx = await createContext(loadConfig(), createLogger('silent'));
await ensureTerritory(ctx);
const t0 = performance.now();
const report = await importFlux(ctx, {
  filePath: file,
  fileName: path.basename(file),
  format: 'xml',
  actor: null,
});
const seconds = (performance.now() - t0) / 1000;
await ctx.close();
if (report.status !== 'applied') {
  process.stderr.write(`${report.message}\n${JSON.stringify(report.rejected.slice(0, 5))}\n`);
  process.exit(1);
}
const persons = report.persons.created + report.persons.updated + report.persons.unchanged;
process.stdout.write(
  `${JSON.stringify({ seconds, persons, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
