import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database';
import { runCli } from './support/cli-process';

const rules = (dataDir: string, facts: string, persons: string, increase: string, repeat: string) =>
  runCli(dataDir, [
    'rules',
    'sanction',
    '--facts-date',
    facts,
    '--household-persons',
    persons,
    '--single-parent-increase',
    increase,
    '--repeat',
    repeat,
    '--json',
  ]);

/** One JSON object on standard output, nothing else. */
const json = (res: { code: number; stdout: string; stderr: string }) => {
  expect(res.code, res.stderr).toBe(0);
  expect(res.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(res.stdout);
};

describe('rules sanction on the command line (embedded database)', () => {
  it('prints the bounds of the regime in force at the facts’ date, stored sets included; refuses bad input in French', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-sanction-rules-'));

    expect(json(await rules(dataDir, '2025-05-31', '1', 'no', '1'))).toEqual({
      regime: 'earlier',
      minPercent: null,
      maxPercent: 80,
      minMonths: 1,
      maxMonths: 3,
      epOpinionRequiredForRemoval: true,
    });
    const after = await rules(dataDir, '2025-06-01', '1', 'yes', '2');
    expect(after.stdout).toBe(
      '{"regime":"suspension_remobilisation_2025","minPercent":30,"maxPercent":50,"minMonths":1,"maxMonths":4,"epOpinionRequiredForRemoval":true}\n',
    );

    const bad: [string[], RegExp][] = [
      [['2025-02-29', '1', 'no', '1'], /--facts-date : La date 29\/02\/2025 n’existe pas/],
      [['2025-06-01', '0', 'no', '1'], /--household-persons : .*au moins 1/],
      [['2025-06-01', '2', 'oui', '1'], /--single-parent-increase : .*« yes » ou « no »/],
      [['2025-06-01', '2', 'no', '3'], /--repeat : .*« 1 » \(premier\) ou « 2 » \(répété\)/],
    ];
    for (const [[facts, persons, increase, repeat], message] of bad) {
      const res = await rules(dataDir, facts!, persons!, increase!, repeat!);
      expect(res.code, `${facts} ${persons} ${increase} ${repeat}`).not.toBe(0);
      expect(res.stderr).toMatch(message);
      expect(res.stdout).toBe('');
    }

    const unknown = await runCli(dataDir, [
      'rules',
      'sanction',
      '--facts-date',
      '2025-06-01',
      '--foyer',
      '2',
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/option inconnue --foyer/);

    // A regime an administrator recorded from 1 January 2030 (the screen writes the same row).
    const handle = await openDatabase({ dataDir });
    try {
      const dep = await handle.db.selectFrom('department').select('code').executeTakeFirstOrThrow();
      await handle.db
        .insertInto('rule_set')
        .values({
          department_code: dep.code,
          kind: 'sanction_regime',
          effective_from: '2030-01-01',
          value: JSON.stringify({
            regime: 'essai_2030',
            label: 'Régime d’essai',
            first: { minPercent: 40, maxPercent: 90, minMonths: 1, maxMonths: 3 },
            repeated: { minPercent: 40, maxPercent: 100, minMonths: 2, maxMonths: 6 },
            householdCapPercent: 60,
            capForSingleParentIncrease: true,
            repeatWindowMonths: 18,
            epOpinionRequiredForSanction: false,
            epOpinionRequiredForRemoval: false,
            removalAtEndOfSuspension: false,
          }),
          source: 'Délibération de test',
        })
        .execute();
    } finally {
      await handle.close();
    }
    expect(json(await rules(dataDir, '2029-12-31', '1', 'no', '1'))).toMatchObject({
      regime: 'suspension_remobilisation_2025',
      maxPercent: 100,
    });
    expect(json(await rules(dataDir, '2030-01-01', '4', 'no', '2'))).toEqual({
      regime: 'essai_2030',
      minPercent: 40,
      maxPercent: 60,
      minMonths: 2,
      maxMonths: 6,
      epOpinionRequiredForRemoval: false,
    });
  }, 300_000);
});
