import { describe, expect, it } from 'vitest';
import {
  contractDurationLabel,
  DEFAULT_MINIMUM_WEEKLY_HOURS,
  weeklyPlan,
  weeksUnderMinimum,
} from './contract-planner';

const step = (weeklyHours: number, startDate: string, endDate: string) => ({
  weeklyHours,
  startDate,
  endDate,
});

describe('weeklyPlan (the 15-hour planner)', () => {
  it('cuts the contract in weeks of 7 days from its start, the last one shorter', () => {
    const weeks = weeklyPlan({ startDate: '2026-01-07', endDate: '2026-01-24' }, []);
    expect(weeks.map((w) => [w.weekStart, w.weekEnd])).toEqual([
      ['2026-01-07', '2026-01-13'],
      ['2026-01-14', '2026-01-20'],
      ['2026-01-21', '2026-01-24'],
    ]);
    expect(weeks.every((w) => w.hours === 0 && w.underMinimum)).toBe(true);
  });

  it('sums the steps overlapping each week, with quarter hours', () => {
    const weeks = weeklyPlan({ startDate: '2026-01-05', endDate: '2026-01-25' }, [
      step(10, '2026-01-05', '2026-01-25'),
      step(8.25, '2026-01-12', '2026-01-12'),
      step(5, '2026-01-19', '2026-01-30'),
    ]);
    expect(weeks.map((w) => w.hours)).toEqual([10, 18.25, 15]);
    expect(weeks.map((w) => w.underMinimum)).toEqual([true, false, false]);
    expect(weeksUnderMinimum(weeks).map((w) => w.weekStart)).toEqual(['2026-01-05']);
  });

  it('counts a step in a week it touches by one day only, at both ends', () => {
    const weeks = weeklyPlan({ startDate: '2026-03-02', endDate: '2026-03-15' }, [
      step(15, '2026-03-08', '2026-03-09'),
    ]);
    expect(weeks.map((w) => w.hours)).toEqual([15, 15]);
  });

  it('uses the minimum given (a dated rule) or 15 h by default', () => {
    expect(DEFAULT_MINIMUM_WEEKLY_HOURS).toBe(15);
    const c = { startDate: '2026-01-05', endDate: '2026-01-11' };
    expect(weeklyPlan(c, [step(14.75, '2026-01-05', '2026-01-11')])[0]?.underMinimum).toBe(true);
    expect(weeklyPlan(c, [step(14.75, '2026-01-05', '2026-01-11')], 12)[0]?.underMinimum).toBe(false);
    expect(weeklyPlan(c, [step(15, '2026-01-05', '2026-01-11')])[0]?.underMinimum).toBe(false);
  });

  it('gives no week to a contract ending before it starts, one to a one-day contract', () => {
    expect(weeklyPlan({ startDate: '2026-02-10', endDate: '2026-02-09' }, [])).toEqual([]);
    expect(weeklyPlan({ startDate: '2026-02-10', endDate: '2026-02-10' }, [])).toHaveLength(1);
  });

  it('crosses a change of year and a leap day', () => {
    const weeks = weeklyPlan({ startDate: '2027-12-29', endDate: '2028-03-05' }, []);
    expect(weeks[0]).toMatchObject({ weekStart: '2027-12-29', weekEnd: '2028-01-04' });
    expect(weeks.find((w) => w.weekStart <= '2028-02-29' && w.weekEnd >= '2028-02-29')).toBeDefined();
    expect(weeks.at(-1)?.weekEnd).toBe('2028-03-05');
  });
});

describe('contractDurationLabel', () => {
  it('says the duration in French, last day included', () => {
    expect(contractDurationLabel('2026-01-05', '2026-07-04')).toBe('6 mois');
    expect(contractDurationLabel('2026-01-01', '2026-12-31')).toBe('1 an');
    expect(contractDurationLabel('2026-01-01', '2027-12-31')).toBe('2 ans');
    expect(contractDurationLabel('2026-01-01', '2027-03-31')).toBe('1 an et 3 mois');
    expect(contractDurationLabel('2026-01-10', '2026-04-24')).toBe('3 mois et 15 jours');
    expect(contractDurationLabel('2026-01-05', '2026-04-06')).toBe('3 mois et 2 jours');
    expect(contractDurationLabel('2026-01-05', '2026-01-16')).toBe('12 jours');
    expect(contractDurationLabel('2026-03-01', '2026-03-01')).toBe('1 jour');
    expect(contractDurationLabel('2026-01-05', '2027-03-07')).toBe('1 an, 2 mois et 3 jours');
    expect(contractDurationLabel('2026-01-05', '2027-01-06')).toBe('1 an et 2 jours');
  });

  it('clamps month ends and says nothing of reversed dates', () => {
    // A month from 31 January is 28 February (clamped), then 3 days to 2 March included.
    expect(contractDurationLabel('2026-01-31', '2026-03-02')).toBe('1 mois et 3 jours');
    expect(contractDurationLabel('2026-01-31', '2026-02-27')).toBe('28 jours');
    expect(contractDurationLabel('2026-12-31', '2027-06-29')).toBe('5 mois et 30 jours');
    expect(contractDurationLabel('2026-03-02', '2026-03-01')).toBe('');
  });
});
