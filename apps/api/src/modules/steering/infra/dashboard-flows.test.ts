import { describe, expect, it } from 'vitest';
import { monthsOf } from './dashboard-flows';

describe('months of a period', () => {
  it('lists every month from the first to the last, across years', () => {
    expect(monthsOf('2024-11-30', '2025-02-01')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsOf('2024-02-29', '2024-02-29')).toEqual(['2024-02']);
  });
});
