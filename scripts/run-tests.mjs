// Runs the whole Vitest suite (unit, integration, e2e) and ends with one plain summary line
// ("N passed, N failed") that CI reads whatever the runner.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const out = '.vitest-results.json';
fs.rmSync(out, { force: true });
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(out)) {
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numFailedTestSuites ?? 0);
  skipped = r.numPendingTests + r.numTodoTests;
}
const code = run.status ?? 1;
if (code !== 0 && failed === 0) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(code);
