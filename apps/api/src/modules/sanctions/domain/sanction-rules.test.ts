import { describe, expect, it } from 'vitest';
import { withBuiltIns } from '../../../platform/rules/dated-rules';
import {
  builtInSanctionPractices,
  builtInSanctionRegimes,
  DEFAULT_REPEAT_WINDOW_MONTHS,
  householdCapApplies,
  practiceOn,
  regimeOn,
  type SanctionRegimeRule,
  type SanctionSituation,
  sanctionBoundsOn,
} from './sanction-rules';

const single: SanctionSituation = { householdPersons: 1, singleParentIncrease: false, repeat: 1 };
const bounds = (day: string, over: Partial<SanctionSituation> = {}) =>
  sanctionBoundsOn(builtInSanctionRegimes, day, { ...single, ...over });

describe('sanction regimes (RULES.md "Sanctions")', () => {
  it('judges facts of 31 May 2025 by the earlier regime: up to 80 %, 1 to 3 months', () => {
    expect(bounds('2025-05-31')).toEqual({
      regime: 'earlier',
      minPercent: null,
      maxPercent: 80,
      minMonths: 1,
      maxMonths: 3,
      epOpinionRequiredForRemoval: true,
    });
  });

  it('judges facts of 1 June 2025 by the suspension-remobilisation: at least 30 %, 1 to 2 months', () => {
    expect(bounds('2025-06-01')).toEqual({
      regime: 'suspension_remobilisation_2025',
      minPercent: 30,
      maxPercent: 100,
      minMonths: 1,
      maxMonths: 2,
      epOpinionRequiredForRemoval: true,
    });
  });

  it('a repeated failure: 1 to 4 months under both regimes', () => {
    expect(bounds('2025-05-31', { repeat: 2 })).toMatchObject({
      regime: 'earlier',
      minPercent: null,
      maxPercent: 80,
      minMonths: 1,
      maxMonths: 4,
    });
    expect(bounds('2025-06-01', { repeat: 2 })).toMatchObject({
      regime: 'suspension_remobilisation_2025',
      minPercent: 30,
      maxPercent: 100,
      minMonths: 1,
      maxMonths: 4,
    });
  });

  it('caps at 50 % a household of several persons, under both regimes, first or repeated failure', () => {
    for (const repeat of [1, 2] as const) {
      expect(bounds('2025-05-31', { householdPersons: 3, repeat })).toMatchObject({
        minPercent: null,
        maxPercent: 50,
      });
      expect(bounds('2025-06-01', { householdPersons: 3, repeat })).toMatchObject({
        minPercent: 30,
        maxPercent: 50,
      });
    }
    expect(bounds('2025-06-01', { householdPersons: 2 }).maxPercent).toBe(50);
  });

  it('the single-parent increase caps at 50 % from 1 June 2025, not before (RULES.md names it only then)', () => {
    expect(bounds('2025-06-01', { singleParentIncrease: true }).maxPercent).toBe(50);
    expect(bounds('2025-05-31', { singleParentIncrease: true }).maxPercent).toBe(80);
    // A parent with the increase and a child is a household of two: capped either way.
    expect(bounds('2025-05-31', { singleParentIncrease: true, householdPersons: 2 }).maxPercent).toBe(50);
  });

  it('facts before every set fall back to the oldest one; the regime stays from its date on', () => {
    expect(bounds('2001-01-01').regime).toBe('earlier');
    expect(bounds('2031-12-31').regime).toBe('suspension_remobilisation_2025');
  });

  it('the EP: heard before any sanction in the earlier regime, only before a removal from 2025', () => {
    expect(regimeOn(builtInSanctionRegimes, '2025-05-31')).toMatchObject({
      epOpinionRequiredForSanction: true,
      epOpinionRequiredForRemoval: true,
      removalAtEndOfSuspension: true,
    });
    expect(regimeOn(builtInSanctionRegimes, '2025-06-01')).toMatchObject({
      epOpinionRequiredForSanction: false,
      epOpinionRequiredForRemoval: true,
      removalAtEndOfSuspension: false,
    });
  });

  it('counts a failure as repeated over a dated window (12 months by default)', () => {
    expect(DEFAULT_REPEAT_WINDOW_MONTHS).toBe(12);
    for (const r of builtInSanctionRegimes) expect(r.repeatWindowMonths).toBe(12);
  });

  it('a set stored later by the département takes effect from its date, the former ones stay', () => {
    const base = regimeOn(builtInSanctionRegimes, '2025-06-01');
    const stored: SanctionRegimeRule = {
      ...base,
      effectiveFrom: '2027-01-01',
      regime: 'essai_2027',
      first: { minPercent: 40, maxPercent: 90, minMonths: 1, maxMonths: 3 },
      householdCapPercent: 60,
      capForSingleParentIncrease: false,
      source: 'Délibération de test',
    };
    const sets = withBuiltIns(builtInSanctionRegimes, [stored]);
    expect(sanctionBoundsOn(sets, '2026-12-31', single)).toMatchObject({
      regime: 'suspension_remobilisation_2025',
      minPercent: 30,
      maxPercent: 100,
      maxMonths: 2,
    });
    expect(sanctionBoundsOn(sets, '2027-01-01', single)).toMatchObject({
      regime: 'essai_2027',
      minPercent: 40,
      maxPercent: 90,
      maxMonths: 3,
    });
    expect(sanctionBoundsOn(sets, '2027-01-01', { ...single, householdPersons: 4 }).maxPercent).toBe(60);
    expect(sanctionBoundsOn(sets, '2027-01-01', { ...single, singleParentIncrease: true }).maxPercent).toBe(
      90,
    );
    expect(sanctionBoundsOn(sets, '2025-05-31', single).regime).toBe('earlier');
  });

  it('a stored set of the same date replaces the built-in one', () => {
    const base = regimeOn(builtInSanctionRegimes, '2025-06-01');
    const sets = withBuiltIns(builtInSanctionRegimes, [
      { ...base, regime: 'propre', repeatWindowMonths: 24 },
    ]);
    expect(regimeOn(sets, '2025-06-01')).toMatchObject({ regime: 'propre', repeatWindowMonths: 24 });
    expect(sets).toHaveLength(2);
  });

  it('never gives a minimum above the ceiling', () => {
    const base = regimeOn(builtInSanctionRegimes, '2025-06-01');
    const strict = { ...base, first: { ...base.first, minPercent: 60 } };
    expect(sanctionBoundsOn([strict], '2025-06-01', { ...single, householdPersons: 2 })).toMatchObject({
      minPercent: 50,
      maxPercent: 50,
    });
  });

  it('no ceiling when the set has none', () => {
    expect(
      householdCapApplies(
        { householdCapPercent: null, capForSingleParentIncrease: false },
        { householdPersons: 5, singleParentIncrease: true },
      ),
    ).toBe(false);
  });
});

describe('the département’s practice (sheet 3-9)', () => {
  it('suspension, automatic reinstatement after 2 months; again → 3 months then removal; SAS 4 weeks × 3', () => {
    expect(practiceOn(builtInSanctionPractices, '2025-06-01')).toMatchObject({
      applies: true,
      firstSuspensionMonths: 2,
      automaticReinstatement: true,
      secondSuspensionMonths: 3,
      removalAfterSecondSuspension: true,
      sasWeeks: 4,
      sasHalfDaysPerWeek: 3,
    });
  });

  it('a practice stored from a date replaces it from then on only', () => {
    const stored = { ...builtInSanctionPractices[0]!, effectiveFrom: '2026-01-01', applies: false };
    const sets = withBuiltIns(builtInSanctionPractices, [stored]);
    expect(practiceOn(sets, '2025-12-31').applies).toBe(true);
    expect(practiceOn(sets, '2026-01-01').applies).toBe(false);
  });
});
