import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

async function cli(dataDir: string, ...args: string[]) {
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
          LOG_LEVEL: 'silent',
          PARCOURS_DEMO_PERSONS: '300',
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('command line (embedded database)', () => {
  it('migrates, loads the demo, creates an account with a clear error when its scope is missing, verifies the audit trail', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-cli-'));
    const help = await cli(dataDir, '--help');
    expect(help.stdout).toMatch(/db migrate[\s\S]*demo load[\s\S]*users create[\s\S]*audit verify/);

    expect((await cli(dataDir, 'db', 'migrate')).stdout).toMatch(/Migrations appliquées : 0001_platform/);
    expect((await cli(dataDir, 'db', 'migrate')).stdout).toMatch(/aucune migration en attente/);
    expect((await cli(dataDir, 'demo', 'load')).stdout).toMatch(/10 compte\(s\) et 300 personne\(s\) créés/);
    expect((await cli(dataDir, 'demo', 'load')).stdout).toMatch(
      /0 structure\(s\), 0 compte\(s\) et 0 personne\(s\) créés/,
    );

    const missingHub = await cli(
      dataDir,
      'users',
      'create',
      '--email',
      'a@parcours.test',
      '--name',
      'Agent A',
      '--role',
      'orientation_advisor',
    );
    expect(missingHub.code).toBe(1);
    expect(missingHub.stderr).toMatch(/hubId : Ce rôle doit être rattaché à un pôle d'insertion/);
    const ok = await cli(
      dataDir,
      'users',
      'create',
      '--email',
      'a@parcours.test',
      '--name',
      'Agent A',
      '--role',
      'orientation_advisor',
      '--hub',
      'aix-gardanne',
      '--password',
      'Un-mot-de-passe-long',
    );
    expect(ok.stdout).toMatch(/Compte créé : a@parcours.test \(orientation_advisor\)/);

    const verify = await cli(dataDir, 'audit', 'verify', '--json');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, brokenAtSeq: null });
  }, 300_000);

  it('imports a flux and a history into a fresh database, the département’s territory created first', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-cli-'));
    const flux = path.join(dataDir, 'flux.xml');
    const history = path.join(dataDir, 'historique.ndjson');
    const generated = await cli(
      dataDir,
      'demo',
      'generate',
      '--persons',
      '60',
      '--history',
      history,
      '--flux',
      flux,
    );
    expect(generated.code).toBe(0);

    // No `demo load` nor server start before: the command itself makes the territory present.
    const imported = await cli(dataDir, 'flux', 'import', flux, '--json');
    expect(imported.stderr).toBe('');
    const report = JSON.parse(imported.stdout);
    expect(report.status).toBe('applied');
    expect(report.households.created).toBeGreaterThan(0);

    const historyRun = await cli(dataDir, 'history', 'import', history);
    expect(historyRun.code).toBe(0);
    expect(historyRun.stderr).toBe('');
  }, 300_000);
});
