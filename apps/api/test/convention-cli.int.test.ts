import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process';

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

describe('command line: convention import and export', () => {
  it('imports the table once, then finds it up to date; exports the XLSX of a year; refuses bad input in French', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-convention-'));
    const first = await cli(dataDir, 'convention', 'import');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Tableau de la convention importé : 26 indicateur\(s\) \(26 créé\(s\)/);
    const second = await cli(dataDir, 'convention', 'import', '--json');
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: false, rows: { created: 0, updated: 0 } });

    const out = path.join(dataDir, 'convention.xlsx');
    const exported = await cli(dataDir, 'convention', 'export', '--year', '2021', '--out', out);
    expect(exported.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(10).value).toMatch(/^Calculé par Parcours 2021/);
    const entrants: unknown[] = [];
    sheet.eachRow((r) => {
      if (r.getCell(2).value === 'Nombre de nouveaux entrants') entrants.push(r.getCell(5).value);
    });
    expect(entrants).toEqual([32519]);

    const badYear = await cli(dataDir, 'convention', 'export', '--year', '20x1', '--out', out);
    expect(badYear.code).toBe(1);
    expect(badYear.stderr).toMatch(/Année invalide : 20x1/);
    const missing = await cli(dataDir, 'convention', 'import', '--file', path.join(dataDir, 'absent.tsv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Fichier introuvable/);
  }, 300_000);
});
