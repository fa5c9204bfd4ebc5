import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './search';

describe('parseSearchQuery', () => {
  it('reads a real birth date, written either way', () => {
    expect(parseSearchQuery('Martin 2/3/1975')).toMatchObject({ birthDate: '1975-03-02', words: 'Martin' });
    expect(parseSearchQuery('1975-03-02 Martin')).toMatchObject({ birthDate: '1975-03-02', words: 'Martin' });
    expect(parseSearchQuery('29/02/2000')).toMatchObject({ birthDate: '2000-02-29' });
  });

  it('never takes an impossible date for a birth date (PostgreSQL would refuse it)', () => {
    for (const q of ['2026-02-30', '31/02/2000', '29/02/2026', '0000-00-00', '2026-13-01', '9999-12-31'])
      expect(parseSearchQuery(q).birthDate, q).toBeNull();
  });
});
