import { describe, expect, it } from 'vitest';
import {
  builtInRsaBases,
  CAF_FILE_COLUMNS,
  cafFileContent,
  monthsSuspended,
  payBackOf,
  rsaBaseOn,
} from './caf-transmission';

describe('months of suspension', () => {
  it('counts whole months, a begun month as one, capped by the months decided', () => {
    expect(monthsSuspended('2025-07-10', '2025-07-10', 4)).toBe(0);
    expect(monthsSuspended('2025-07-10', '2025-07-11', 4)).toBe(1);
    expect(monthsSuspended('2025-07-10', '2025-08-10', 4)).toBe(1);
    expect(monthsSuspended('2025-07-10', '2025-08-11', 4)).toBe(2);
    // 10 July → 5 September: one whole month (to 10 August) and a begun one.
    expect(monthsSuspended('2025-07-10', '2025-09-05', 4)).toBe(2);
    expect(monthsSuspended('2025-11-30', '2026-02-01', null)).toBe(3);
    expect(monthsSuspended('2025-01-15', '2026-01-15', 4)).toBe(4);
    expect(monthsSuspended('2025-09-05', '2025-07-10', 4)).toBe(0);
  });
});

describe('sums to pay back after a remobilisation', () => {
  const base = rsaBaseOn(builtInRsaBases, '2025-09-05');

  it('reads the RSA base in force on the end date (RULES.md: 646.52 € from 1 April 2025)', () => {
    expect(base.monthlyBaseCents).toBe(64652);
    expect(base.effectiveFrom).toBe('2025-04-01');
    const later = rsaBaseOn(
      [...builtInRsaBases, { effectiveFrom: '2026-04-01', monthlyBaseCents: 65700, source: 'essai' }],
      '2026-04-01',
    );
    expect(later.monthlyBaseCents).toBe(65700);
  });

  it('pays back min(months, 3) × base × rate', () => {
    // 2 months × 646.52 € × 50 % = 646.52 €.
    expect(
      payBackOf({ startOn: '2025-07-10', endOn: '2025-09-05', percent: 50, decidedMonths: 4 }, base),
    ).toEqual({
      monthsSuspended: 2,
      monthsPaidBack: 2,
      percent: 50,
      monthlyBaseCents: 64652,
      baseEffectiveFrom: '2025-04-01',
      amountCents: 64652,
    });
    // 5 months suspended, 3 paid back: 3 × 646.52 € × 30 % = 581.868 € → 581.87 €.
    const five = payBackOf(
      { startOn: '2025-06-15', endOn: '2025-11-15', percent: 30, decidedMonths: 6 },
      base,
    );
    expect(five.monthsSuspended).toBe(5);
    expect(five.monthsPaidBack).toBe(3);
    expect(five.amountCents).toBe(58187);
    // Ended the day it started: nothing to pay back.
    expect(
      payBackOf({ startOn: '2025-07-10', endOn: '2025-07-10', percent: 100, decidedMonths: 1 }, base)
        .amountCents,
    ).toBe(0);
  });
});

describe('the CAF file', () => {
  it('writes a header and one detail line per line, quoting cells that need it', () => {
    const text = cafFileContent([
      {
        lineId: 'l-1',
        departmentCode: '13',
        organism: 'CAF',
        matricule: '1234567',
        claimNumber: 'D-1',
        nir: null,
        birthName: 'DURAND; dit "Jo"',
        usualName: null,
        firstName: 'Jo',
        birthDate: '1980-02-03',
        kind: 'sanction_start',
        effectiveOn: '2025-07-10',
        percent: 50,
        months: 4,
        endReason: null,
        cancelsLineId: null,
      },
      {
        lineId: 'l-2',
        departmentCode: '13',
        organism: 'CAF',
        matricule: null,
        claimNumber: 'D-2',
        nir: '1800275123456',
        birthName: 'MARTIN',
        usualName: 'DUPONT',
        firstName: 'Léa',
        birthDate: '1980-02-03',
        kind: 'sanction_end',
        effectiveOn: '2025-09-05',
        percent: null,
        months: null,
        endReason: 'remobilisation_contract',
        cancelsLineId: null,
      },
    ]);
    expect(text.split('\n')).toEqual([
      CAF_FILE_COLUMNS.join(';'),
      'D;l-1;13;CAF;1234567;D-1;;"DURAND; dit ""Jo""";;Jo;1980-02-03;SUSP;2025-07-10;50;4;;',
      'D;l-2;13;CAF;;D-2;1800275123456;MARTIN;DUPONT;Léa;1980-02-03;FIN;2025-09-05;;;REMOB_CONTRAT;',
      '',
    ]);
  });
});
