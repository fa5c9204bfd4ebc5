import { describe, expect, it } from 'vitest';
import { latestInForce, ruleOn, ruleSetHistory, withBuiltIns } from './dated-rules';

const builtIns = [
  { effectiveFrom: '2009-06-01', n: 1, source: 'code' },
  { effectiveFrom: '2025-01-01', n: 2, source: 'code' },
];

describe('ruleOn', () => {
  const sets = [builtIns[1]!, { effectiveFrom: '2027-01-01', n: 3, source: 'délibération' }, builtIns[0]!];

  it('takes the latest set whose date is not after the day, whatever the order', () => {
    expect(ruleOn(sets, '2024-12-31').n).toBe(1);
    expect(ruleOn(sets, '2025-01-01').n).toBe(2);
    expect(ruleOn(sets, '2026-12-31').n).toBe(2);
    expect(ruleOn(sets, '2030-01-01').n).toBe(3);
  });

  it('takes the oldest before them all; latestInForce has none', () => {
    expect(ruleOn(sets, '2000-01-01').n).toBe(1);
    expect(latestInForce(sets, '2000-01-01')).toBeUndefined();
  });

  it('throws the given message when there is no set at all', () => {
    expect(() => ruleOn([], '2026-01-01', 'no cap rule')).toThrow('no cap rule');
  });
});

describe('merging with the built-in sets', () => {
  const stored = [
    { effectiveFrom: '2025-01-01', n: 20, source: 'département' },
    { effectiveFrom: '2026-03-01', n: 30, source: 'département' },
  ];

  it('a stored set replaces the built-in one of the same date', () => {
    expect(withBuiltIns(builtIns, stored).map((r) => r.n)).toEqual([1, 20, 30]);
    expect(withBuiltIns(builtIns, [])).toEqual(builtIns);
  });

  it('the history flags the built-ins and lists the latest first', () => {
    const history = ruleSetHistory(
      builtIns,
      stored.map((s) => ({
        ...s,
        builtIn: false,
        createdByName: 'Awa Diallo',
        createdAt: '2026-02-01T10:00:00.000Z',
      })),
    );
    expect(history.map((r) => [r.effectiveFrom, r.n, r.builtIn, r.createdByName])).toEqual([
      ['2026-03-01', 30, false, 'Awa Diallo'],
      ['2025-01-01', 20, false, 'Awa Diallo'],
      ['2009-06-01', 1, true, null],
    ]);
    expect(history.at(-1)?.createdAt).toBeNull();
  });
});
