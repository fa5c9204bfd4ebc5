import { describe, expect, it } from 'vitest';
import { builtInImmersionLimits, limitsOn, plannedProblems } from './limits';

const week = (hours: [string, string][]) =>
  [1, 2, 3, 4, 5].flatMap((day) => hours.map(([start, end]) => ({ day, start, end })));

describe('immersion limits (dated rules)', () => {
  const rules = [
    ...builtInImmersionLimits,
    { effectiveFrom: '2027-01-01', maxCalendarDays: 20, maxWeeklyHours: 35, source: 'test' },
  ];
  it('the set in force on the start date applies', () => {
    expect(limitsOn(rules, '2026-12-31').maxCalendarDays).toBe(30);
    expect(limitsOn(rules, '2027-01-01').maxCalendarDays).toBe(20);
    expect(limitsOn(builtInImmersionLimits, '2026-06-01')).toMatchObject({
      maxCalendarDays: 30,
      maxWeeklyHours: 48,
    });
  });
  it('30 calendar days pass, 31 are refused under endDate', () => {
    const limits = limitsOn(builtInImmersionLimits, '2026-03-01');
    const schedule = week([['09:00', '12:00']]);
    expect(plannedProblems({ startDate: '2026-03-01', endDate: '2026-03-30', schedule }, limits)).toEqual([]);
    const errors = plannedProblems({ startDate: '2026-03-01', endDate: '2026-03-31', schedule }, limits);
    expect(errors.map((e) => [e.path, e.code])).toEqual([['endDate', 'too_long']]);
  });
  it('48 hours a week pass, 48 h 30 are refused under schedule', () => {
    const limits = limitsOn(builtInImmersionLimits, '2026-03-01');
    const ok = [...week([['08:00', '17:36']])];
    expect(plannedProblems({ startDate: '2026-03-02', endDate: '2026-03-06', schedule: ok }, limits)).toEqual(
      [],
    );
    const over = [...ok, { day: 6, start: '08:00', end: '08:30' }];
    const errors = plannedProblems(
      { startDate: '2026-03-02', endDate: '2026-03-06', schedule: over },
      limits,
    );
    expect(errors[0]?.message).toMatch(/48 h par semaine : l’emploi du temps en compte 48 h 30/);
  });
  it('a renewal counts the days of its chain; an end before the start is refused first', () => {
    const limits = limitsOn(builtInImmersionLimits, '2026-03-01');
    const schedule = week([['09:00', '12:00']]);
    expect(plannedProblems({ startDate: '2026-04-01', endDate: '2026-04-10', schedule }, limits, 20)).toEqual(
      [],
    );
    expect(
      plannedProblems({ startDate: '2026-04-01', endDate: '2026-04-11', schedule }, limits, 20)[0]?.code,
    ).toBe('too_long');
    expect(
      plannedProblems({ startDate: '2026-04-05', endDate: '2026-04-01', schedule }, limits)[0]?.code,
    ).toBe('end_before_start');
  });
});
