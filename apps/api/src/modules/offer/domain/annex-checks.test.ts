import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CheckedAnnex, checkAnnex, checkedFromParsed, formatEuros } from './annex-checks';
import { parseAnnex } from './annex-parser';

const base = (): CheckedAnnex => ({
  year: 2020,
  header: null,
  actions: [
    {
      code: '9-1',
      axis: 9,
      status: 'nouvelle',
      kind: 'socle',
      sheetKind: null,
      amountCents: 10_000,
      stateShareCents: 5_000,
      departmentShareCents: 5_000,
      amountText: null,
      sheetYears: [],
      sheetTotalCents: null,
    },
  ],
  lines: [
    {
      scope: 'axis',
      label: 'TOTAL AXE 9',
      amountCents: 10_000,
      stateShareCents: 5_000,
      departmentShareCents: 5_000,
      actionCodes: ['9-1'],
    },
  ],
});

describe('the annex checks', () => {
  it('finds nothing in a consistent annex', () => {
    expect(checkAnnex(base())).toEqual([]);
  });

  it('reports shares that do not make the amount, with both facts', () => {
    const a = base();
    a.actions[0]!.departmentShareCents = 4_000;
    a.lines[0]!.departmentShareCents = 4_000;
    const found = checkAnnex(a).filter((f) => f.actionCode === '9-1');
    expect(found.map((f) => f.kind)).toEqual(['shares_sum', 'share_not_half']);
    expect(found[0]!.facts.map((f) => f.amountCents)).toEqual([10_000, 9_000]);
    expect(found[0]!.message).toBe(
      'Action 9-1 : part État (50 €) + part département (40 €) = 90 €, pour un montant de 100 €.',
    );
  });

  it('reports a printed total that is not the sum of its rows', () => {
    const a = base();
    a.lines[0]!.amountCents = 12_000;
    const [f] = checkAnnex(a).filter((x) => x.kind === 'total_mismatch');
    expect(f!.facts.map((x) => x.amountCents)).toEqual([12_000, 10_000]);
    expect(f!.message).toContain('TOTAL AXE 9');
  });

  it('reports a sheet whose budget differs from the table, and an action without amount', () => {
    const a = base();
    a.actions[0]!.sheetYears = [{ year: 2020, amountCents: 20_000 }];
    a.actions.push({
      ...a.actions[0]!,
      code: '9-2',
      amountCents: null,
      stateShareCents: null,
      departmentShareCents: null,
      amountText: 'A définir',
      sheetYears: [],
    });
    const kinds = checkAnnex(a).map((f) => [f.kind, f.actionCode]);
    expect(kinds).toContainEqual(['sheet_differs', '9-1']);
    expect(kinds).toContainEqual(['no_amount', '9-2']);
  });

  it('finds the contradictions of the 2020 annex', () => {
    const text = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../../data/pdi-2020-annex.txt'),
      'utf8',
    );
    const found = checkAnnex(checkedFromParsed(parseAnnex(text)));
    const of = (kind: string) => found.filter((f) => f.kind === kind).map((f) => f.actionCode ?? f.lineLabel);
    expect(of('sheet_differs')).toEqual(['1-8']);
    expect(of('share_not_half')).toEqual(['1-8']);
    expect(of('no_amount')).toEqual(['1-6', '2-3', '3-1', '4.1']);
    expect(of('kind_mismatch')).toEqual(['3-23', '3-24', '3-25']);
    expect(of('shares_sum')).toEqual([
      '3-2',
      '3-12',
      'Sous-total ORIENTATION ET PARCOURS DES ALLOCATAIRES',
      'Total bénéficiaires/financement (GARANTIE ACTIVITE)',
      'TOTAL AXE 3',
      'TOTAL GENERAL',
    ]);
    expect(of('header_differs')).toEqual(['TOTAL GENERAL']);
    expect(of('total_mismatch')).toEqual([]);
  });

  it('formats euros the French way', () => {
    expect(formatEuros(1_120_924_246)).toBe('11\u202f209\u202f242,46 €');
    expect(formatEuros(null)).toBe('—');
  });
});
