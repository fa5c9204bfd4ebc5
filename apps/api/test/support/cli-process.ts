import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { migratedPgliteSnapshot } from './pglite-snapshot';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `npm run cli -- …` as a real child process on an embedded database in `dataDir`: the exit code and
 * both outputs, whether it succeeds or not (tests assert the French message of a refusal).
 */
export async function runCli(
  dataDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'apps/api/src/cli.ts', ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: '',
          PARCOURS_DATA_DIR: dataDir,
          PARCOURS_TEST_PGLITE_SNAPSHOT: await migratedPgliteSnapshot(),
          LOG_LEVEL: 'silent',
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
