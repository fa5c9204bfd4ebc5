import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process';
import { indicatorHistories, toNdjson } from './support/indicator-histories';

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

describe('indicators on the command line (embedded database)', () => {
  it('prints the API’s JSON object; bad input is a French message and a non-zero exit', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-indicators-'));
    const file = path.join(dataDir, 'historique.ndjson');
    const h = indicatorHistories();
    fs.writeFileSync(file, toNdjson([...h['ind-cancel']!, ...h['ind-ft']!]));
    const imported = await cli(dataDir, 'history', 'import', file);
    expect(imported.code, imported.stderr).toBe(0);

    // ind-cancel, January 2024 (indicators.int.test.ts): 3 entrants, all oriented within 1 month,
    // 2 first appointments fixed (m after a cancelled one, n), 1 within 2 weeks.
    const ok = await cli(
      dataDir,
      'indicators',
      '--from',
      '2024-01-01',
      '--to',
      '2024-01-31',
      '--hub',
      'ind-cancel',
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      from: '2024-01-01',
      to: '2024-01-31',
      hub: 'ind-cancel',
      indicators: {
        newEntrants: 3,
        newEntrantsOriented: 3,
        newEntrantsOrientedWithin1Month: 3,
        firstAppointmentsSet: 2,
        firstAppointmentsWithin2Weeks: 1,
        firstContracts: 0,
        firstContractsWithin2Months: 0,
        activityGuaranteeOriented: 0,
        activityGuaranteeInProgress: 0,
        globalSupportPerAdvisor: null,
        globalSupportStartDelayDays: null,
      },
    });
    // The département: ind-cancel's 3 entrants and ind-ft's 2 (s, t); 3.1.2: m, n and t.
    const all = JSON.parse(
      (await cli(dataDir, 'indicators', '--from', '2024-01-01', '--to', '2024-01-31')).stdout,
    );
    expect(all).toMatchObject({ hub: null, indicators: { newEntrants: 5, firstAppointmentsSet: 3 } });

    const bad: [string[], RegExp][] = [
      [['--from', '2024-02-01', '--to', '2024-01-31'], /fin de la période doit être postérieure/],
      [['--from', '2024-01-01', '--to', '2024-01-31', '--hub', 'pole-inconnu'], /Pôle d’insertion inconnu/],
      [['--from', '2024-13-01', '--to', '2024-12-31'], /n’existe pas/],
      [['--from', '01/01/2024', '--to', '2024-12-31'], /AAAA-MM-JJ/],
      [['--from', '2010-01-01', '--to', '2024-12-31'], /ne peut pas dépasser 10 ans/],
    ];
    for (const [args, message] of bad) {
      const res = await cli(dataDir, 'indicators', ...args);
      expect(res.code, args.join(' ')).not.toBe(0);
      expect(res.stderr, args.join(' ')).toMatch(message);
      expect(res.stdout).toBe('');
    }
  }, 300_000);
});
