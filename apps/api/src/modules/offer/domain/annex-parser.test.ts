import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnnex, parseEuros } from './annex-parser';
import { datesIn, targetOf } from './annex-sheet-parser';

const text = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../../data/pdi-2020-annex.txt'),
  'utf8',
);
const annex = parseAnnex(text);
const action = (code: string) => annex.actions.find((a) => a.code === code)!;
const line = (label: string) => annex.lines.find((l) => l.label.startsWith(label))!;
const sum = (codes: string[], f: 'amountCents' | 'stateShareCents' | 'departmentShareCents') =>
  codes.reduce((s, c) => s + (action(c)[f] ?? 0), 0);

describe('the 2020 annex parser', () => {
  it('reads amounts as printed, in cents', () => {
    expect(parseEuros('1 644 583 €')).toBe(164_458_300);
    expect(parseEuros('11 209 242,46 €')).toBe(1_120_924_246);
    expect(parseEuros('1 000 000€')).toBe(100_000_000);
    expect(parseEuros('A définir pour 2021')).toBeNull();
    expect(parseEuros('/')).toBeNull();
  });

  it('reads every action of the table with its code, axis, kind, status and amounts', () => {
    expect(annex.actions).toHaveLength(41);
    expect(annex.actions.map((a) => a.code)).toEqual(expect.arrayContaining(['1-1', '3-4', '4.1', 'Ex 3-7']));
    expect(action('1-1')).toMatchObject({
      axis: 1,
      kind: 'socle',
      status: 'poursuivie',
      title: "Accompagner les sorties de l'ASE",
      amountCents: 44_940_000,
      stateShareCents: 22_470_000,
      departmentShareCents: 22_470_000,
      publicText: "Jeunes confiés à l'ASE de 16 à 21 ans",
    });
    expect(action('1-3').kind).toBe('initiative_departementale');
    expect(action('3-10').status).toBe('renforcee');
    expect(action('Ex 3-7')).toMatchObject({ status: 'annulee', amountCents: null });
    expect(action('1-6')).toMatchObject({ amountCents: null, amountText: 'A définir pour 2021' });
    expect(action('3-2')).toMatchObject({ plannedBeneficiaries: 1000, amountCents: 64_075_700 });
    expect(action('3-4')).toMatchObject({
      plannedBeneficiaries: null,
      plannedBeneficiariesText: '216 à 336',
    });
    expect(action('1-8').description).not.toContain('<p>');
  });

  it('keeps the printed sub-totals, axis totals, valuation line and grand total with the codes they sum', () => {
    expect(annex.subtitle).toBe('Commission permanente du 25 sept 2020 - Rapport n° 25 - BAVENANT 2020');
    expect(annex.header).toEqual({
      amountCents: 1_120_924_246,
      stateShareCents: 560_462_023,
      departmentShareCents: 560_462_023,
    });
    const axes = [1, 2, 3, 4].map((n) => line(`TOTAL AXE ${n}`));
    expect(axes.map((l) => l.amountCents)).toEqual([164_458_300, 199_500_000, 746_978_800, 0]);
    for (const l of axes) expect(sum(l.actionCodes, 'amountCents')).toBe(l.amountCents);
    // The unlabelled sub-total of axis 3 is shifted by a column in the seed: read all the same.
    const orientation = line('Sous-total ORIENTATION');
    expect(orientation).toMatchObject({
      amountCents: 318_960_500,
      beneficiariesText: '9 343',
      newCreditsCents: null,
    });
    expect(orientation.actionCodes).toEqual(['3-1', '3-2', '3-3', '3-4', '3-5', '3-6', '3-7', '3-8', '3-9']);
    const valuation = annex.lines.find((l) => l.scope === 'valuation')!;
    expect(valuation).toMatchObject({
      amountCents: 9_987_100,
      stateShareCents: 0,
      departmentShareCents: 9_987_100,
    });
    const general = annex.lines.find((l) => l.scope === 'general')!;
    const all = general.actionCodes;
    expect(sum(all, 'amountCents') + valuation.amountCents!).toBe(1_120_924_200);
    expect(sum(all, 'stateShareCents') + valuation.stateShareCents!).toBe(560_462_000);
    expect(sum(all, 'departmentShareCents') + valuation.departmentShareCents!).toBe(560_462_000);
    expect(general).toMatchObject({
      amountCents: 1_120_924_200,
      stateShareCents: 560_462_000,
      departmentShareCents: 560_462_000,
    });
  });

  it('attaches each new action its sheet: operator, dates, multi-year budget, indicators, phases', () => {
    const s18 = action('1-8').sheet!;
    expect(s18).toMatchObject({ kind: 'hors_socle', totalCents: 40_974_000 });
    expect(s18.yearly.find((y) => y.year === 2020)).toMatchObject({
      amountCents: 20_487_000,
      text: '204 870 € (sous réserve)',
    });
    expect(action('3-3').sheet?.code).toBe('3.3');
    expect(action('3-6').sheet).toMatchObject({
      operators: ['Association AREAT'],
      startsOn: '2020-06-01',
      endsOn: '2021-05-31',
    });
    expect(action('3-14').sheet).toMatchObject({
      operators: ['Mission locale de Marseille'],
      startsOn: '2020-09-01',
    });
    const aciade = action('3-4').sheet!;
    expect(aciade.lots).toHaveLength(6);
    expect(aciade.lots[0]).toEqual({
      lot: 'Lot 1',
      territory: 'Marseille 1/5/6/7 et 2/3',
      operator: 'ACOPAD',
    });
    expect(aciade.phases.map((p) => p.weeks)).toEqual([5, 9, undefined]);
    expect(action('3-8').sheet?.weeks).toBe(11);
    expect(action('3-9').sheet?.weeks).toBe(4);
    expect(action('3-17').sheet).toMatchObject({ minAge: 25, maxAge: 35, sex: 'F' });
    expect(action('3-22').sheet).toMatchObject({ minAge: 50, maxAge: null });
    expect(action('2-5').sheet?.indicators[0]).toEqual({
      label: 'Publics Code action sociale et des familles',
      targets: { '2018': '0%', '2019': '0%', '2020': '80%', '2021': '100%' },
    });
    expect(action('3-23').sheet?.kind).toBe('socle');
    expect(action('3-23').kind).toBe('initiative_departementale');
    expect(action('3-17').titleOperators).toEqual(['CDIFF']);
    expect(action('3-4').titleOperators).toEqual([]);
    expect(annex.orphanSheets).toEqual([]);
  });

  it('reads dates and target publics of the sheets', () => {
    expect(datesIn('du 1^{er} octobre 2020 au 30 septembre 2021'.replace('^{er}', 'er'))).toEqual([
      '2020-10-01',
      '2021-09-30',
    ]);
    expect(datesIn('novembre 2020')).toEqual([]);
    expect(targetOf('Les jeunes de 18 à 25 ans')).toEqual({ minAge: 18, maxAge: 25, sex: null });
  });

  it('refuses a file that is not the annex, in French', () => {
    expect(() => parseAnnex('bonjour')).toThrow(/tableau de l'annexe/);
  });
});
