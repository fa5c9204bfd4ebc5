import { describe, expect, it } from 'vitest';
import { defaultPeriod, filtersFromParams, monthLabel, paramsOf, share } from './filters';

describe('dashboard filters', () => {
  it('defaults to 1 January of last year → today, and keeps what the address says', () => {
    expect(defaultPeriod('2026-03-15')).toEqual({ from: '2025-01-01', to: '2026-03-15' });
    const f = filtersFromParams(new URLSearchParams('from=2026-01-01&hub=aix-gardanne'), '2026-03-15');
    expect(f).toEqual({ from: '2026-01-01', to: '2026-03-15', hub: 'aix-gardanne', structure: undefined });
    expect(paramsOf(f).toString()).toBe('from=2026-01-01&to=2026-03-15&hub=aix-gardanne');
  });

  it('labels months and shares in French', () => {
    expect(monthLabel('2024-02')).toBe('févr. 2024');
    expect(share(1, 3)).toBe('33,3 %');
    expect(share(0, 0)).toBe('—');
  });
});
