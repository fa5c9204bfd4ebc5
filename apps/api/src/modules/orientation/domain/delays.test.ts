import { describe, expect, it } from 'vitest';
import { defaultOrientationDelayRules, orientationDeadlines, ruleInForce } from './delays';

describe('orientation deadlines', () => {
  it('gives one month of target and six weeks of legal deadline for an entry of 2026', () => {
    const d = orientationDeadlines('2026-01-31', '2026-02-10');
    // One month after 31 January is the end of February, not 3 March.
    expect(d.targetDate).toBe('2026-02-28');
    expect(d.legalDeadline).toBe('2026-03-14');
    expect(d.daysLeftTarget).toBe(18);
    expect(d.daysLeftLegal).toBe(32);
  });

  it('judges an entry by the rule in force at its date: no legal deadline before 2025', () => {
    const d = orientationDeadlines('2024-12-15', '2025-02-01');
    expect(d.legalDeadline).toBeNull();
    expect(d.daysLeftLegal).toBeNull();
    expect(d.daysLeftTarget).toBe(-17);
  });

  it('lets a département rule with a later effective date win from that date only', () => {
    const rules = [
      ...defaultOrientationDelayRules,
      { effectiveFrom: '2026-06-01', targetMonths: 2, legalDeadlineDays: 42, source: 'délibération' },
    ];
    expect(ruleInForce(rules, '2026-05-31').targetMonths).toBe(1);
    expect(orientationDeadlines('2026-06-01', '2026-06-01', rules).targetDate).toBe('2026-08-01');
  });
});
