import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process';

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

describe('command line: offer import-annex and export-annex', () => {
  it('imports the annex once, then finds it up to date; exports it as XLSX; refuses bad input in French', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-annex-'));
    const first = await cli(dataDir, 'offer', 'import-annex');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Annexe 2020 importée : 41 action\(s\) \(41 créée\(s\)/);
    expect(first.stdout).toMatch(/Total calculé depuis les lignes d'action : 11.209.242 €/);
    const second = await cli(dataDir, 'offer', 'import-annex', '--json');
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: false, actions: { created: 0, updated: 0 } });

    const out = path.join(dataDir, 'annexe.xlsx');
    const exported = await cli(dataDir, 'offer', 'export-annex', '--year', '2020', '--out', out);
    expect(exported.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const values: unknown[][] = [];
    book.worksheets[0]!.eachRow((r) => values.push([r.getCell(1).value, r.getCell(5).value]));
    expect(values).toContainEqual(['TOTAL GENERAL', 11_209_242]);

    const missing = await cli(dataDir, 'offer', 'import-annex', '--file', path.join(dataDir, 'absent.txt'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Fichier introuvable/);
    const notAnnex = path.join(dataDir, 'autre.txt');
    fs.writeFileSync(notAnnex, 'bonjour\n');
    const wrong = await cli(dataDir, 'offer', 'import-annex', '--file', notAnnex);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/ne contient pas le tableau de l'annexe/);
  }, 300_000);
});
